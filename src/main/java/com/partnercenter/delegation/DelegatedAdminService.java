package com.partnercenter.delegation;

import com.partnercenter.platform.HumanText;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.PartnerRepository;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import com.partnercenter.platform.AsApplication;
import org.springframework.stereotype.Service;

/**
 * Ending an active relationship early, by either side: the partner's users or the customer's admins.
 * The process (message {@value #END_MESSAGE}) removes the access at once and tells both sides.
 */
@Service
public class DelegatedAdminService {

    public static final String END_MESSAGE = "EndDelegatedAdmin";

    public enum Side { PARTNER, CUSTOMER }

    private final RelationshipRepository relationships;
    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final RuntimeService runtime;
    private final IdentityService identity;

    public DelegatedAdminService(RelationshipRepository relationships, PartnerRepository partners,
            CustomerRepository customers, RuntimeService runtime, IdentityService identity) {
        this.identity = identity;
        this.relationships = relationships;
        this.partners = partners;
        this.customers = customers;
        this.runtime = runtime;
    }

    /**
     * Ends the relationship on behalf of {@code userId}.
     *
     * @throws SecurityException        the user is not on that side of the relationship
     * @throws IllegalStateException    the relationship is not active
     */
    public void end(long relationshipId, Side side, String userId, String comment) {
        Relationship relationship = relationships.findById(relationshipId)
                .orElseThrow(() -> new IllegalArgumentException("relationship " + relationshipId + " does not exist"));
        boolean allowed = switch (side) {
            case PARTNER -> partners.findUserByUserId(userId)
                    .filter(u -> u.partnerId() == relationship.partnerId()).isPresent();
            case CUSTOMER -> customers.findAdmins(relationship.customerId()).stream()
                    .anyMatch(a -> a.userId().equals(userId));
        };
        if (!allowed) {
            throw new SecurityException(userId + " may not end relationship " + relationshipId);
        }
        if (relationship.status() != Relationship.Status.ACTIVE) {
            throw new IllegalStateException("relationship " + relationshipId + " is " + relationship.status()
                    + ", not active");
        }
        HumanText.Checked typed = HumanText.check(comment, HumanText.Kind.MESSAGE);
        if (!typed.ok()) {
            throw new IllegalArgumentException("the comment is refused by the text rule (" + typed.messageKey() + ")");
        }
        comment = typed.text().isEmpty() ? null : typed.text();
        Map<String, Object> variables = new HashMap<>();
        variables.put("endReason", side == Side.PARTNER ? "ENDED_BY_PARTNER" : "ENDED_BY_CUSTOMER");
        variables.put("endedBy", userId);
        variables.put("endComment", comment);
        // authorized above, by the relationship: the process itself moves on as the application
        AsApplication.run(identity, () -> runtime.createMessageCorrelation(END_MESSAGE)
                .processInstanceId(relationship.processInstanceId()).setVariables(variables).correlateWithResult());
    }
}
