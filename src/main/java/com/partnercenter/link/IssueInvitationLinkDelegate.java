package com.partnercenter.link;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.EmailAddresses;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.platform.HumanText;
import com.partnercenter.platform.TypedVariables;
import com.partnercenter.platform.ModelProperties;
import com.partnercenter.platform.ProcessVariables;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN "Issue invitation link": a multi-use personalized link for the partner's customers.
 *
 * <p>Inputs: {@code partnerId}, {@code linkType} ({@link LinkType} name, a camunda:property of the task), {@code linkValidityDays}
 * ({@value #MIN_DAYS}..{@value #MAX_DAYS}, default {@value #DEFAULT_DAYS}). Outputs: {@code invitationUrl}
 * (shown to the partner in Tasklist and Cockpit), {@code linkId}, {@code linkExpiresAt} (a date for the
 * expiry timer). A validity out of bounds, or a {@code recipientEmail} that is not an e-mail address,
 * raises BPMN error {@value #INVALID_REQUEST}.
 */
@Component("issueInvitationLink")
public class IssueInvitationLinkDelegate implements JavaDelegate {

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 90;
    public static final int DEFAULT_DAYS = 30;
    public static final String INVALID_REQUEST = "INVALID_REQUEST";

    private final LinkService links;
    private final PartnerRepository partners;
    private final AuditLog audit;
    private final TypedVariables typed;

    public IssueInvitationLinkDelegate(LinkService links, PartnerRepository partners, AuditLog audit,
            TypedVariables typed) {
        this.typed = typed;
        this.audit = audit;
        this.links = links;
        this.partners = partners;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long days = validityDays(execution.getVariable("linkValidityDays"));
        // typed in the start form and mailed with the link (the text rule, before anything is issued)
        typed.require(execution, "personalMessage", HumanText.Kind.MESSAGE);
        typed.require(execution, "recipientEmail", HumanText.Kind.EMAIL);
        Object recipient = execution.getVariable("recipientEmail");
        if (recipient != null && !EmailAddresses.isValid(recipient.toString())) {
            throw new BpmnError(INVALID_REQUEST, "The recipient address '" + recipient
                    + "' is not a valid e-mail address");
        }
        long partnerId = ProcessVariables.number(execution, "partnerId");
        Partner partner = partners.findById(partnerId)
                .orElseThrow(() -> new IllegalStateException("partner " + partnerId + " does not exist"));
        LinkType type = LinkType.valueOf(String.valueOf(ModelProperties.get(execution, "linkType")));
        IssuedLink link = links.issue(type, partner, EngineClock.now().plus(Duration.ofDays(days)),
                execution.getProcessInstanceId(), execution.getProcessBusinessKey(), null, false);
        audit.record((String) execution.getVariable("initiator"), "LINK_ISSUED", partner.id(), null,
                execution.getProcessBusinessKey(), type + " link valid until " + link.expiresAt());
        execution.setVariable("invitationUrl", link.url());
        execution.setVariable("linkId", link.id());
        execution.setVariable("linkExpiresAt", Date.from(link.expiresAt()));
    }

    static long validityDays(Object value) {
        if (value == null || value.toString().isBlank()) {
            return DEFAULT_DAYS;
        }
        long days;
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            days = n.longValue();
        } else {
            try {
                days = Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new BpmnError(INVALID_REQUEST, "Link validity '" + value + "' is not a whole number of days "
                        + "(allowed: " + MIN_DAYS + " to " + MAX_DAYS + ")");
            }
        }
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw new BpmnError(INVALID_REQUEST, "Link validity of " + days + " days is outside the allowed "
                    + MIN_DAYS + " to " + MAX_DAYS + " days");
        }
        return days;
    }
}
