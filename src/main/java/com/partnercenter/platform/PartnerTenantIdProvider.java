package com.partnercenter.platform;

import java.util.List;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;

/**
 * Every process instance belongs to the partner whose user started it: the partner's tenant id.
 * Called processes inherit the tenant of their caller. Instances started by the system (public
 * pages, timers) pass the tenant explicitly through the variable {@value #TENANT_VARIABLE}.
 */
public class PartnerTenantIdProvider implements TenantIdProvider {

    public static final String TENANT_VARIABLE = "partnerTenantId";

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
        if (ctx.getSuperExecution() != null) {
            return ctx.getSuperExecution().getTenantId();
        }
        CommandContext commandContext = Context.getCommandContext();
        Authentication auth = commandContext == null ? null : commandContext.getAuthentication();
        List<String> userTenants = auth == null || auth.getTenantIds() == null ? List.of() : auth.getTenantIds();
        Object explicit = ctx.getVariables() == null ? null : ctx.getVariables().get(TENANT_VARIABLE);
        if (explicit instanceof String tenant && !tenant.isBlank()) {
            // system starts (no user) may choose; a user may only name a tenant it belongs to
            if (auth == null || userTenants.contains(tenant)) {
                return tenant;
            }
            throw new org.camunda.bpm.engine.AuthorizationException(
                    "User '" + auth.getUserId() + "' may not start a process for tenant '" + tenant + "'");
        }
        if (userTenants.size() == 1) {
            return userTenants.get(0);
        }
        return null;
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
        return null;
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
        return null;
    }
}
