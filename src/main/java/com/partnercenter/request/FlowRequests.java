package com.partnercenter.request;

import com.partnercenter.platform.CommandCache;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one owner of the flows' requests (pc_flow_request, V10): the first step of a flow records who asks for which
 * partner, later steps add what the flow learns (the customer, what is asked), and every step and the provisioning
 * worker read them — from the row of their own instance, in their instance's tenant ({@link #of}).
 */
@Repository
public class FlowRequests {

    private static final String COLUMNS = "id, process_instance_id, process_key, tenant_id, business_key, partner_id, "
            + "requested_by, customer_id, customer_created, acceptance_id, sku_code, delegated_admin_role, "
            + "new_customer_name, new_customer_domain, new_customer_country, new_customer_language, admin_first_name, "
            + "admin_last_name, admin_email";

    private static final String CACHE = "pc_flow_request";

    private final JdbcClient jdbc;

    public FlowRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the request of the execution's instance, once: a second call (a retried step) keeps the first row.
     *
     * @throws IllegalStateException the instance has no tenant
     */
    public FlowRequest record(DelegateExecution execution, long partnerId, String requestedBy) {
        return record(execution.getProcessInstanceId(), execution.getProcessDefinitionId().split(":")[0],
                execution.getTenantId(), execution.getProcessBusinessKey(), partnerId, requestedBy);
    }

    /** As {@link #record(DelegateExecution, long, String)}, for the instance named. */
    public FlowRequest record(String processInstanceId, String processKey, String tenantId, String businessKey,
            long partnerId, String requestedBy) {
        Optional<FlowRequest> existing = find(processInstanceId);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (tenantId == null) {
            throw new IllegalStateException("instance " + processInstanceId
                    + " has no tenant: its request cannot be bound to one");
        }
        jdbc.sql("insert into pc_flow_request (process_instance_id, process_key, tenant_id, business_key, partner_id, "
                        + "requested_by) values (?,?,?,?,?,?)")
                .params(processInstanceId, processKey, tenantId, businessKey, partnerId, requestedBy)
                .update();
        CommandCache.evict(CACHE, processInstanceId);
        return find(processInstanceId).orElseThrow();
    }

    /**
     * The partner the execution's flow serves: its request's, or — for a flow that records none (the small processes
     * the partner pages start; a flow refused by its first step) — the partner whose tenant the instance runs in
     * (one tenant per partner). Never a variable.
     *
     * @throws IllegalStateException the instance runs in no partner's tenant
     */
    public long partnerIdOf(DelegateExecution execution) {
        Optional<FlowRequest> request = find(execution.getProcessInstanceId());
        return request.isPresent() ? inTenant(request.get(), execution.getTenantId()).partnerId()
                : partnerOfTenant(execution.getTenantId());
    }

    /** The partner whose tenant is {@code tenantId}. */
    public long partnerOfTenant(String tenantId) {
        return jdbc.sql("select id from pc_partner where tenant_id = ?").param(tenantId).query(Long.class).optional()
                .orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " is no partner's"));
    }

    /**
     * The user who asked for the execution's flow (its request's {@code requestedBy}); null when the application
     * asked, or when the flow records no request.
     */
    public String requestedByOf(DelegateExecution execution) {
        return find(execution.getProcessInstanceId()).map(r -> inTenant(r, execution.getTenantId()).requestedBy())
                .orElse(null);
    }

    /**
     * The customer the execution's flow serves: its request's. Only the partner pages' own small processes record no
     * request; the application alone starts them (a partner user may start no flow without a check task: the engine
     * command guard refuses it) and they have no user task, so their variable {@code customerId}, which the page set
     * after checking its user's access, is read instead.
     */
    public long customerIdOf(DelegateExecution execution) {
        Optional<FlowRequest> request = find(execution.getProcessInstanceId());
        if (request.isPresent()) {
            Long customerId = inTenant(request.get(), execution.getTenantId()).customerId();
            if (customerId == null) {
                throw new IllegalStateException("the request of " + execution.getProcessInstanceId()
                        + " names no customer yet (task " + execution.getCurrentActivityId() + ")");
            }
            return customerId;
        }
        return com.partnercenter.platform.ProcessVariables.number(execution, "customerId");
    }

    /** The request of the instance; read once per engine command ({@link CommandCache}), evicted by every write here. */
    public Optional<FlowRequest> find(String processInstanceId) {
        return CommandCache.get(CACHE, processInstanceId, () -> jdbc.sql("select " + COLUMNS
                + " from pc_flow_request where process_instance_id = ?").param(processInstanceId)
                .query(FlowRequests::row).optional());
    }

    /**
     * The request of the execution's instance.
     *
     * @throws IllegalStateException none was recorded, or it belongs to another tenant than the instance
     */
    public FlowRequest of(DelegateExecution execution) {
        return of(execution.getProcessInstanceId(), execution.getTenantId());
    }

    /** The request of the instance, which runs in {@code tenantId} (see {@link #of(DelegateExecution)}). */
    public FlowRequest of(String processInstanceId, String tenantId) {
        return inTenant(find(processInstanceId).orElseThrow(() -> new IllegalStateException(
                "no request was recorded for instance " + processInstanceId)), tenantId);
    }

    /** The request read, checked to belong to the instance's tenant (one read of the row per question). */
    private static FlowRequest inTenant(FlowRequest request, String tenantId) {
        if (!request.tenantId().equals(tenantId)) {
            throw new IllegalStateException("the request of instance " + request.processInstanceId()
                    + " belongs to tenant " + request.tenantId() + ", not to the instance's tenant " + tenantId);
        }
        return request;
    }

    /** The customer the flow is for (found by its first steps). */
    public void setCustomer(String processInstanceId, long customerId) {
        update("customer_id = ?", processInstanceId, customerId);
    }

    /** The customer the flow's provisioning created (or found created by the same request before). */
    public void setCreatedCustomer(String processInstanceId, long customerId) {
        jdbc.sql("update pc_flow_request set customer_id = ?, customer_created = true where process_instance_id = ?")
                .params(customerId, processInstanceId).update();
        CommandCache.evict(CACHE, processInstanceId);
    }

    /** The confirmed acceptance the flow carries out. */
    public void setAcceptance(String processInstanceId, long acceptanceId) {
        update("acceptance_id = ?", processInstanceId, acceptanceId);
    }

    /** A trial's SKU. */
    public void setSku(String processInstanceId, String skuCode) {
        update("sku_code = ?", processInstanceId, skuCode);
    }

    /** Delegated administration asked for with the flow (null: none). */
    public void setDelegatedAdminRole(String processInstanceId, String role) {
        update("delegated_admin_role = ?", processInstanceId, role);
    }

    /** A new customer the partner entered itself. */
    public void setNewCustomer(String processInstanceId, FlowRequest.NewCustomer customer) {
        jdbc.sql("update pc_flow_request set new_customer_name = ?, new_customer_domain = ?, new_customer_country = ?, "
                        + "new_customer_language = ?, admin_first_name = ?, admin_last_name = ?, admin_email = ? "
                        + "where process_instance_id = ?")
                .params(customer.name(), customer.domain(), customer.country(), customer.language(),
                        customer.adminFirstName(), customer.adminLastName(), customer.adminEmail(), processInstanceId)
                .update();
        CommandCache.evict(CACHE, processInstanceId);
    }

    private void update(String assignment, String processInstanceId, Object value) {
        int rows = jdbc.sql("update pc_flow_request set " + assignment + " where process_instance_id = ?")
                .params(value, processInstanceId).update();
        CommandCache.evict(CACHE, processInstanceId);
        if (rows != 1) {
            throw new IllegalStateException("no request was recorded for instance " + processInstanceId);
        }
    }

    private static FlowRequest row(ResultSet rs, int n) throws SQLException {
        String newName = rs.getString("new_customer_name");
        FlowRequest.NewCustomer newCustomer = newName == null ? null : new FlowRequest.NewCustomer(newName,
                rs.getString("new_customer_domain"), trim(rs.getString("new_customer_country")),
                trim(rs.getString("new_customer_language")), rs.getString("admin_first_name"),
                rs.getString("admin_last_name"), rs.getString("admin_email"));
        return new FlowRequest(rs.getLong("id"), rs.getString("process_instance_id"), rs.getString("process_key"),
                rs.getString("tenant_id"), rs.getString("business_key"), rs.getLong("partner_id"),
                rs.getString("requested_by"), rs.getObject("customer_id", Long.class), rs.getBoolean("customer_created"),
                rs.getObject("acceptance_id", Long.class), rs.getString("sku_code"),
                rs.getString("delegated_admin_role"), newCustomer);
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
