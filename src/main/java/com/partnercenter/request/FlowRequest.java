package com.partnercenter.request;

/**
 * The request behind a flow instance (pc_flow_request): who asked, for which partner and customer, and what.
 *
 * @param requestedBy     the partner user who asked (null: the application)
 * @param customerId      the customer, once known (at the start, or created by the flow's provisioning)
 * @param customerCreated the flow's provisioning created the customer
 * @param acceptanceId    the customer's confirmed acceptance the flow carries out, if any
 * @param skuCode         a trial's SKU
 * @param delegatedAdminRole delegated administration asked for with the flow (FULL, LIMITED), or null
 * @param newCustomer     a new customer the partner entered itself, or null
 */
public record FlowRequest(long id, String processInstanceId, String processKey, String tenantId, String businessKey,
        long partnerId, String requestedBy, Long customerId, boolean customerCreated, Long acceptanceId,
        String skuCode, String delegatedAdminRole, NewCustomer newCustomer) {

    /** A new customer's organization and first admin, as the partner entered them. */
    public record NewCustomer(String name, String domain, String country, String language, String adminFirstName,
            String adminLastName, String adminEmail) {}
}
