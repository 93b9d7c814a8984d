package com.partnercenter.delegation;

import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * Which customers a partner manages, and what a partner user may do for one of them.
 *
 * <p>A partner manages a customer it serves (pc_partner_customer) when it is an authorized service provider, or
 * when it holds delegated administration and the customer accepted it (an active relationship). A user's role on
 * a managed customer is the stronger of its grant on an active relationship and, for an authorized service
 * provider, its own supported-companies access (Full → global-admin privileges, Limited → password-admin
 * privileges). Global-admin privileges allow everything; password-admin privileges allow resetting the passwords
 * of users who are not administrators, nothing else. Without a role, nothing.
 */
@Service
public class CustomerAccess {

    public enum Action {
        RESET_USER_PASSWORD, RESET_ADMIN_PASSWORD, MANAGE_SUBSCRIPTIONS, MANAGE_SERVICE_REQUESTS
    }

    private final RelationshipRepository relationships;
    private final PartnerRepository partners;
    private final CustomerRepository customers;

    public CustomerAccess(RelationshipRepository relationships, PartnerRepository partners,
            CustomerRepository customers) {
        this.relationships = relationships;
        this.partners = partners;
        this.customers = customers;
    }

    public boolean may(long partnerUserId, long customerId, Action action) {
        return partners.findUserById(partnerUserId)
                .flatMap(user -> partners.findById(user.partnerId()).flatMap(p -> roleOn(user, p, customerId)))
                .map(role -> allows(Optional.of(role), action)).orElse(false);
    }

    /** True when the partner may manage the customer at all (see class comment). */
    public boolean manages(Partner partner, long customerId) {
        if (!customers.isPartnerOf(partner.id(), customerId)) {
            return false;
        }
        return partner.has(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER)
                || (partner.has(ProgramAuthorization.DELEGATED_ADMIN)
                        && relationships.findOpen(partner.id(), customerId)
                                .filter(r -> r.status() == Relationship.Status.ACTIVE).isPresent());
    }

    /** The user's role on a customer its partner manages; empty when none (or not managed). */
    public Optional<AdminRole.GrantedRole> roleOn(PartnerUser user, Partner partner, long customerId) {
        if (user.partnerId() != partner.id() || !manages(partner, customerId)) {
            return Optional.empty();
        }
        Optional<AdminRole.GrantedRole> delegated = relationships.roleOn(user.id(), customerId);
        Optional<AdminRole.GrantedRole> asServiceProvider =
                partner.has(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER)
                        ? Optional.ofNullable(AdminRole.FULL.grantFor(user.supportedAccess())) : Optional.empty();
        return Stream.of(delegated, asServiceProvider).flatMap(Optional::stream).min(Enum::compareTo);
    }

    public boolean may(PartnerUser user, Partner partner, long customerId, Action action) {
        return allows(roleOn(user, partner, customerId), action);
    }

    /** What a role (as {@link #roleOn} answers it) allows. */
    public static boolean allows(Optional<AdminRole.GrantedRole> role, Action action) {
        return role.map(r -> r == AdminRole.GrantedRole.GLOBAL_ADMIN || action == Action.RESET_USER_PASSWORD)
                .orElse(false);
    }
}
