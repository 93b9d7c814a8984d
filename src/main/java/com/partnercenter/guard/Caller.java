package com.partnercenter.guard;

import com.partnercenter.security.Groups;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who runs an engine command, from the engine's current authentication: nobody signed in is the application itself
 * (jobs, accept pages, {@code platform.AsApplication}); members of an engine admin group (and engine admin users) are
 * operators; members of
 * {@value Groups#SERVICES} are the provisioning service account; everyone else is a user (a partner's or a
 * customer's, or anybody else with a Camunda account).
 */
public record Caller(Type type, String userId, List<String> groupIds, List<String> tenantIds) {

    public enum Type { APPLICATION, OPERATOR, SERVICE, USER }

    public static Caller of(Authentication authentication, Collection<String> adminGroups,
            Collection<String> adminUsers) {
        if (authentication == null || authentication.getUserId() == null) {
            return new Caller(Type.APPLICATION, null, List.of(), List.of());
        }
        List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        List<String> tenants = authentication.getTenantIds() == null ? List.of() : authentication.getTenantIds();
        Type type = groups.stream().anyMatch(adminGroups::contains) || adminUsers.contains(authentication.getUserId())
                ? Type.OPERATOR
                : groups.contains(Groups.SERVICES) ? Type.SERVICE : Type.USER;
        return new Caller(type, authentication.getUserId(), groups, tenants);
    }

    public boolean inTenant(String tenantId) {
        return tenantId != null && tenantIds.contains(tenantId);
    }
}
