package com.partnercenter.delegation;

import com.partnercenter.platform.PartnerTenantIdProvider;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a "Delegated administration" instance of its own for the customer of the running flow (business
 * key: the flow's, plus "-DA"), so that the flow does not wait for the relationship's whole life. The
 * started flow checks the partner again and refuses a second open relationship.
 */
@Configuration
public class DelegatedAdminStarter {

    public static final String PROCESS = "delegatedAdmin";

    private final RuntimeService runtime;

    public DelegatedAdminStarter(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** "Offer delegated administration": a request the customer's admins review in Tasklist. */
    @Bean
    public JavaDelegate startDelegatedAdminRequest() {
        return execution -> start(execution, (String) execution.getVariable("adminRole"), false);
    }

    /**
     * "Start delegated administration": the customer already agreed (ticked it on an accept page confirmed
     * from its admin mailbox): no review task.
     */
    @Bean
    public JavaDelegate startAgreedDelegatedAdmin() {
        return execution -> start(execution, (String) execution.getVariable("delegatedAdminRole"), true);
    }

    /**
     * A request the customer's admins review in Tasklist, for a flow that is not a process step (an existing
     * customer's administrator accepted an offer signed in): the same instance the step
     * {@code startDelegatedAdminRequest} starts.
     */
    public void requestReview(String tenantId, String businessKey, long partnerId, long customerId,
            String partnerUserEmail, String partnerUserLanguage, String role) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(PartnerTenantIdProvider.TENANT_VARIABLE, tenantId);
        vars.put("partnerId", partnerId);
        vars.put("customerId", customerId);
        vars.put("partnerUserEmail", partnerUserEmail);
        vars.put("partnerUserLanguage", partnerUserLanguage);
        vars.put("adminRole", role);
        vars.put("preApproved", false);
        runtime.createProcessInstanceByKey(PROCESS).businessKey(businessKey + "-DA").setVariables(vars).execute();
    }

    private void start(DelegateExecution execution, String role, boolean agreed) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(PartnerTenantIdProvider.TENANT_VARIABLE, execution.getTenantId());
        for (String name : new String[] {"partnerId", "customerId", "partnerUserEmail", "partnerUserLanguage"}) {
            vars.put(name, execution.getVariable(name));
        }
        vars.put("adminRole", role);
        vars.put("preApproved", agreed);
        if (agreed) {
            vars.put("approvedBy", execution.getVariable("customerAdminUserId"));
        }
        runtime.createProcessInstanceByKey(PROCESS)
                .businessKey(execution.getProcessBusinessKey() + "-DA")
                .setVariables(vars)
                .execute();
    }
}
