package com.partnercenter.provisioning;

import com.partnercenter.subscription.Subscription;

/** What a provisioning step does to a subscription, as a flow's rows (never its variables) say. */
public sealed interface SubscriptionOrder {

    /** A new subscription; {@code termMonths} null: the SKU's term. */
    record Create(long customerId, String skuCode, int licenses, Subscription.Status status, Subscription.Origin origin,
            Long partnerOfRecordId, Integer termMonths) implements SubscriptionOrder {}

    /** The customer's running trial becomes a paid subscription of {@code licenses}. */
    record Convert(long trialSubscriptionId, int licenses) implements SubscriptionOrder {}
}
