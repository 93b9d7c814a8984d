package com.partnercenter.invitation;

import static com.partnercenter.platform.FlowErrors.INVALID_REQUEST;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.link.IssuedLink;
import com.partnercenter.link.LinkService;
import com.partnercenter.link.LinkType;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.platform.HumanText;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.ModelProperties;
import com.partnercenter.platform.ProcessVariables;
import com.partnercenter.platform.TypedVariables;
import com.partnercenter.request.FlowRequests;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN "Issue invitation link": a multi-use personalized link for the partner's customers.
 *
 * <p>Inputs: the flow's partner ({@link FlowRequests#partnerIdOf}, never a variable), {@code linkType}
 * ({@link LinkType} name, a camunda:property of the task), {@code linkValidityDays}
 * ({@value #MIN_DAYS}..{@value #MAX_DAYS}, default {@value #DEFAULT_DAYS}). Outputs: {@code linkId} and
 * {@code linkExpiresAt} (a date for the expiry timer). The URL is never a variable (variables and their history are
 * readable in Cockpit, by REST and in a database dump): mails get it as {@code invitationUrl} from the link id at
 * send time, the partner sees it on the partner pages. A validity out of bounds, or a {@code recipientEmail} that is
 * not an e-mail address ({@link InvitationRequest}: the rules the flows' start checks apply too), raises BPMN error
 * {@code INVALID_REQUEST} with the reason in {@code partnerUserLanguage}.
 */
@Component("issueInvitationLink")
public class IssueInvitationLinkDelegate implements JavaDelegate {

    public static final int MIN_DAYS = InvitationRequest.MIN_DAYS;
    public static final int MAX_DAYS = InvitationRequest.MAX_DAYS;
    public static final int DEFAULT_DAYS = InvitationRequest.DEFAULT_DAYS;

    private final LinkService links;
    private final PartnerRepository partners;
    private final AuditLog audit;
    private final InvitationRequest request;
    private final TypedVariables typed;
    private final FlowRequests requests;

    public IssueInvitationLinkDelegate(LinkService links, PartnerRepository partners, AuditLog audit,
            InvitationRequest request, TypedVariables typed, FlowRequests requests) {
        this.requests = requests;
        this.typed = typed;
        this.audit = audit;
        this.links = links;
        this.partners = partners;
        this.request = request;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // typed in the start form and mailed with the link (the text rule, before anything is issued)
        typed.require(execution, "personalMessage", HumanText.Kind.MESSAGE);
        typed.require(execution, "recipientEmail", HumanText.Kind.EMAIL);
        Language language = Language.orDefault((String) execution.getVariable("partnerUserLanguage"), Language.EN);
        Object validity = execution.getVariable("linkValidityDays");
        request.validityProblem(validity, language).ifPresent(problem -> {
            throw new BpmnError(INVALID_REQUEST, problem);
        });
        Object recipient = execution.getVariable("recipientEmail");
        if (recipient != null) {
            request.recipientProblem(recipient, language).ifPresent(problem -> {
                throw new BpmnError(INVALID_REQUEST, problem);
            });
        }
        long days = InvitationRequest.validityDays(validity);
        long partnerId = requests.partnerIdOf(execution);
        Partner partner = partners.findById(partnerId)
                .orElseThrow(() -> new IllegalStateException("partner " + partnerId + " does not exist"));
        LinkType type = LinkType.valueOf(String.valueOf(ModelProperties.get(execution, "linkType")));
        IssuedLink link = links.issue(type, partner, EngineClock.now().plus(Duration.ofDays(days)),
                execution.getProcessInstanceId(), execution.getProcessBusinessKey(), null, false);
        audit.record(requests.requestedByOf(execution), "LINK_ISSUED", partner.id(), null,
                execution.getProcessBusinessKey(), type + " link valid until " + link.expiresAt());
        execution.setVariable("linkId", link.id());
        execution.setVariable("linkExpiresAt", Date.from(link.expiresAt()));
    }
}
