package com.partnercenter.trial;

import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.provisioning.ProvisioningWorker;
import com.partnercenter.provisioning.SubscriptionOrder;
import com.partnercenter.provisioning.SubscriptionSource;
import com.partnercenter.request.FlowRequest;
import com.partnercenter.subscription.Subscription;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Provisioning of a trial ({@code subscriptionFrom = trial}): the request's SKU as the catalogue offers it for a
 * trial (its trial licenses and length), for the request's customer, with the request's partner as partner of record.
 * With a new customer ({@code newCustomerSubscriptionsFrom = trial} on its creation step): the same trial, in that step.
 */
@Component
public class TrialSubscriptionSource implements SubscriptionSource {

    private final CatalogueRepository catalogue;

    public TrialSubscriptionSource(CatalogueRepository catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public String name() {
        return "trial";
    }

    @Override
    public SubscriptionOrder order(FlowRequest request, ProvisioningWorker.Task task) {
        if (request.customerId() == null || request.skuCode() == null) {
            throw new IllegalArgumentException("the trial request of " + request.processInstanceId()
                    + " has no customer or no SKU");
        }
        return trialFor(request, request.customerId());
    }

    @Override
    public List<Keyed> ordersWithNewCustomer(FlowRequest request, long customerId) {
        if (request.skuCode() == null) {
            throw new IllegalArgumentException("the trial request of " + request.processInstanceId() + " has no SKU");
        }
        return List.of(new Keyed(request.processInstanceId() + "/trial/" + request.skuCode(),
                trialFor(request, customerId)));
    }

    private SubscriptionOrder.Create trialFor(FlowRequest request, long customerId) {
        Sku sku = catalogue.find(request.skuCode()).filter(Sku::trialAllowed).orElseThrow(
                () -> new IllegalArgumentException("SKU " + request.skuCode() + " offers no trial"));
        return new SubscriptionOrder.Create(customerId, sku.code(), sku.trialLicenses(),
                Subscription.Status.TRIAL, Subscription.Origin.TRIAL_INVITATION, request.partnerId(), null);
    }
}
