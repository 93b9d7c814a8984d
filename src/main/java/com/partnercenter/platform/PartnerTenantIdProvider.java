package com.partnercenter.platform;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
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
 * pages, timers) or by an operator pass the tenant explicitly through the variable
 * {@value #TENANT_VARIABLE}. No instance is ever created without a tenant: the tenant check lets
 * tenant-less rows through to everyone.
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
            // the system and operators may choose; a partner user may only name its own tenant
            if (auth == null || userTenants.contains(tenant) || isAdmin(auth)) {
                return tenant;
            }
            throw new AuthorizationException(
                    "User '" + auth.getUserId() + "' may not start a process for tenant '" + tenant + "'");
        }
        if (auth == null) {
            // never a tenant-less instance: it would be visible to every partner
            throw new ProcessEngineException("A process started without a user must name its partner in the variable '"
                    + TENANT_VARIABLE + "'");
        }
        if (userTenants.size() == 1) {
            return userTenants.get(0);
        }
        throw new AuthorizationException("User '" + auth.getUserId() + "' belongs to " + userTenants.size()
                + " partners: only a partner's users start its processes (operators name the partner in the variable '"
                + TENANT_VARIABLE + "')");
    }

    private static boolean isAdmin(Authentication auth) {
        List<String> adminGroups = Context.getProcessEngineConfiguration().getAdminGroups();
        return auth.getGroupIds() != null && adminGroups != null
                && auth.getGroupIds().stream().anyMatch(adminGroups::contains);
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
