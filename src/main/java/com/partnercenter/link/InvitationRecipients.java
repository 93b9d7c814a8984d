package com.partnercenter.link;

import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.mail.MailService;
import com.partnercenter.mail.OutgoingMail;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.EmailAddresses;
import com.partnercenter.platform.ProcessVariables;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The recipients of an invitation link (trial invitation, purchase offer): the start form's addresses
 * checked, and one mail to each, never twice.
 */
@Component
public class InvitationRecipients {

    public static final int MAX_RECIPIENTS = 50;

    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final MailService mails;

    public InvitationRecipients(PartnerRepository partners, CustomerRepository customers, MailService mails) {
        this.partners = partners;
        this.customers = customers;
        this.mails = mails;
    }

    /**
     * E-mail addresses separated by lines, commas or semicolons, lower-cased, each once; at most
     * {@value #MAX_RECIPIENTS}. Bad input: BPMN error INVALID_REQUEST naming the address.
     */
    public static List<String> parse(Object raw) {
        Set<String> result = new LinkedHashSet<>();
        if (raw != null) {
            for (String part : raw.toString().split("[\\r\\n,;]+")) {
                String address = part.trim();
                if (address.isEmpty()) {
                    continue;
                }
                if (!EmailAddresses.isValid(address)) {
                    throw new BpmnError(IssueInvitationLinkDelegate.INVALID_REQUEST, "'" + address
                            + "' is not an e-mail address");
                }
                result.add(address.toLowerCase(Locale.ROOT));
            }
        }
        if (result.size() > MAX_RECIPIENTS) {
            throw new BpmnError(IssueInvitationLinkDelegate.INVALID_REQUEST, result.size() + " recipients: at most "
                    + MAX_RECIPIENTS + " per invitation");
        }
        return new ArrayList<>(result);
    }

    /**
     * Mails the template to every address of {@code recipientList} (comma-separated), in the language of the
     * customer it is an admin of when known, else the partner's; one mail per instance, step and recipient.
     */
    public void mailEach(DelegateExecution execution, String template, Map<String, Object> model) {
        String list = (String) execution.getVariable("recipientList");
        if (list == null || list.isBlank()) {
            return;
        }
        Partner partner = partners.findById(ProcessVariables.number(execution, "partnerId")).orElseThrow();
        mailTo(List.of(list.split(",")), execution.getProcessInstanceId(), execution.getCurrentActivityId(),
                template, model, partner, execution.getProcessBusinessKey());
    }

    /**
     * Mails the invitation of the instance to each address, keyed like the recipients' mails of its step
     * {@code activityId}: an address already sent the invitation is not sent it again (more recipients added later
     * from the partner pages).
     */
    public void mailTo(List<String> addresses, String processInstanceId, String activityId, String template,
            Map<String, Object> model, Partner partner, String businessKey) {
        for (String address : addresses) {
            String language = customers.languageOfAdmin(address).orElse(partner.defaultLanguage());
            mails.send(new OutgoingMail(MailService.processMailKey(processInstanceId, activityId, null, address),
                    template, language, address, model, partner.id(), businessKey));
        }
    }
}
