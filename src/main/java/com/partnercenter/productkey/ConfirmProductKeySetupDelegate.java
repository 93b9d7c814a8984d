package com.partnercenter.productkey;

import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.mail.MailService;
import com.partnercenter.mail.OutgoingMail;
import com.partnercenter.partnerofrecord.SubscriptionChange;
import com.partnercenter.partnerofrecord.SubscriptionHistoryRepository;
import com.partnercenter.request.FlowRequest;
import com.partnercenter.request.FlowRequests;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN "Confirm to the partner and the customer" (asynchronous with retries, like {@code sendEmail}): the
 * partner user ({@code partnerUserEmail}) gets {@value #PARTNER_TEMPLATE} and every admin of the customer
 * of the setup's request gets {@value #CUSTOMER_TEMPLATE}, each listing the subscriptions created from the keys this
 * instance redeemed (read from the database, not from variables); the partner's mail also says whether it is
 * partner of record of each. One mail per recipient, however often the job is retried.
 */
@Component("confirmProductKeySetup")
public class ConfirmProductKeySetupDelegate implements JavaDelegate {

    public static final String PARTNER_TEMPLATE = "product-key-setup-confirmed";
    public static final String CUSTOMER_TEMPLATE = "product-key-customer-confirmed";

    private final MailService mails;
    private final ProductKeyRepository keys;
    private final SubscriptionRepository subscriptions;
    private final SubscriptionHistoryRepository history;
    private final CatalogueRepository catalogue;
    private final CustomerRepository customers;
    private final FlowRequests requests;

    public ConfirmProductKeySetupDelegate(MailService mails, ProductKeyRepository keys,
            SubscriptionRepository subscriptions, SubscriptionHistoryRepository history, CatalogueRepository catalogue,
            CustomerRepository customers, FlowRequests requests) {
        this.requests = requests;
        this.mails = mails;
        this.keys = keys;
        this.subscriptions = subscriptions;
        this.history = history;
        this.catalogue = catalogue;
        this.customers = customers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FlowRequest request = requests.of(execution);
        long customerId = requests.customerIdOf(execution);
        long partnerId = request.partnerId();
        Customer customer = customers.findById(customerId).orElseThrow();
        List<Map<String, Object>> items = new ArrayList<>();
        for (ProductKey key : keys.findReservedBy(execution.getProcessInstanceId())) {
            if (key.redeemedSubscriptionId() == null) {
                continue;
            }
            Subscription s = subscriptions.findById(key.redeemedSubscriptionId()).orElseThrow();
            Map<String, Object> item = new HashMap<>();
            item.put("productKey", key.formatted());
            item.put("skuName", catalogue.find(s.skuCode()).map(Sku::name).orElse(s.skuCode()));
            item.put("licenses", s.licenses());
            item.put("startDate", s.startDate().toString());
            item.put("endDate", s.endDate().toString());
            item.put("subscriptionId", s.id());
            boolean por = Long.valueOf(partnerId).equals(s.partnerOfRecordId());
            item.put("partnerOfRecord", por);
            item.put("partnerOfRecordReason", por ? null : history.findBySubscription(s.id()).stream()
                    .filter(c -> c.kind() == SubscriptionChange.Kind.POR_NOT_REGISTERED)
                    .map(SubscriptionChange::details).reduce((a, b) -> b).orElse(null));
            items.add(item);
        }
        if (items.isEmpty()) {
            throw new IllegalStateException("no product key was redeemed by " + execution.getProcessBusinessKey());
        }
        Map<String, Object> model = new HashMap<>(execution.getVariables());
        model.put("subscriptions", items);
        model.put("customerName", customer.name());
        model.put("customerDomain", customer.domain());
        Object partnerAddress = execution.getVariable("partnerUserEmail");
        if (partnerAddress != null) {
            send(execution, PARTNER_TEMPLATE, partnerAddress.toString(),
                    (String) execution.getVariable("partnerUserLanguage"), model, partnerId);
        }
        customers.findAdmins(customerId).forEach(admin ->
                send(execution, CUSTOMER_TEMPLATE, admin.email(), customer.language(), model, partnerId));
    }

    private void send(DelegateExecution execution, String template, String to, String language,
            Map<String, Object> model, long partnerId) {
        String key = MailService.processMailKey(execution.getProcessInstanceId(), execution.getCurrentActivityId(),
                template, to);
        mails.send(new OutgoingMail(key, template, language, to, model, partnerId, execution.getProcessBusinessKey()));
    }
}
