package com.partnercenter.customer;

import com.partnercenter.link.Link;
import com.partnercenter.link.LinkService;
import com.partnercenter.mail.MailLink;
import com.partnercenter.mail.MailService;
import com.partnercenter.mail.OutgoingMail;
import com.partnercenter.mail.SendEmailDelegate;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.platform.ModelProperties;
import com.partnercenter.request.FlowRequests;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * BPMN "Email the welcome": the new customer admin gets its sign-in id and a single-use set-password
 * link ({@value #VALIDITY_DAYS} days). Use it asynchronously with retries, like {@code sendEmail}.
 *
 * <p>Inputs (camunda:properties of the step, constants or expressions, else variables of those names, see
 * {@link ModelProperties#input}): {@code mailTo} (the admin's address), {@code mailLanguage}, {@code customerAdminUserId},
 * {@code customerCreated}; the template reads {@code customerName}; the partner is the flow's ({@link FlowRequests#partnerIdOf}, never a variable);
 * {@code customerCreated=false} (an existing account) sends the
 * welcome without a link. The camunda:property {@code mailTemplate} chooses another template with the same
 * inputs (a password reset, a new partner user's welcome). In a flow with a request, the account must be an admin
 * of the request's customer and {@code mailTo} its address (a set-password link never opens another account). The
 * link never enters a process variable (a partner can read those); it is committed in its own transaction before the
 * mail leaves, and a retried job mails the same link again (rebuilt from its id), so no link that may have reached
 * the user dies; a retry after the mail was sent does nothing.
 */
@Component("sendWelcomeEmail")
public class SendWelcomeEmailDelegate implements JavaDelegate {

    public static final String TEMPLATE = "customer-welcome";
    static final int VALIDITY_DAYS = 7;

    private final MailService mails;
    private final LinkService links;
    private final PartnerRepository partners;
    private final TransactionTemplate newTransaction;
    private final FlowRequests requests;
    private final CustomerRepository customers;

    public SendWelcomeEmailDelegate(MailService mails, LinkService links,
            PartnerRepository partners, PlatformTransactionManager transactions, FlowRequests requests,
            CustomerRepository customers) {
        this.requests = requests;
        this.customers = customers;
        this.mails = mails;
        this.links = links;
        this.partners = partners;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void execute(DelegateExecution execution) {
        String to = required(execution, "mailTo");
        String userId = required(execution, "customerAdminUserId");
        requests.find(execution.getProcessInstanceId()).ifPresent(request -> {
            // a flow's new customer admin: the set-password link opens that admin's account, mailed to its address
            Long customerId = request.customerId();
            boolean admin = customerId != null && customers.findAdminByUserId(userId)
                    .filter(a -> a.customerId() == customerId && a.email().equalsIgnoreCase(to)).isPresent();
            if (!admin) {
                throw new IllegalStateException("'" + userId + "' <" + to + "> is not an admin of the customer of "
                        + execution.getProcessBusinessKey() + ": no welcome mail");
            }
        });
        long partnerId = requests.partnerIdOf(execution);
        String key = MailService.processMailKey(execution.getProcessInstanceId(), execution.getCurrentActivityId(),
                null, to);
        if (mails.wasSent(key)) {
            return;
        }
        Map<String, Object> model = SendEmailDelegate.templateModel(execution);
        Long linkId = null;
        if (!Boolean.FALSE.equals(ModelProperties.input(execution, "customerCreated"))) {
            Partner partner = partners.findById(partnerId)
                    .orElseThrow(() -> new IllegalStateException("partner " + partnerId + " does not exist"));
            // a retry re-sends the link an earlier attempt issued (it may have reached the user): never a second one
            linkId = links.livePasswordSetupOf(userId, execution.getProcessInstanceId()).map(Link::id)
                    .orElseGet(() -> newTransaction.execute(status -> links.issuePasswordSetup(partner, userId,
                            EngineClock.now().plus(Duration.ofDays(VALIDITY_DAYS)), execution.getProcessInstanceId(),
                            execution.getProcessBusinessKey())).id());
            model.put("passwordSetupDays", VALIDITY_DAYS);
        }
        Object template = ModelProperties.get(execution, "mailTemplate");
        OutgoingMail mail = new OutgoingMail(key, template == null ? TEMPLATE : template.toString(),
                optional(execution, "mailLanguage"), to, model,
                partnerId, execution.getProcessBusinessKey());
        mails.send(linkId == null ? mail : mail.withLink("passwordSetupUrl", MailLink.of(linkId)));
    }

    private static String optional(DelegateExecution execution, String name) {
        Object value = ModelProperties.input(execution, name);
        return value == null ? null : value.toString();
    }

    private static String required(DelegateExecution execution, String name) {
        Object value = ModelProperties.input(execution, name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("Process variable '" + name + "' is required to send the welcome "
                    + "e-mail (task '" + execution.getCurrentActivityId() + "')");
        }
        return value.toString();
    }
}
