package com.partnercenter.delegation;

import com.partnercenter.platform.HumanText;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.platform.AsApplication;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

/**
 * Ending an active relationship early, by either side, and who may ({@link #mayEnd}, by {@link CustomerAccess}): the partner's
 * pages, the customer's page and {@code POST /api/delegated-admin/relationships/{id}/end} all end through
 * {@link #end}, so each gives the same answer to the same user. The process (message {@value #END_MESSAGE}) removes
 * the access at once and tells both sides.
 */
@Service
public class DelegatedAdminService {

    public static final String END_MESSAGE = "EndDelegatedAdmin";

    public enum Side { PARTNER, CUSTOMER }

    /**
     * The rule's answer for a user and a relationship: {@code MAY} end it; {@code FORBIDDEN} (on a side of it, without
     * the right: 403); {@code UNKNOWN} (on neither side, or no such relationship: 404, as if it did not exist).
     */
    public enum MayEnd { MAY, FORBIDDEN, UNKNOWN }

    private final RelationshipRepository relationships;
    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final CustomerAccess access;
    private final RuntimeService runtime;
    private final IdentityService identity;

    public DelegatedAdminService(RelationshipRepository relationships, PartnerRepository partners,
            CustomerRepository customers, CustomerAccess access, RuntimeService runtime, IdentityService identity) {
        this.identity = identity;
        this.relationships = relationships;
        this.partners = partners;
        this.customers = customers;
        this.access = access;
        this.runtime = runtime;
    }

    /**
     * Who may end a relationship early, by {@link CustomerAccess} (on the partner's side its global admin, or a user
     * with Full administration of the customer; on the customer's side its administrators): a user on a side of it
     * without that right may not (403); anybody else does not see the relationship (404).
     */
    public MayEnd mayEnd(String userId, long relationshipId) {
        Optional<Relationship> found = relationships.findById(relationshipId);
        if (found.isEmpty() || userId == null) {
            return MayEnd.UNKNOWN;
        }
        Relationship relationship = found.get();
        Optional<PartnerUser> partnerUser = partners.findUserByUserId(userId);
        if (partnerUser.isPresent()) {
            PartnerUser user = partnerUser.get();
            Partner partner = partners.findById(user.partnerId()).orElseThrow();
            if (user.partnerId() != relationship.partnerId()) {
                return MayEnd.UNKNOWN;
            }
            return access.mayEndRelationship(user, partner, relationship.customerId()) ? MayEnd.MAY : MayEnd.FORBIDDEN;
        }
        return customers.findUserByUserId(userId).filter(a -> a.customerId() == relationship.customerId())
                .map(a -> CustomerAccess.mayEndAsCustomer(a) ? MayEnd.MAY : MayEnd.FORBIDDEN).orElse(MayEnd.UNKNOWN);
    }

    /**
     * Ends the relationship on behalf of {@code userId}, when {@link #mayEnd} allows it.
     *
     * @throws java.util.NoSuchElementException the user does not see the relationship ({@code UNKNOWN})
     * @throws SecurityException        the user may not end it ({@code FORBIDDEN})
     * @throws IllegalStateException    the relationship is not active
     * @throws IllegalArgumentException the comment is longer than 1000 characters
     */
    public void end(long relationshipId, String userId, String comment) {
        MayEnd may = mayEnd(userId, relationshipId);
        if (may == MayEnd.UNKNOWN) {
            throw new java.util.NoSuchElementException("relationship " + relationshipId + " does not exist for "
                    + userId);
        }
        Relationship relationship = relationships.findById(relationshipId).orElseThrow();
        if (relationship.status() != Relationship.Status.ACTIVE) {
            // nobody ends what is over: said to either side before whether it could have
            throw new IllegalStateException("relationship " + relationshipId + " is " + relationship.status()
                    + ", not active");
        }
        if (may == MayEnd.FORBIDDEN) {
            throw new SecurityException(userId + " may not end relationship " + relationshipId);
        }
        HumanText.Checked typed = HumanText.check(comment, HumanText.Kind.MESSAGE);
        if (!typed.ok()) {
            throw new IllegalArgumentException("the comment is refused by the text rule (" + typed.messageKey() + ")");
        }
        comment = typed.text().isEmpty() ? null : typed.text();
        Side side = partners.findUserByUserId(userId).isPresent() ? Side.PARTNER : Side.CUSTOMER;
        Map<String, Object> variables = new HashMap<>();
        variables.put("endReason", side == Side.PARTNER ? "ENDED_BY_PARTNER" : "ENDED_BY_CUSTOMER");
        variables.put("endedBy", userId);
        variables.put("endComment", comment);
        // authorized above, by the rule: the process itself moves on as the application
        AsApplication.run(identity, () -> runtime.createMessageCorrelation(END_MESSAGE)
                .processInstanceId(relationship.processInstanceId()).setVariables(variables).correlateWithResult());
    }
}
