package com.partnercenter.delegation;

import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What a partner user may do for a customer through delegated administration: global-admin privileges
 * (Full) allow everything; password-admin privileges (Limited) allow resetting the passwords of users who
 * are not administrators, nothing else. Without an active grant, nothing.
 */
@Service
public class CustomerAccess {

    public enum Action {
        RESET_USER_PASSWORD, RESET_ADMIN_PASSWORD, MANAGE_SUBSCRIPTIONS, MANAGE_SERVICE_REQUESTS
    }

    private final RelationshipRepository relationships;

    public CustomerAccess(RelationshipRepository relationships) {
        this.relationships = relationships;
    }

    public boolean may(long partnerUserId, long customerId, Action action) {
        return allows(relationships.roleOn(partnerUserId, customerId), action);
    }

    static boolean allows(Optional<AdminRole.GrantedRole> role, Action action) {
        return role.map(r -> r == AdminRole.GrantedRole.GLOBAL_ADMIN || action == Action.RESET_USER_PASSWORD)
                .orElse(false);
    }
}
