package com.partnercenter.offer;

import com.partnercenter.provisioning.ProvisioningWorker;
import com.partnercenter.provisioning.SubscriptionOrder;
import com.partnercenter.provisioning.SubscriptionSource;
import com.partnercenter.request.FlowRequest;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Provisioning of a purchased line ({@code subscriptionFrom = acceptedOfferLine}): the line of the request's accepted
 * offer that the loop works on (the last one its "Read the line" took, in line order: the loop runs its lines one after
 * the other; never a variable naming the SKU), as the customer accepted and the flow planned it — a new subscription of the accepted
 * count (the request's partner as partner of record), or the conversion of the customer's running trial of that SKU.
 * With a new customer ({@code newCustomerSubscriptionsFrom = acceptedOfferLine} on its creation step): every accepted
 * line at once, each a new subscription, recorded on its line as created. Each line's subscription has the key
 * {@link #provisioningKey}, whichever step orders it, so that a second purchase instance of one acceptance never creates a
 * second subscription.
 */
@Component
public class OfferLineSubscriptionSource implements SubscriptionSource {

    private final OfferRepository offers;
    private final SubscriptionRepository subscriptions;

    public OfferLineSubscriptionSource(OfferRepository offers, SubscriptionRepository subscriptions) {
        this.offers = offers;
        this.subscriptions = subscriptions;
    }

    @Override
    public String name() {
        return "acceptedOfferLine";
    }

    /** The idempotency key of an accepted line's subscription: {@code OFFER/{acceptance}/{sku}}. */
    public String provisioningKey(long acceptanceId, String skuCode) {
        return "OFFER/" + acceptanceId + "/" + skuCode;
    }

    @Override
    public List<Keyed> ordersWithNewCustomer(FlowRequest request, long customerId) {
        if (request.acceptanceId() == null) {
            throw new IllegalArgumentException("the purchase of " + request.processInstanceId()
                    + " has no accepted offer");
        }
        List<OfferRepository.AcceptedLine> lines = offers.acceptedLines(request.acceptanceId());
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("acceptance " + request.acceptanceId() + " has no accepted line");
        }
        return lines.stream().map(line -> new Keyed(provisioningKey(request.acceptanceId(), line.skuCode()),
                new SubscriptionOrder.Create(customerId, line.skuCode(), line.licenses(), Subscription.Status.ACTIVE,
                        Subscription.Origin.PURCHASE_OFFER, request.partnerId(), null))).toList();
    }

    @Override
    public void provisioned(FlowRequest request, Keyed ordered, Subscription subscription) {
        offers.planLine(request.acceptanceId(), ordered.order().skuCode(), PurchaseDelegates.Action.CREATE.name(),
                subscription.id());
    }

    @Override
    public SubscriptionOrder order(FlowRequest request, ProvisioningWorker.Task task) {
        if (request.acceptanceId() == null || request.customerId() == null) {
            throw new IllegalArgumentException("the purchase of " + request.processInstanceId()
                    + " has no accepted offer or no customer");
        }
        OfferRepository.AcceptedLine line = offers.currentLine(request.acceptanceId())
                .orElseThrow(() -> new IllegalArgumentException("the loop over the lines of acceptance "
                        + request.acceptanceId() + " has taken none yet"));
        if (PurchaseDelegates.Action.CONVERT.name().equals(line.action())) {
            Subscription trial = subscriptions.findById(line.subscriptionId()).orElseThrow();
            if (trial.customerId() != request.customerId()) {
                throw new IllegalArgumentException("subscription " + trial.id() + " is not the customer's");
            }
            return new SubscriptionOrder.Convert(trial.id(), line.licenses());
        }
        return new SubscriptionOrder.Create(request.customerId(), line.skuCode(), line.licenses(),
                Subscription.Status.ACTIVE, Subscription.Origin.PURCHASE_OFFER, request.partnerId(), null);
    }
}
