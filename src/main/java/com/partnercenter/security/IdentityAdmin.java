package com.partnercenter.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Idempotent operations on Camunda identity and authorizations: each "ensure" call creates what is
 * missing and leaves what exists, so bootstrap, demo data and provisioning can run again safely.
 */
@Component
public class IdentityAdmin {

    private final IdentityService identity;
    private final AuthorizationService authorizations;

    public IdentityAdmin(IdentityService identity, AuthorizationService authorizations) {
        this.identity = identity;
        this.authorizations = authorizations;
    }

    public void ensureGroup(String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(type);
            identity.saveGroup(group);
        }
    }

    public boolean groupExists(String id) {
        return identity.createGroupQuery().groupId(id).count() > 0;
    }

    public void ensureTenant(String id, String name) {
        if (identity.createTenantQuery().tenantId(id).count() == 0) {
            Tenant tenant = identity.newTenant(id);
            tenant.setName(name);
            identity.saveTenant(tenant);
        }
    }

    public void ensureGroupInTenant(String tenantId, String groupId) {
        if (identity.createTenantQuery().tenantId(tenantId).groupMember(groupId).count() == 0) {
            identity.createTenantGroupMembership(tenantId, groupId);
        }
    }

    public void ensureUserInTenant(String tenantId, String userId) {
        if (identity.createTenantQuery().tenantId(tenantId).userMember(userId).count() == 0) {
            identity.createTenantUserMembership(tenantId, userId);
        }
    }

    /**
     * Creates the user when missing, with the given password, or with none ({@code null}: no password matches until
     * one is set); an existing user keeps its password.
     */
    public boolean ensureUser(String id, String firstName, String lastName, String email, String password) {
        if (identity.createUserQuery().userId(id).count() > 0) {
            return false;
        }
        User user = identity.newUser(id);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setEmail(email);
        user.setPassword(password);
        identity.saveUser(user);
        return true;
    }

    /** Sets the password of an existing user; a missing user is an error (nothing is changed). */
    public void setPassword(String userId, String password) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            throw new IllegalStateException("user '" + userId + "' does not exist");
        }
        user.setPassword(password);
        identity.saveUser(user);
    }

    public void ensureMembership(String userId, String groupId) {
        if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identity.createMembership(userId, groupId);
        }
    }

    public void removeMembership(String userId, String groupId) {
        if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0) {
            identity.deleteMembership(userId, groupId);
        }
    }

    /** Updates name and e-mail of an existing user (its password stays). */
    public void updateUser(String id, String firstName, String lastName, String email) {
        User user = identity.createUserQuery().userId(id).singleResult();
        if (user == null) {
            throw new IllegalStateException("user '" + id + "' does not exist");
        }
        if (!java.util.Objects.equals(user.getFirstName(), firstName) || !java.util.Objects.equals(user.getLastName(),
                lastName) || !java.util.Objects.equals(user.getEmail(), email)) {
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(email);
            identity.saveUser(user);
        }
    }

    public boolean userExists(String id) {
        return identity.createUserQuery().userId(id).count() > 0;
    }

    /**
     * Grants exactly these permissions to the group on the resource id: an existing grant with more (an older
     * installation's) is narrowed to them.
     */
    public void grantGroupExactly(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = existingGrant(groupId, resource, resourceId);
        Authorization auth = existing != null ? existing : newGrant(groupId, resource, resourceId);
        Permission[] all = org.camunda.bpm.engine.impl.util.ResourceTypeUtil.getPermissionsByResourceType(
                resource.resourceType());
        if (existing != null && java.util.Arrays.stream(existing.getPermissions(all))
                .filter(p -> p.getValue() != 0).collect(java.util.stream.Collectors.toSet())
                .equals(java.util.Set.of(permissions))) {
            return;
        }
        auth.setPermissions(permissions);
        authorizations.saveAuthorization(auth);
    }

    /** Removes the group's grant on the resource id, if any. */
    public void revokeGroup(String groupId, Resource resource, String resourceId) {
        Authorization existing = existingGrant(groupId, resource, resourceId);
        if (existing != null) {
            authorizations.deleteAuthorization(existing.getId());
        }
    }

    /** Grants the permissions to the group on the resource id, adding to an existing grant. */
    public void grantGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = existingGrant(groupId, resource, resourceId);
        Authorization auth = existing != null ? existing : newGrant(groupId, resource, resourceId);
        boolean changed = existing == null;
        for (Permission p : permissions) {
            if (!auth.isPermissionGranted(p)) {
                auth.addPermission(p);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(auth);
        }
    }

    /** The group's grant on the resource id, if there is one. */
    private Authorization existingGrant(String groupId, Resource resource, String resourceId) {
        return authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId)
                .singleResult();
    }

    /** A new grant of nothing yet to the group on the resource id (not saved). */
    private Authorization newGrant(String groupId, Resource resource, String resourceId) {
        Authorization auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        auth.setGroupId(groupId);
        auth.setResource(resource);
        auth.setResourceId(resourceId);
        return auth;
    }
}
