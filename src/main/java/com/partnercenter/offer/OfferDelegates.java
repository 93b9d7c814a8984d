package com.partnercenter.offer;

import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.delegation.RequestedRole;
import com.partnercenter.link.InvitationRecipients;
import com.partnercenter.link.LinkService;
import com.partnercenter.platform.ProcessVariables;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.ModelProperties;
import com.partnercenter.trial.TrialDelegates;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The steps of processes/purchase-offer.bpmn, each a bean named after its task. */
@Configuration
public class OfferDelegates {

    /** Rows of the start form: line1Sku/line1Licenses … line5Sku/line5Licenses. */
    public static final int FORM_LINES = 5;
    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    public static final String SUPERSEDED_MESSAGE = "OfferSuperseded";
    public static final String ACCEPTED_MESSAGE = "OfferAccepted";

    private final CatalogueRepository catalogue;
    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final OfferRepository offers;
    private final LinkService links;
    private final InvitationRecipients recipientMails;
    private final RuntimeService runtime;

    public OfferDelegates(CatalogueRepository catalogue, PartnerRepository partners, CustomerRepository customers,
            OfferRepository offers, LinkService links, InvitationRecipients recipientMails, RuntimeService runtime) {
        this.catalogue = catalogue;
        this.partners = partners;
        this.customers = customers;
        this.offers = offers;
        this.links = links;
        this.recipientMails = recipientMails;
        this.runtime = runtime;
    }

    /**
     * "Check the license counts": every SKU exists and is sellable and appears once; every count is a whole
     * number within the SKU's bounds ({@link LicenseCounts}). camunda:property {@code linesFrom}: {@code form}
     * (the start form's rows; sets {@code offerLines}, "SKU:count;…") or {@code acceptance} (the counts the
     * customer chose, stored with acceptance {@code acceptanceId}: checked again, never trusted from the page).
     * A bad line: BPMN error INVALID_REQUEST naming the line and the bound.
     */
    @Bean
    public JavaDelegate checkLicenseCounts() {
        return execution -> {
            boolean fromForm = !"acceptance".equals(String.valueOf(ModelProperties.get(execution, "linesFrom")));
            List<RawLine> raw = fromForm ? formLines(execution) : acceptedLines(execution);
            List<PurchaseOffer.Line> lines = check(raw);
            if (fromForm) {
                execution.setVariable("offerLines", OfferLines.format(lines));
                execution.setVariable("offerSummary", summary(lines));
            }
        };
    }

    /** A line as entered: its row number, the SKU code and the raw count. */
    record RawLine(int lineNo, Object skuCode, Object licenses) {}

    private static List<RawLine> formLines(DelegateExecution execution) {
        List<RawLine> lines = new ArrayList<>();
        for (int i = 1; i <= FORM_LINES; i++) {
            Object sku = execution.getVariable("line" + i + "Sku");
            Object count = execution.getVariable("line" + i + "Licenses");
            boolean noSku = sku == null || sku.toString().isBlank();
            if (noSku && (count == null || count.toString().isBlank())) {
                continue;
            }
            if (noSku) {
                throw refuse("Line " + i + ": choose the subscription for the " + count + " licenses");
            }
            lines.add(new RawLine(i, sku.toString().trim(), count));
        }
        return lines;
    }

    private List<RawLine> acceptedLines(DelegateExecution execution) {
        long acceptanceId = ProcessVariables.number(execution, "acceptanceId");
        return offers.acceptedLines(acceptanceId).stream()
                .map(l -> new RawLine(l.lineNo(), l.skuCode(), l.licenses())).toList();
    }

    /** The whole rule, for any source of lines. */
    List<PurchaseOffer.Line> check(List<RawLine> raw) {
        if (raw.isEmpty()) {
            throw refuse("Add at least one line: a subscription and its license count");
        }
        Set<String> seen = new HashSet<>();
        List<PurchaseOffer.Line> lines = new ArrayList<>();
        for (RawLine line : raw) {
            String code = line.skuCode().toString();
            Sku sku = catalogue.find(code)
                    .orElseThrow(() -> refuse("Line " + line.lineNo() + ": '" + code + "' is not a subscription of the catalogue"));
            if (!sku.sellable()) {
                throw refuse("Line " + line.lineNo() + ": " + sku.name() + " cannot be sold");
            }
            if (!seen.add(sku.code())) {
                throw refuse("Line " + line.lineNo() + ": " + sku.name() + " is already on another line; "
                        + "put all its licenses on one line");
            }
            LicenseCounts.Checked count = LicenseCounts.check(line.licenses(), sku);
            if (!count.ok()) {
                throw refuse(LicenseCounts.describe(line.lineNo(), sku, line.licenses(), count.problem()));
            }
            lines.add(new PurchaseOffer.Line(line.lineNo(), sku.code(), count.count()));
        }
        return lines;
    }

    private String summary(List<PurchaseOffer.Line> lines) {
        return String.join(", ", lines.stream().map(l -> l.licenses() + " × "
                + catalogue.find(l.skuCode()).map(Sku::name).orElse(l.skuCode())).toList());
    }

    /**
     * "Check the offer": the target customer (optional: its domain) is one of the partner's customers;
     * delegated administration only for partners holding it, Full or Limited; recipients are e-mail addresses;
     * the message at most 1000 characters. Sets {@code targetCustomerId} (null: open offer),
     * {@code targetCustomerName}, {@code recipientList}, {@code recipientCount}.
     */
    @Bean
    public JavaDelegate preparePurchaseOffer() {
        return execution -> {
            Partner partner = partner(execution);
            Object domain = execution.getVariable("targetCustomerDomain");
            Customer target = null;
            if (domain != null && !domain.toString().isBlank()) {
                String d = domain.toString().trim().toLowerCase(Locale.ROOT);
                target = customers.findByDomain(d).filter(c -> customers.isPartnerOf(partner.id(), c.id()))
                        .orElseThrow(() -> refuse("'" + d + "' is not the domain of one of " + partner.name()
                                + "'s customers: leave it empty for an open offer"));
            }
            String role = RequestedRole.of(partner, execution.getVariable("includeDelegatedAdmin"),
                    execution.getVariable("delegatedAdminRole"), "the offer");
            boolean delegated = role != null;
            List<String> recipients = InvitationRecipients.parse(execution.getVariable("recipientEmails"));
            Object message = execution.getVariable("personalMessage");
            if (message != null && message.toString().length() > 1000) {
                throw refuse("The personal message can have at most 1000 characters");
            }
            execution.setVariable("targetCustomerId", target == null ? null : target.id());
            execution.setVariable("targetCustomerName", target == null ? null : target.name());
            execution.setVariable("includeDelegatedAdmin", delegated);
            execution.setVariable("delegatedAdminRole", role);
            execution.setVariable("recipientList", String.join(",", recipients));
            execution.setVariable("recipientCount", recipients.size());
        };
    }

    /** "Record the offer": the offer and its lines, as the accept page shows them (once per instance). */
    @Bean
    public JavaDelegate recordPurchaseOffer() {
        return execution -> {
            Object target = execution.getVariable("targetCustomerId");
            long id = offers.insert(execution.getProcessInstanceId(), execution.getProcessBusinessKey(),
                    partner(execution).id(), target == null ? null : ((Number) target).longValue(),
                    ProcessVariables.number(execution, "linkId"),
                    (String) execution.getVariable("delegatedAdminRole"),
                    OfferLines.parse((String) execution.getVariable("offerLines")));
            execution.setVariable("offerId", id);
        };
    }

    /**
     * "Supersede older offers": the partner's open offers to the same customer for any of the same SKUs stop
     * working (their links are revoked) and their instances end as superseded (message
     * {@value #SUPERSEDED_MESSAGE}). Open offers supersede nothing. Sets {@code supersededCount}.
     */
    @Bean
    public JavaDelegate supersedeOlderOffers() {
        return execution -> {
            PurchaseOffer offer = offers.findByProcessInstance(execution.getProcessInstanceId()).orElseThrow();
            int superseded = 0;
            if (offer.targeted()) {
                List<String> skus = offer.lines().stream().map(PurchaseOffer.Line::skuCode).toList();
                for (PurchaseOffer older : offers.findOpenOverlapping(offer.partnerId(), offer.customerId(),
                        offer.id(), skus)) {
                    if (offers.close(older.id(), PurchaseOffer.Status.SUPERSEDED, offer.id())) {
                        links.revokeAllOf(older.processInstanceId());
                        superseded++;
                        // not yet at its wait (its mails are still being sent): it ends when it gets there, by
                        // the gateway "Still open?"
                        correlateIfWaiting(older.processInstanceId(), SUPERSEDED_MESSAGE,
                                Map.of("supersededBy", execution.getProcessBusinessKey()));
                    }
                }
            }
            execution.setVariable("supersededCount", superseded);
        };
    }

    /**
     * "Email the recipients": the offer to every recipient, in the language of the customer it is an admin of
     * when known, else the partner's. One mail per recipient, never twice.
     */
    @Bean
    public JavaDelegate emailOfferRecipients() {
        return execution -> recipientMails.mailEach(execution, INVITATION_MAIL, invitationMail(execution.getVariables()));
    }

    /** The invitation mail's template, and its model from the offer instance's variables. */
    public static final String INVITATION_MAIL = "offer-invitation";

    public Map<String, Object> invitationMail(Map<String, Object> variables) {
        Map<String, Object> model = new HashMap<>(variables);
        model.put("linkExpiresAtText", TrialDelegates.dateText(((Date) variables.get("linkExpiresAt")).toInstant()));
        model.put("lines", OfferLines.describe(catalogue, OfferLines.parse((String) variables.get("offerLines"))));
        return model;
    }

    /**
     * "Close the offer": the offer link and pending confirmations stop working; the offer is recorded closed
     * for the reason of the camunda:property {@code closeReason} (EXPIRED, REVOKED, SUPERSEDED, ACCEPTED), or the
     * reason it was closed for before. Sets {@code closeReason} and {@code acceptedCount}.
     */
    @Bean
    public JavaDelegate closePurchaseOffer() {
        return execution -> {
            links.revokeAllOf(execution.getProcessInstanceId());
            PurchaseOffer offer = offers.findByProcessInstance(execution.getProcessInstanceId()).orElseThrow();
            var reason = PurchaseOffer.Status.valueOf(String.valueOf(ModelProperties.get(execution, "closeReason")));
            offers.close(offer.id(), reason, null);
            execution.setVariable("closeReason", offers.findById(offer.id()).orElseThrow().status().name());
            execution.setVariable("acceptedCount", offers.countAccepted(offer.id()));
        };
    }

    /**
     * Gateway "Still open?": false when the offer was superseded or accepted while its mails were being sent
     * (the message found no wait then).
     */
    public boolean isOpen(DelegateExecution execution) {
        return offers.findByProcessInstance(execution.getProcessInstanceId())
                .map(o -> o.status() == PurchaseOffer.Status.OPEN).orElse(true);
    }

    /**
     * Correlates the message when the instance waits for it. A correlation that finds no wait would mark the
     * caller's transaction rollback-only even when caught, so it is not tried.
     */
    void correlateIfWaiting(String processInstanceId, String message, Map<String, Object> variables) {
        boolean waiting = runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId)
                .eventType("message").eventName(message).count() > 0;
        if (waiting) {
            runtime.createMessageCorrelation(message).processInstanceId(processInstanceId).setVariables(variables)
                    .correlateWithResult();
        }
    }

    private Partner partner(DelegateExecution execution) {
        return partners.findById(ProcessVariables.number(execution, "partnerId")).orElseThrow();
    }

    static BpmnError refuse(String message) {
        return new BpmnError(INVALID_REQUEST, message);
    }
}
