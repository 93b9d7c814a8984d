package com.partnercenter.invitation;

import static com.partnercenter.platform.FlowErrors.INVALID_REQUEST;

import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.mail.MailLink;
import com.partnercenter.mail.MailService;
import com.partnercenter.mail.OutgoingMail;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.ProcessVariables;
import com.partnercenter.request.FlowRequests;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The recipients of an invitation link (trial invitation, purchase offer): the start form's addresses
 * checked, and one mail to each, never twice.
 */
@Component
public class InvitationRecipients {

    public static final int MAX_RECIPIENTS = InvitationRequest.MAX_RECIPIENTS;

    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final MailService mails;
    private final InvitationRequest request;

    private final FlowRequests requests;

    public InvitationRecipients(PartnerRepository partners, CustomerRepository customers, MailService mails,
            InvitationRequest request, FlowRequests requests) {
        this.requests = requests;
        this.request = request;
        this.partners = partners;
        this.customers = customers;
        this.mails = mails;
    }

    /**
     * The checked recipients ({@link InvitationRequest#recipientsProblems}), lower-cased, each once. A problem left
     * is BPMN error INVALID_REQUEST with the reasons in the partner user's language.
     */
    public List<String> parse(Object raw, Language language) {
        List<String> problems = request.recipientsProblems(raw, language);
        if (!problems.isEmpty()) {
            throw new BpmnError(INVALID_REQUEST, String.join("\n", problems));
        }
        return InvitationRequest.recipients(raw);
    }

    /**
     * Mails the template to every address of {@code recipientList} (comma-separated), in the language of the
     * customer it is an admin of when known, else the partner's; one mail per instance, step and recipient. The
     * template gets the link of the variable {@code linkId} as {@code invitationUrl}.
     */
    public void mailEach(DelegateExecution execution, String template, Map<String, Object> model) {
        String list = (String) execution.getVariable("recipientList");
        if (list == null || list.isBlank()) {
            return;
        }
        Partner partner = partners.findById(requests.partnerIdOf(execution)).orElseThrow();
        mailTo(List.of(list.split(",")), execution.getProcessInstanceId(), execution.getCurrentActivityId(),
                template, model, partner, execution.getProcessBusinessKey(), ProcessVariables.number(execution, "linkId"));
    }

    /**
     * Mails the invitation of the instance to each address, keyed like the recipients' mails of its step
     * {@code activityId}: an address already sent the invitation is not sent it again (more recipients added later
     * from the partner pages). The template gets the URL of link {@code linkId} as {@code invitationUrl}, rebuilt
     * when the mail is rendered.
     */
    public void mailTo(List<String> addresses, String processInstanceId, String activityId, String template,
            Map<String, Object> model, Partner partner, String businessKey, long linkId) {
        for (String address : addresses) {
            String language = customers.languageOfAdmin(address).orElse(partner.defaultLanguage());
            mails.send(new OutgoingMail(MailService.processMailKey(processInstanceId, activityId, null, address),
                    template, language, address, model, partner.id(), businessKey)
                    .withLink("invitationUrl", MailLink.of(linkId)));
        }
    }
}
