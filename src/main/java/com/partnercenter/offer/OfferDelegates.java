package com.partnercenter.offer;

import static com.partnercenter.platform.FlowErrors.INVALID_REQUEST;

import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.delegation.RequestedRole;
import com.partnercenter.invitation.InvitationRecipients;
import com.partnercenter.invitation.InvitationRequest;
import com.partnercenter.link.LinkService;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.HumanText;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.ModelProperties;
import com.partnercenter.platform.ProcessVariables;
import com.partnercenter.platform.ReaderFormat;
import com.partnercenter.platform.TypedVariables;
import com.partnercenter.request.FlowRequests;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The steps of processes/purchase-offer.bpmn, each a bean named after its task. */
@Configuration
public class OfferDelegates {

    public static final String SUPERSEDED_MESSAGE = "OfferSuperseded";
    public static final String ACCEPTED_MESSAGE = "OfferAccepted";

    private final CatalogueRepository catalogue;
    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final OfferRepository offers;
    private final LinkService links;
    private final InvitationRecipients recipientMails;
    private final RuntimeService runtime;
    private final PurchaseOfferRequest request;
    private final FlowRequests requests;
    private final TypedVariables typed;

    public OfferDelegates(CatalogueRepository catalogue, PartnerRepository partners, CustomerRepository customers,
            OfferRepository offers, LinkService links, InvitationRecipients recipientMails, RuntimeService runtime,
            PurchaseOfferRequest request, FlowRequests requests, TypedVariables typed) {
        this.typed = typed;
        this.request = request;
        this.requests = requests;
        this.catalogue = catalogue;
        this.partners = partners;
        this.customers = customers;
        this.offers = offers;
        this.links = links;
        this.recipientMails = recipientMails;
        this.runtime = runtime;
    }

    /**
     * "Check the license counts": the lines ({@link PurchaseOfferRequest#lines}: every SKU exists, is sellable and
     * appears once; every count a whole number within the SKU's bounds). camunda:property {@code linesFrom}:
     * {@code form} (the start form's rows; sets {@code offerLines}, "SKU:count;…") or {@code acceptance} (the counts
     * the customer chose, stored with acceptance {@code acceptanceId}: checked again, never trusted from the page).
     * Bad lines: BPMN error INVALID_REQUEST naming each line and bound, in the partner user's language (the customer's
     * counts: in the customer's).
     */
    @Bean
    public JavaDelegate checkLicenseCounts() {
        return execution -> {
            boolean fromForm = !"acceptance".equals(String.valueOf(ModelProperties.get(execution, "linesFrom")));
            Language language = Language.orDefault((String) execution.getVariable(
                    fromForm ? "partnerUserLanguage" : "customerLanguage"), Language.EN);
            PurchaseOfferRequest.Lines lines = fromForm ? request.formLines(execution::getVariable, language)
                    : request.lines(acceptedLines(execution), language);
            if (!lines.problems().isEmpty()) {
                throw refuse(String.join("\n", lines.problems()));
            }
            if (fromForm) {
                execution.setVariable("offerLines", OfferLines.format(lines.lines()));
                execution.setVariable("offerSummary", summary(lines.lines()));
            }
        };
    }

    private List<PurchaseOfferRequest.RawLine> acceptedLines(DelegateExecution execution) {
        long acceptanceId = ProcessVariables.number(execution, "acceptanceId");
        return offers.acceptedLines(acceptanceId).stream()
                .map(l -> new PurchaseOfferRequest.RawLine(l.lineNo(), l.skuCode(), l.licenses())).toList();
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
            // typed in the start form (the text rule) before any other check reads or echoes it
            typed.require(execution, "recipientEmails", HumanText.Kind.LIST);
            String message = typed.require(execution, "personalMessage", HumanText.Kind.MESSAGE);
            execution.setVariable("personalMessage", message.isEmpty() ? null : message);
            typed.require(execution, "targetCustomerDomain", HumanText.Kind.LINE);
            Language language = Language.orDefault((String) execution.getVariable("partnerUserLanguage"), Language.EN);
            List<String> problems = request.offerProblems(partner, execution::getVariable, language);
            if (!problems.isEmpty()) {
                throw refuse(String.join("\n", problems));
            }
            Customer target = request.target(partner, execution.getVariable("targetCustomerDomain")).orElse(null);
            String role = RequestedRole.of(execution.getVariable("includeDelegatedAdmin"),
                    execution.getVariable("delegatedAdminRole"));
            List<String> recipients = InvitationRequest.recipients(execution.getVariable("recipientEmails"));
            if (target != null) {
                requests.setCustomer(execution.getProcessInstanceId(), target.id());
            }
            requests.setDelegatedAdminRole(execution.getProcessInstanceId(), role);
            execution.setVariable("targetCustomerId", target == null ? null : target.id());
            execution.setVariable("targetCustomerName", target == null ? null : target.name());
            execution.setVariable("includeDelegatedAdmin", role != null);
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
        model.put("linkExpiresAtText", ReaderFormat.isoDay(((Date) variables.get("linkExpiresAt")).toInstant()));
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
        return partners.findById(requests.partnerIdOf(execution)).orElseThrow();
    }

    static BpmnError refuse(String message) {
        return new BpmnError(INVALID_REQUEST, message);
    }
}
