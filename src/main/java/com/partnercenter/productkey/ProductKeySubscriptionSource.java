package com.partnercenter.productkey;

import com.partnercenter.provisioning.ProvisioningWorker;
import com.partnercenter.provisioning.SubscriptionOrder;
import com.partnercenter.provisioning.SubscriptionSource;
import com.partnercenter.request.FlowRequest;
import com.partnercenter.subscription.Subscription;
import org.springframework.stereotype.Component;

/**
 * Provisioning of a product key ({@code subscriptionFrom = productKey}): the loop's key, reserved by this setup and
 * in the request's partner's inventory, gives the SKU, licenses and term of an active subscription for the request's
 * customer (the partner of record is registered afterwards, when eligible).
 */
@Component
public class ProductKeySubscriptionSource implements SubscriptionSource {

    private final ProductKeyRepository keys;

    public ProductKeySubscriptionSource(ProductKeyRepository keys) {
        this.keys = keys;
    }

    @Override
    public String name() {
        return "productKey";
    }

    @Override
    public SubscriptionOrder order(FlowRequest request, ProvisioningWorker.Task task) {
        if (request.customerId() == null) {
            throw new IllegalArgumentException("the setup " + request.processInstanceId() + " has no customer yet");
        }
        Object code = task.variable(ProvisioningWorker.PRODUCT_KEY);
        ProductKey key = keys.find(String.valueOf(code)).orElseThrow(
                () -> new IllegalArgumentException("product key " + code + " does not exist"));
        if (!request.processInstanceId().equals(key.reservedBy()) || key.partnerId() != request.partnerId()) {
            throw new IllegalArgumentException("product key " + key.formatted() + " is not reserved by this setup of "
                    + "its partner");
        }
        return new SubscriptionOrder.Create(request.customerId(), key.skuCode(), key.licenses(),
                Subscription.Status.ACTIVE, Subscription.Origin.PRODUCT_KEY, null, key.termMonths());
    }
}
