package com.partnercenter.delegation;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Role assignment: on an active relationship, every partner user with supported-companies access holds
 * a role on the customer, the lesser of the relationship's role and the user's access (Full → global
 * admin, Limited → password admin, none → nothing). Called when a relationship starts, when a user's
 * access changes, and when a relationship ends.
 */
@Service
public class RoleAssignmentService {

    private final RelationshipRepository relationships;
    private final PartnerRepository partners;
    private final AuditLog audit;

    public RoleAssignmentService(RelationshipRepository relationships, PartnerRepository partners, AuditLog audit) {
        this.relationships = relationships;
        this.partners = partners;
        this.audit = audit;
    }

    /** Grants the roles of every user of the partner on the relationship's customer; returns how many hold one. */
    @Transactional
    public int assign(Relationship relationship) {
        int granted = 0;
        for (PartnerUser user : partners.findUsers(relationship.partnerId())) {
            if (apply(relationship, user)) {
                granted++;
            }
        }
        return granted;
    }

    /** After a change of a user's supported-companies access: its grants on every active relationship follow. */
    @Transactional
    public void reassign(PartnerUser user) {
        for (Relationship relationship : relationships.findActiveOfPartner(user.partnerId())) {
            apply(relationship, user);
        }
    }

    /** Access goes with the relationship. */
    @Transactional
    public int removeAll(Relationship relationship) {
        int revoked = relationships.revokeAll(relationship.id());
        if (revoked > 0) {
            audit.record("system", "ROLES_REMOVED", relationship.partnerId(), relationship.customerId(), null,
                    revoked + " role grant(s) of relationship " + relationship.id() + " removed", AuditLog.number(revoked));
        }
        return revoked;
    }

    private boolean apply(Relationship relationship, PartnerUser user) {
        AdminRole.GrantedRole role = relationship.role().grantFor(user.supportedAccess());
        var current = relationships.activeGrant(relationship.id(), user.id());
        if (role == null) {
            if (current.isPresent()) {
                relationships.revoke(relationship.id(), user.id());
                audit.record("system", "ROLE_REVOKED", relationship.partnerId(), relationship.customerId(), null,
                        user.userId() + " no longer holds " + current.get(), AuditLog.plain(user.displayName()),
                        AuditLog.text("portal.grantedRole." + current.get()));
            }
            return false;
        }
        if (current.isEmpty() || current.get() != role) {
            relationships.grant(relationship.id(), user.id(), relationship.customerId(), role);
            audit.record("system", "ROLE_GRANTED", relationship.partnerId(), relationship.customerId(), null,
                    user.userId() + " holds " + role, AuditLog.plain(user.displayName()),
                    AuditLog.text("portal.grantedRole." + role));
        }
        return true;
    }
}
