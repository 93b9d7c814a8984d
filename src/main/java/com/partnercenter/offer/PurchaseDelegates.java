package com.partnercenter.offer;

import static com.partnercenter.platform.ProcessVariables.number;

import com.partnercenter.acceptance.AcceptanceRepository;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.mail.MailService;
import com.partnercenter.mail.OutgoingMail;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.request.FlowRequest;
import com.partnercenter.request.FlowRequests;
import com.partnercenter.partnerofrecord.PartnerOfRecordService;
import com.partnercenter.partnerofrecord.SubscriptionChange;
import com.partnercenter.platform.ModelProperties;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps of processes/purchase-offer-acceptance.bpmn (one customer's purchase), each a bean named after its
 * task, and {@code purchaseLines}, the collection the per-line sub-process runs over.
 */
@Configuration
public class PurchaseDelegates {

    public static final String TRIAL_CONVERTED_MESSAGE = "TrialConverted";

    public enum Action { CREATE, CONVERT, ALREADY_ACTIVE }

    private final OfferRepository offers;
    private final SubscriptionRepository subscriptions;
    private final CatalogueRepository catalogue;
    private final PartnerRepository partners;
    private final PartnerOfRecordService partnerOfRecord;
    private final MailService mails;
    private final OfferDelegates offerSteps;
    private final FlowRequests requests;
    private final AcceptanceRepository acceptances;

    public PurchaseDelegates(OfferRepository offers, SubscriptionRepository subscriptions,
            CatalogueRepository catalogue, PartnerRepository partners, PartnerOfRecordService partnerOfRecord,
            MailService mails, OfferDelegates offerSteps, FlowRequests requests, AcceptanceRepository acceptances) {
        this.requests = requests;
        this.acceptances = acceptances;
        this.offerSteps = offerSteps;
        this.offers = offers;
        this.subscriptions = subscriptions;
        this.catalogue = catalogue;
        this.partners = partners;
        this.partnerOfRecord = partnerOfRecord;
        this.mails = mails;
    }

    /**
     * "Record the request" (first step of a purchase, which the application starts when a customer confirmed its
     * acceptance): the purchase's request, from the confirmed acceptance of a purchase offer link and the offer's rows
     * — the offer's partner (in this instance's tenant), the existing customer whose admin accepted (if any), delegated
     * administration the offer asks for while the partner holds it, the partner user who made the offer. No variable
     * decides it but {@code acceptanceId}, which must name a confirmed acceptance of such a link.
     */
    @Bean
    public JavaDelegate recordPurchaseRequest() {
        return execution -> {
            long acceptanceId = number(execution, "acceptanceId");
            acceptances.findById(acceptanceId).filter(a -> "CONFIRMED".equals(a.status()))
                    .orElseThrow(() -> new IllegalStateException("acceptance " + acceptanceId + " is not confirmed"));
            OfferRepository.OfferAcceptance accepted = offers.findAcceptance(acceptanceId).orElseThrow(
                    () -> new IllegalStateException("acceptance " + acceptanceId + " does not answer a purchase offer"));
            PurchaseOffer offer = offers.findById(accepted.offerId()).orElseThrow();
            Partner partner = partners.findById(offer.partnerId()).orElseThrow();
            if (!partner.tenantId().equals(execution.getTenantId())) {
                throw new IllegalStateException("the offer of acceptance " + acceptanceId + " is not this tenant's");
            }
            String requestedBy = requests.find(offer.processInstanceId()).map(FlowRequest::requestedBy).orElse(null);
            String role = offer.delegatedAdminRole() != null && partner.has(ProgramAuthorization.DELEGATED_ADMIN)
                    ? offer.delegatedAdminRole() : null;
            String instance = execution.getProcessInstanceId();
            requests.record(execution, partner.id(), requestedBy);
            requests.setAcceptance(instance, acceptanceId);
            if (accepted.customerId() != null) {
                requests.setCustomer(instance, accepted.customerId());
            }
            requests.setDelegatedAdminRole(instance, role);
        };
    }

    /** Gateway "New or existing customer?": the admin of an existing customer accepted (the request names it). */
    public boolean existingCustomer(DelegateExecution execution) {
        return requests.of(execution).customerId() != null;
    }

    /** The SKU codes the customer accepted, in line order (the per-line sub-process's collection). */
    public List<String> skus(DelegateExecution execution) {
        return offers.acceptedLines(requests.of(execution).acceptanceId()).stream()
                .map(OfferRepository.AcceptedLine::skuCode).toList();
    }

    /**
     * "Plan the purchase": per accepted line, now that the customer exists: CREATE a subscription, CONVERT the
     * customer's running trial of the SKU, or nothing when it already has the SKU active (ALREADY_ACTIVE: no
     * count is increased silently; both confirmation mails say so). A new customer's lines are created with it
     * ("Create the customer organization and its subscriptions"), not planned here.
     */
    @Bean
    public JavaDelegate planPurchase() {
        return execution -> {
            long acceptanceId = requests.of(execution).acceptanceId();
            List<Subscription> owned = subscriptions.findByCustomer(requests.customerIdOf(execution));
            for (OfferRepository.AcceptedLine line : offers.acceptedLines(acceptanceId)) {
                Optional<Subscription> active = owned.stream().filter(s -> s.skuCode().equals(line.skuCode())
                        && s.status() == Subscription.Status.ACTIVE).findFirst();
                Optional<Subscription> trial = owned.stream().filter(s -> s.skuCode().equals(line.skuCode())
                        && s.status() == Subscription.Status.TRIAL).findFirst();
                if (active.isPresent()) {
                    offers.planLine(acceptanceId, line.skuCode(), Action.ALREADY_ACTIVE.name(), active.get().id());
                } else if (trial.isPresent()) {
                    offers.planLine(acceptanceId, line.skuCode(), Action.CONVERT.name(), trial.get().id());
                } else {
                    offers.planLine(acceptanceId, line.skuCode(), Action.CREATE.name(), null);
                }
            }
        };
    }

    /**
     * "Read the line": the loop's execution takes the next accepted line of the request's acceptance (in line order;
     * the row binds it to the execution, so that the line's later steps and the provisioning worker find it by the
     * execution they run in, never by a variable), as planned, in variables local to this line: {@code skuCode},
     * {@code licenses}, {@code lineAction}, {@code trialSubscriptionId}, and the line's {@code subscriptionId} and
     * {@code subscriptionEndDate} that provisioning fills in.
     */
    @Bean
    public JavaDelegate readPurchaseLine() {
        return execution -> {
            long acceptanceId = requests.of(execution).acceptanceId();
            OfferRepository.AcceptedLine line = offers.bindNextLine(acceptanceId, execution.getId())
                    .orElseThrow(() -> new IllegalStateException("every accepted line of acceptance " + acceptanceId
                            + " is taken by another execution"));
            execution.setVariableLocal("skuCode", line.skuCode());
            execution.setVariableLocal("licenses", line.licenses());
            execution.setVariableLocal("lineAction", line.action());
            execution.setVariableLocal("trialSubscriptionId",
                    Action.CONVERT.name().equals(line.action()) ? line.subscriptionId() : null);
            execution.setVariableLocal("subscriptionId", null);
            execution.setVariableLocal("subscriptionEndDate", null);
        };
    }

    /**
     * "Stop the trial's reminders": the trial's own instance ends as converted (message
     * {@value #TRIAL_CONVERTED_MESSAGE}, by the process instance id kept on the subscription), this partner
     * becomes its partner of record, and the conversion is recorded and mailed to it once.
     */
    @Bean
    public JavaDelegate finishTrialConversion() {
        return execution -> {
            long subscriptionId = ownSubscription(execution);
            long partnerId = requests.of(execution).partnerId();
            String changeId = execution.getProcessInstanceId() + "/" + execution.getCurrentActivityId() + "/"
                    + subscriptionId;
            subscriptions.processInstanceOf(subscriptionId).ifPresent(trialInstance -> offerSteps.correlateIfWaiting(
                    trialInstance, TRIAL_CONVERTED_MESSAGE, Map.of("convertedBy", execution.getProcessBusinessKey())));
            String actor = "customer:" + execution.getVariable("adminEmail");
            partnerOfRecord.changePartnerOfRecord(subscriptionId, partnerId, changeId + "/por", actor);
            Subscription now = subscriptions.findById(subscriptionId).orElseThrow();
            partnerOfRecord.record(new PartnerOfRecordService.ChangeRequest(changeId, subscriptionId,
                    SubscriptionChange.Kind.TRIAL_CONVERTED, "TRIAL", now.licenses() + " licenses until " + now.endDate(),
                    "purchase offer " + execution.getVariable("offerBusinessKey"), actor));
        };
    }

    /** "Record the line done": the subscription created or converted for the line. */
    @Bean
    public JavaDelegate recordPurchaseLine() {
        return execution -> {
            OfferRepository.AcceptedLine line = line(execution);
            offers.planLine(requests.of(execution).acceptanceId(), line.skuCode(), line.action(),
                    ownSubscription(execution));
        };
    }

    /**
     * "Confirm to the customer" / "Confirm to the partner": camunda:property {@code recipient} CUSTOMER (the
     * admin, in the customer's language) or PARTNER (the partner user who sent the offer); lists every line
     * with SKU, licenses, term end, and what was done (template {@code offer-purchased} /
     * {@code offer-accepted-partner}), and how many lines changed nothing ({@code alreadyActiveCount}, from the
     * rows). Once per instance and recipient.
     */
    @Bean
    public JavaDelegate emailPurchaseConfirmation() {
        return execution -> {
            boolean customer = "CUSTOMER".equals(String.valueOf(ModelProperties.get(execution, "recipient")));
            FlowRequest request = requests.of(execution);
            Partner partner = partners.findById(request.partnerId()).orElseThrow();
            Map<String, Object> model = new HashMap<>(execution.getVariables());
            List<Map<String, Object>> lines = purchased(request.acceptanceId());
            model.put("lines", lines);
            model.put("alreadyActiveCount", lines.stream()
                    .filter(line -> Action.ALREADY_ACTIVE.name().equals(line.get("action"))).count());
            String to = (String) execution.getVariable(customer ? "adminEmail" : "partnerUserEmail");
            String language = (String) execution.getVariable(customer ? "customerLanguage" : "partnerUserLanguage");
            mails.send(new OutgoingMail(MailService.processMailKey(execution.getProcessInstanceId(),
                    execution.getCurrentActivityId(), null, to), customer ? "offer-purchased" : "offer-accepted-partner",
                    language, to, model, partner.id(), execution.getProcessBusinessKey()));
        };
    }

    /** Template rows of a purchase: skuName, licenses, action, endDate (of the subscription, if any). */
    List<Map<String, Object>> purchased(long acceptanceId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (OfferRepository.AcceptedLine line : offers.acceptedLines(acceptanceId)) {
            Map<String, Object> row = new HashMap<>();
            row.put("skuName", catalogue.find(line.skuCode()).map(Sku::name).orElse(line.skuCode()));
            row.put("licenses", line.licenses());
            row.put("action", line.action() == null ? Action.CREATE.name() : line.action());
            Optional<Subscription> subscription = line.subscriptionId() == null ? Optional.empty()
                    : subscriptions.findById(line.subscriptionId());
            row.put("currentLicenses", subscription.map(Subscription::licenses).orElse(line.licenses()));
            row.put("endDate", subscription.map(s -> s.endDate().toString()).orElse(""));
            rows.add(row);
        }
        return rows;
    }

    /** The subscription provisioning created or converted for the line: the request's customer's. */
    private long ownSubscription(DelegateExecution execution) {
        long subscriptionId = number(execution, "subscriptionId");
        long customerId = requests.customerIdOf(execution);
        subscriptions.findById(subscriptionId).filter(s -> s.customerId() == customerId)
                .orElseThrow(() -> new IllegalStateException("subscription " + subscriptionId + " is not customer "
                        + customerId + "'s"));
        return subscriptionId;
    }

    /** The accepted line this loop execution took in "Read the line". */
    private OfferRepository.AcceptedLine line(DelegateExecution execution) {
        long acceptanceId = requests.of(execution).acceptanceId();
        return offers.lineOf(acceptanceId, execution.getId()).orElseThrow(() -> new IllegalStateException(
                "execution " + execution.getId() + " holds no accepted line of acceptance " + acceptanceId));
    }
}
