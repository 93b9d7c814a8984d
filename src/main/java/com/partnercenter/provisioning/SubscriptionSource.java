package com.partnercenter.provisioning;

import com.partnercenter.request.FlowRequest;
import com.partnercenter.subscription.Subscription;
import java.util.List;

/**
 * Where a flow's provisioning step finds the subscription it orders: a flow module implements it for its rows (the
 * catalogue and the trial's SKU, an accepted offer line, a reserved product key), and the model names it in the
 * step's camunda:property {@value #PROPERTY}. The provisioning worker thus knows no flow by name and takes no SKU,
 * count or term from a variable.
 */
public interface SubscriptionSource {

    /** The camunda:property of a provisioning step that names its source. */
    String PROPERTY = "subscriptionFrom";

    /**
     * The camunda:property of a {@code CREATE_CUSTOMER} step that names the source of the subscriptions the new
     * customer is set up with in the same step (one round trip instead of one per subscription).
     */
    String WITH_NEW_CUSTOMER_PROPERTY = "newCustomerSubscriptionsFrom";

    /**
     * A new subscription under its own idempotency key: the source's, stable across retries of the step (an accepted
     * offer line's is the one its per-line step uses too).
     */
    record Keyed(String provisioningKey, SubscriptionOrder.Create order) {}

    /** The name the model uses in {@value #PROPERTY}. */
    String name();

    /**
     * What the step orders for the flow's request; {@code task} gives the step's loop element (which line, which
     * key), never a fact.
     *
     * @throws IllegalArgumentException the rows do not order anything valid for this request
     */
    SubscriptionOrder order(FlowRequest request, ProvisioningWorker.Task task);

    /**
     * Every subscription the request orders for {@code customerId}, the customer its step has just created (a new
     * customer owns nothing yet, so each is a new subscription), each under its own key: a replayed step finds them
     * created. The worker has checked that the request names no other customer. A source that cannot order them so
     * refuses.
     *
     * @throws IllegalArgumentException the source orders nothing with a new customer, or not for this request
     */
    default List<Keyed> ordersWithNewCustomer(FlowRequest request, long customerId) {
        throw new IllegalArgumentException("subscription source " + name() + " orders no subscriptions with a new "
                + "customer (camunda:property " + WITH_NEW_CUSTOMER_PROPERTY + ")");
    }

    /**
     * Told each subscription {@link #ordersWithNewCustomer} ordered once it exists (first run or replay), so that the
     * flow's rows name it.
     */
    default void provisioned(FlowRequest request, Keyed ordered, Subscription subscription) {
    }
}
