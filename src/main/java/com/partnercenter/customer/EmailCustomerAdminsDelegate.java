package com.partnercenter.customer;

import com.partnercenter.mail.MailService;
import com.partnercenter.mail.OutgoingMail;
import com.partnercenter.platform.ModelProperties;
import com.partnercenter.request.FlowRequests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN "Email the customer's admins": the mail of camunda:property {@code mailTemplate} to every admin
 * of the flow's customer (its request's; {@code customerId} for the partner pages' own processes, see
 * {@link FlowRequests#customerIdOf}), in the customer's language, with the company info of the flow's partner (never a
 * variable), and with property
 * {@code copyPartner=true} also to the partner user ({@code partnerUserEmail}, {@code partnerUserLanguage}).
 * Asynchronous with retries like {@code sendEmail}: each recipient's mail is keyed on its own (plus the
 * optional variable {@code mailKey}), so a retry sends only what did not leave.
 */
@Component("emailCustomerAdmins")
public class EmailCustomerAdminsDelegate implements JavaDelegate {

    private final MailService mails;
    private final CustomerRepository customers;
    private final FlowRequests requests;

    public EmailCustomerAdminsDelegate(MailService mails, CustomerRepository customers, FlowRequests requests) {
        this.requests = requests;
        this.mails = mails;
        this.customers = customers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object template = ModelProperties.get(execution, "mailTemplate");
        if (template == null) {
            throw new IllegalStateException("task " + execution.getCurrentActivityId() + " has no mailTemplate property");
        }
        long customerId = requests.customerIdOf(execution);
        Customer customer = customers.findById(customerId).orElseThrow();
        long partnerId = requests.partnerIdOf(execution);
        Object mailKey = execution.getVariable("mailKey");
        record Recipient(String address, String language) {}
        List<Recipient> recipients = new ArrayList<>();
        customers.findAdmins(customerId).forEach(a -> recipients.add(new Recipient(a.email(), customer.language())));
        Object partnerAddress = execution.getVariable("partnerUserEmail");
        if ("true".equals(String.valueOf(ModelProperties.get(execution, "copyPartner"))) && partnerAddress != null) {
            recipients.add(new Recipient(partnerAddress.toString(), (String) execution.getVariable("partnerUserLanguage")));
        }
        Map<String, Object> model = new HashMap<>(execution.getVariables());
        for (Recipient r : recipients) {
            String key = MailService.processMailKey(execution.getProcessInstanceId(), execution.getCurrentActivityId(),
                    mailKey == null ? null : mailKey.toString(), r.address());
            mails.send(new OutgoingMail(key, template.toString(), r.language(), r.address(), model,
                    partnerId, execution.getProcessBusinessKey()));
        }
    }
}
