package com.partnercenter.provisioning;

import com.partnercenter.request.FlowRequest;

/**
 * Where a flow's provisioning step finds the subscription it orders: a flow module implements it for its rows (the
 * catalogue and the trial's SKU, an accepted offer line, a reserved product key), and the model names it in the
 * step's camunda:property {@value #PROPERTY}. The provisioning worker thus knows no flow by name and takes no SKU,
 * count or term from a variable.
 */
public interface SubscriptionSource {

    /** The camunda:property of a provisioning step that names its source. */
    String PROPERTY = "subscriptionFrom";

    /** The name the model uses in {@value #PROPERTY}. */
    String name();

    /**
     * What the step orders for the flow's request; {@code task} gives the step's loop element (which line, which
     * key), never a fact.
     *
     * @throws IllegalArgumentException the rows do not order anything valid for this request
     */
    SubscriptionOrder order(FlowRequest request, ProvisioningWorker.Task task);
}
