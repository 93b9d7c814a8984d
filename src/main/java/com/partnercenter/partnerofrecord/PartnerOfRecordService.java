package com.partnercenter.partnerofrecord;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.customer.CustomerService;
import com.partnercenter.mail.MailService;
import com.partnercenter.mail.OutgoingMail;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Partner of record (POR) of subscriptions: every change to a subscription is recorded on its history and
 * mailed to its POR (template {@value #TEMPLATE}, to the partner's support address, in the partner's default
 * language), once per change id however often it is recorded again. Flows that change a subscription call
 * {@link #record} (or use the BPMN step {@code ${recordSubscriptionChange}}) after the change; a change of POR
 * goes through {@link #changePartnerOfRecord}.
 *
 * <p>The history row is written first (in the caller's transaction, if any); the mail follows and its failure
 * propagates ({@link com.partnercenter.mail.MailDeliveryException}): call it from an asynchronous step with
 * retries, and {@link PartnerOfRecordMailRetry} sends what is still unsent later.
 */
@Service
public class PartnerOfRecordService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PartnerOfRecordService.class);

    public static final String TEMPLATE = "por-subscription-changed";

    /** What a flow reports. {@code changeId} must identify the change (e.g. process instance + activity). */
    public record ChangeRequest(String changeId, long subscriptionId, SubscriptionChange.Kind kind, String oldValue,
            String newValue, String details, String actor) {}

    /** Outcome of a registration as partner of record; {@code reason} (English, as on the history) when refused. */
    public record Registration(boolean registered, String reason) {}

    private final SubscriptionHistoryRepository history;
    private final SubscriptionRepository subscriptions;
    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final CustomerService customerService;
    private final CatalogueRepository catalogue;
    private final MailService mails;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Messages messages;

    public PartnerOfRecordService(SubscriptionHistoryRepository history, SubscriptionRepository subscriptions,
            PartnerRepository partners, CustomerRepository customers, CustomerService customerService,
            CatalogueRepository catalogue, MailService mails, TransactionTemplate tx, AuditLog audit,
            Messages messages) {
        this.messages = messages;
        this.customerService = customerService;
        this.history = history;
        this.subscriptions = subscriptions;
        this.partners = partners;
        this.customers = customers;
        this.catalogue = catalogue;
        this.mails = mails;
        this.tx = tx;
        this.audit = audit;
    }

    /** Records the change (once per change id) and mails the subscription's POR about it. */
    public SubscriptionChange record(ChangeRequest request) {
        if (request.kind() == SubscriptionChange.Kind.POR_CHANGED) {
            throw new IllegalArgumentException("a change of partner of record goes through changePartnerOfRecord");
        }
        Subscription subscription = subscription(request.subscriptionId());
        SubscriptionChange change = store(request, subscription.partnerOfRecordId());
        notifyPartnerOfRecord(change);
        return change;
    }

    /**
     * Makes the partner the subscription's POR when it is eligible (holds Subscription advisor); otherwise records
     * why not. The change is recorded and mailed to the new POR (and to the previous one).
     */
    public Registration changePartnerOfRecord(long subscriptionId, long partnerId, String changeId, String actor) {
        Optional<SubscriptionChange> previous = history.findByChangeId(changeId);
        if (previous.isPresent()) {
            notifyPartnerOfRecord(previous.get());
            return previous.get().kind() == SubscriptionChange.Kind.POR_CHANGED ? new Registration(true, null)
                    : new Registration(false, previous.get().details());
        }
        Partner partner = partners.findById(partnerId)
                .orElseThrow(() -> new IllegalArgumentException("partner " + partnerId + " does not exist"));
        Subscription subscription = subscription(subscriptionId);
        if (!partner.has(ProgramAuthorization.SUBSCRIPTION_ADVISOR)) {
            // in the partner's language: its mail and the flow's partner user read it
            Language language = Language.orDefault(partner.defaultLanguage(), Language.DEFAULT);
            String reason = messages.text(language, "partnerOfRecord.notEligible", partner.name(),
                    messages.text(language, ProgramAuthorization.SUBSCRIPTION_ADVISOR.messageKey()));
            store(new ChangeRequest(changeId, subscriptionId, SubscriptionChange.Kind.POR_NOT_REGISTERED,
                    code(subscription.partnerOfRecordId()), partner.advisorCode(), reason, actor),
                    subscription.partnerOfRecordId());
            audit.record(actor, "POR_NOT_REGISTERED", partnerId, subscription.customerId(), null,
                    "subscription " + subscriptionId + ": " + reason, AuditLog.plain(partner.name()));
            return new Registration(false, reason);
        }
        if (Long.valueOf(partnerId).equals(subscription.partnerOfRecordId())) {
            return new Registration(true, null);
        }
        SubscriptionChange change = tx.execute(status -> {
            if (!subscriptions.updatePartnerOfRecord(subscriptionId, subscription.partnerOfRecordId(), partnerId)) {
                throw new IllegalStateException("the partner of record of subscription " + subscriptionId
                        + " changed meanwhile; retry");
            }
            Customer customer = customers.findById(subscription.customerId()).orElseThrow();
            customerService.linkPartner(partnerId, customer);
            audit.record(actor, "POR_CHANGED", partnerId, customer.id(), null, "subscription " + subscriptionId
                    + ": " + code(subscription.partnerOfRecordId()) + " → " + partner.advisorCode(),
                    AuditLog.plain(partner.name()));
            return store(new ChangeRequest(changeId, subscriptionId, SubscriptionChange.Kind.POR_CHANGED,
                    code(subscription.partnerOfRecordId()), partner.advisorCode(), null, actor), partnerId);
        });
        notifyPartnerOfRecord(change);
        return new Registration(true, null);
    }

    /** Mails the changes whose POR mail did not leave (SMTP down) a minute or more ago; returns how many. */
    public int retryUnnotified() {
        int sent = 0;
        for (SubscriptionChange change : history.findUnnotified(EngineClock.now().minusSeconds(60), 100)) {
            try {
                notifyPartnerOfRecord(change);
                sent++;
            } catch (RuntimeException e) {
                log.warn("Partner-of-record mail of change {} still not sent: {}", change.changeId(), e.getMessage());
            }
        }
        return sent;
    }

    public List<SubscriptionChange> history(long subscriptionId) {
        return history.findBySubscription(subscriptionId);
    }

    /** Mails the POR (and for a change of POR the previous one) unless it was done; marks the change notified. */
    public void notifyPartnerOfRecord(SubscriptionChange change) {
        if (change.notifiedAt() != null || change.partnerOfRecordId() == null
                || change.kind() == SubscriptionChange.Kind.POR_NOT_REGISTERED) {
            return;
        }
        Subscription subscription = subscription(change.subscriptionId());
        Customer customer = customers.findById(subscription.customerId()).orElseThrow();
        mailTo(change.partnerOfRecordId(), change, subscription, customer);
        if (change.kind() == SubscriptionChange.Kind.POR_CHANGED && change.oldValue() != null) {
            partners.findByAdvisorCode(change.oldValue()).filter(p -> p.id() != change.partnerOfRecordId())
                    .ifPresent(old -> mailTo(old.id(), change, subscription, customer));
        }
        history.markNotified(change.id(), EngineClock.now());
    }

    private void mailTo(long partnerId, SubscriptionChange change, Subscription subscription, Customer customer) {
        Partner partner = partners.findById(partnerId).orElseThrow();
        Map<String, Object> model = new HashMap<>();
        model.put("changeKind", change.kind().name());
        model.put("oldValue", change.oldValue() == null ? "" : change.oldValue());
        model.put("newValue", change.newValue() == null ? "" : change.newValue());
        model.put("details", change.details());
        model.put("customerName", customer.name());
        model.put("customerDomain", customer.domain());
        model.put("subscriptionId", String.valueOf(subscription.id()));
        model.put("skuName", catalogue.find(subscription.skuCode()).map(Sku::name).orElse(subscription.skuCode()));
        model.put("licenses", subscription.licenses());
        model.put("endDate", subscription.endDate().toString());
        model.put("stillPartnerOfRecord", Long.valueOf(partnerId).equals(subscription.partnerOfRecordId()));
        mails.send(new OutgoingMail("por/" + change.changeId() + "/" + partnerId, TEMPLATE,
                partner.defaultLanguage(), partner.supportEmail(), model, partnerId, null));
    }

    private SubscriptionChange store(ChangeRequest r, Long partnerOfRecordId) {
        Optional<SubscriptionChange> existing = history.findByChangeId(r.changeId());
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return history.insert(new SubscriptionChange(0, r.changeId(), r.subscriptionId(), r.kind(), r.oldValue(),
                    r.newValue(), r.details(), partnerOfRecordId, r.actor() == null ? AuditLog.SYSTEM : r.actor(),
                    EngineClock.now(), null));
        } catch (DuplicateKeyException race) {
            return history.findByChangeId(r.changeId()).orElseThrow(() -> race);
        }
    }

    private Subscription subscription(long id) {
        return subscriptions.findById(id)
                .orElseThrow(() -> new IllegalArgumentException("subscription " + id + " does not exist"));
    }

    private String code(Long partnerId) {
        return partnerId == null ? null : partners.findById(partnerId).map(Partner::advisorCode).orElse(null);
    }
}
