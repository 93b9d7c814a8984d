package com.partnercenter.partner;

import com.partnercenter.platform.AsApplication;
import com.partnercenter.platform.BusinessKeys;
import com.partnercenter.platform.PartnerTenantIdProvider;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.springframework.stereotype.Component;

/**
 * Starts the small processes behind the partner pages (user access, license count, service request and its status
 * changes, password reset) after the page checked what its user may do. They run as the application, in the
 * partner's tenant, with a business key an operator can search ({@code FLOW-ADVISORCODE-YYYYMMDD-XXXXX}); partner users cannot start
 * them themselves (no start authorization), so their variables can be trusted.
 */
@Component
public class PartnerProcesses {

    private final RuntimeService runtime;
    private final IdentityService identity;

    public PartnerProcesses(RuntimeService runtime, IdentityService identity) {
        this.runtime = runtime;
        this.identity = identity;
    }

    public ProcessInstanceWithVariables start(String processKey, String flow, Partner partner,
            Map<String, Object> variables) {
        return startWithKey(processKey, BusinessKeys.next(flow, partner.advisorCode()), partner, variables);
    }

    /** Like {@link #start}, under a business key the caller made (e.g. a follow-up of an earlier instance's key). */
    public ProcessInstanceWithVariables startWithKey(String processKey, String businessKey, Partner partner,
            Map<String, Object> variables) {
        Map<String, Object> all = new HashMap<>(variables);
        all.put(PartnerTenantIdProvider.TENANT_VARIABLE, partner.tenantId());
        all.put("partnerId", partner.id());
        all.put("partnerName", partner.name());
        all.put("partnerAdvisorCode", partner.advisorCode());
        return AsApplication.run(identity, () -> runtime.createProcessInstanceByKey(processKey)
                .businessKey(businessKey).setVariables(all).executeWithVariablesInReturn());
    }
}
