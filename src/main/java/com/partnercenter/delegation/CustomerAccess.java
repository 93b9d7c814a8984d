package com.partnercenter.delegation;

import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.customer.CustomerDirectory;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * The one rule of who may see and do what on a customer; the partner's customer pages, customer management, the
 * audit API, ending a relationship (pages and API, either side) all ask it.
 *
 * <ul>
 *   <li>A partner uses customer management at all ({@link #open}) when it is an authorized service provider or holds
 *       delegated administration.</li>
 *   <li>It manages a customer ({@link #manages}) it serves (pc_partner_customer) when it is an authorized service
 *       provider, or when it holds delegated administration and the customer accepted it (an active relationship);
 *       the list of its customers is the same condition ({@link CustomerDirectory}), so a page and the list never
 *       disagree. A customer it does not manage is, to it, one that does not exist (404).</li>
 *   <li>A user's role on a managed customer ({@link #roleOn}) is the stronger of its grant on an active relationship
 *       and, for an authorized service provider, its own supported-companies access (Full → global-admin privileges,
 *       Limited → password-admin privileges). Global-admin privileges allow every {@link Action}; password-admin
 *       privileges allow resetting the passwords of users who are not administrators, nothing else. Without a role,
 *       nothing (403).</li>
 *   <li>Ending a relationship early ({@link #mayEndRelationship}): on the partner's side its global admin or a user
 *       with global-admin privileges on the customer; on the customer's side ({@link #mayEndAsCustomer}) the
 *       customer's administrators.</li>
 * </ul>
 */
@Service
public class CustomerAccess {

    public enum Action {
        RESET_USER_PASSWORD, RESET_ADMIN_PASSWORD, MANAGE_SUBSCRIPTIONS, MANAGE_SERVICE_REQUESTS
    }

    private final RelationshipRepository relationships;
    private final PartnerRepository partners;
    private final CustomerDirectory directory;

    public CustomerAccess(RelationshipRepository relationships, PartnerRepository partners,
            CustomerDirectory directory) {
        this.relationships = relationships;
        this.partners = partners;
        this.directory = directory;
    }

    /** True when the partner may use customer management at all. */
    public static boolean open(Partner partner) {
        return partner.has(ProgramAuthorization.DELEGATED_ADMIN)
                || partner.has(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
    }

    public boolean may(long partnerUserId, long customerId, Action action) {
        return partners.findUserById(partnerUserId)
                .flatMap(user -> partners.findById(user.partnerId()).flatMap(p -> roleOn(user, p, customerId)))
                .map(role -> allows(Optional.of(role), action)).orElse(false);
    }

    /** True when the partner manages the customer (see class comment). */
    public boolean manages(Partner partner, long customerId) {
        return open(partner) && directory.manages(partner, customerId);
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

    /**
     * Whether a user of the relationship's partner may end it early: the partner's global admin, or a user with
     * global-admin privileges on the customer.
     */
    public boolean mayEndRelationship(PartnerUser user, Partner partner, long customerId) {
        return user.companyRole() == CompanyRole.GLOBAL_ADMIN
                || roleOn(user, partner, customerId).filter(r -> r == AdminRole.GrantedRole.GLOBAL_ADMIN).isPresent();
    }

    /** Whether a user of the customer may end a relationship of it early: its administrators may. */
    public static boolean mayEndAsCustomer(CustomerAdmin user) {
        return user.globalAdmin();
    }
}
