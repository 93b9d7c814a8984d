package com.partnercenter.trial;

import static com.partnercenter.platform.FlowErrors.INVALID_REQUEST;

import com.partnercenter.acceptance.AcceptanceRepository;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.delegation.RequestedRole;
import com.partnercenter.invitation.InvitationRecipients;
import com.partnercenter.invitation.InvitationRequest;
import com.partnercenter.link.LinkService;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.platform.HumanText;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.ModelProperties;
import com.partnercenter.platform.ProcessVariables;
import com.partnercenter.platform.ReaderFormat;
import com.partnercenter.platform.TypedVariables;
import com.partnercenter.request.FlowRequests;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The steps of processes/trial-invitation.bpmn and processes/trial-acceptance.bpmn, each a bean named after its task. */
@Configuration
public class TrialDelegates {


    private final CatalogueRepository catalogue;
    private final PartnerRepository partners;
    private final SubscriptionRepository subscriptions;
    private final AcceptanceRepository acceptances;
    private final LinkService links;
    private final InvitationRecipients recipientMails;
    private final TrialInvitationRequest request;
    private final FlowRequests requests;
    private final TypedVariables typed;
    private final com.partnercenter.customer.CustomerRepository customers;

    public TrialDelegates(CatalogueRepository catalogue, PartnerRepository partners,
            SubscriptionRepository subscriptions, AcceptanceRepository acceptances, LinkService links,
            InvitationRecipients recipientMails, TrialInvitationRequest request, FlowRequests requests, TypedVariables typed,
            com.partnercenter.customer.CustomerRepository customers) {
        this.customers = customers;
        this.typed = typed;
        this.request = request;
        this.requests = requests;
        this.catalogue = catalogue;
        this.partners = partners;
        this.subscriptions = subscriptions;
        this.acceptances = acceptances;
        this.links = links;
        this.recipientMails = recipientMails;
    }

    /**
     * "Check the invitation" ({@link TrialInvitationRequest}, also the start check), for the request's partner: the
     * SKU the start form asked for (recorded in the request, which decides from then on) exists and allows
     * trials; delegated administration only for partners holding it, Full or Limited; recipients are e-mail addresses
     * (at most {@value InvitationRecipients#MAX_RECIPIENTS}). Sets the trial's terms ({@code skuName}, {@code trialDays}, {@code trialLicenses}) and
     * {@code recipientList} (comma-separated). Bad input: BPMN error INVALID_REQUEST with the reason.
     */
    @Bean
    public JavaDelegate prepareTrialInvitation() {
        return execution -> {
            var asked = requests.of(execution);
            Partner partner = partners.findById(asked.partnerId()).orElseThrow();
            if (asked.skuCode() != null) {
                // the request already names its SKU (this step ran before): the row decides, not a variable
                execution.setVariable("skuCode", asked.skuCode());
            }
            // typed in the start form (the text rule) before any other check reads or echoes it
            typed.require(execution, "recipientEmails", HumanText.Kind.LIST);
            String message = typed.require(execution, "personalMessage", HumanText.Kind.MESSAGE);
            execution.setVariable("personalMessage", message.isEmpty() ? null : message);
            Language language = Language.orDefault((String) execution.getVariable("partnerUserLanguage"), Language.EN);
            List<String> problems = request.problems(partner, execution::getVariable, language);
            if (!problems.isEmpty()) {
                throw refuse(String.join("\n", problems));
            }
            Sku sku = catalogue.find(execution.getVariable("skuCode").toString().trim()).orElseThrow();
            String role = RequestedRole.of(execution.getVariable("includeDelegatedAdmin"),
                    execution.getVariable("delegatedAdminRole"));
            List<String> recipients = InvitationRequest.recipients(execution.getVariable("recipientEmails"));
            requests.setSku(execution.getProcessInstanceId(), sku.code());
            requests.setDelegatedAdminRole(execution.getProcessInstanceId(), role);
            execution.setVariable("skuCode", sku.code());
            execution.setVariable("skuName", sku.name());
            execution.setVariable("trialDays", sku.trialDays());
            execution.setVariable("trialLicenses", sku.trialLicenses());
            execution.setVariable("includeDelegatedAdmin", role != null);
            execution.setVariable("delegatedAdminRole", role);
            execution.setVariable("recipientList", String.join(",", recipients));
            execution.setVariable("recipientCount", recipients.size());
        };
    }

    /**
     * "Email the recipients": the invitation to every recipient, in the language of the customer it is an
     * admin of when known, else the partner's. One mail per recipient, never twice.
     */
    @Bean
    public JavaDelegate emailInvitationRecipients() {
        return execution -> recipientMails.mailEach(execution, INVITATION_MAIL,
                invitationMail(execution.getVariables()));
    }

    /** The invitation mail's template, and its model from the invitation instance's variables. */
    public static final String INVITATION_MAIL = "trial-invitation";

    public static Map<String, Object> invitationMail(Map<String, Object> variables) {
        Map<String, Object> model = new HashMap<>(variables);
        model.put("linkExpiresAtText", ReaderFormat.isoDay(((Date) variables.get("linkExpiresAt")).toInstant()));
        return model;
    }

    /**
     * "Close the link": the invitation and pending confirmations stop working; sets {@code closeReason}
     * (camunda:property) and {@code acceptedCount} (confirmed acceptances) for the partner's mail.
     */
    @Bean
    public JavaDelegate closeTrialInvitation() {
        return execution -> {
            links.revokeAllOf(execution.getProcessInstanceId());
            execution.setVariable("closeReason", String.valueOf(ModelProperties.get(execution, "closeReason")));
            long linkId = ProcessVariables.number(execution, "linkId");
            execution.setVariable("acceptedCount", acceptances.countConfirmed(linkId));
        };
    }

    /**
     * "Record the request" (first step of a trial acceptance, which the application starts when a customer confirmed
     * its acceptance): the trial's request, from the confirmed acceptance of a trial invitation link and the
     * invitation's own request — the link's partner (in this instance's tenant), the invitation's SKU, delegated
     * administration while the partner holds it, the partner user who sent the invitation. No variable decides it but
     * {@code acceptanceId}, which must name a confirmed acceptance of such a link.
     */
    @Bean
    public JavaDelegate recordTrialRequest() {
        return execution -> {
            long acceptanceId = ProcessVariables.number(execution, "acceptanceId");
            var acceptance = acceptances.findById(acceptanceId).filter(a -> "CONFIRMED".equals(a.status()))
                    .orElseThrow(() -> new IllegalStateException("acceptance " + acceptanceId + " is not confirmed"));
            var invitation = links.findById(acceptance.linkId())
                    .filter(l -> l.type() == com.partnercenter.link.LinkType.TRIAL_INVITATION)
                    .orElseThrow(() -> new IllegalStateException("acceptance " + acceptanceId
                            + " does not answer a trial invitation"));
            Partner partner = partners.findById(invitation.partnerId()).orElseThrow();
            if (!partner.tenantId().equals(execution.getTenantId())) {
                throw new IllegalStateException("the invitation of acceptance " + acceptanceId + " is not this tenant's");
            }
            var asked = requests.find(invitation.processInstanceId()).orElseThrow(() -> new IllegalStateException(
                    "the invitation " + invitation.businessKey() + " has no request"));
            String role = asked.delegatedAdminRole() != null && partner.has(ProgramAuthorization.DELEGATED_ADMIN)
                    ? asked.delegatedAdminRole() : null;
            String instance = execution.getProcessInstanceId();
            requests.record(execution, partner.id(), asked.requestedBy());
            requests.setAcceptance(instance, acceptanceId);
            requests.setSku(instance, asked.skuCode());
            requests.setDelegatedAdminRole(instance, role);
            // an existing customer, taken by its signed-in administrator (the row says so, not a variable): no
            // organization to create, no welcome
            boolean existing = acceptance.customerId() != null;
            execution.setVariable("existingCustomer", existing);
            if (existing) {
                long customerId = acceptance.customerId();
                var admin = customers.findAdminByEmail(customerId, acceptance.adminEmail()).orElseThrow(() ->
                        new IllegalStateException("acceptance " + acceptanceId + " was not taken by an administrator of "
                                + "customer " + customerId));
                requests.setCustomer(instance, customerId);
                execution.setVariable("customerId", customerId);
                execution.setVariable("customerAdminUserId", admin.userId());
                execution.setVariable("customerCreated", false);
            }
        };
    }

    /**
     * "Follow the trial": the trial provisioning created for the request — the request's customer's running trial of
     * the request's SKU (a customer has at most one trial of a SKU), from the rows whichever step created it, written
     * to {@code subscriptionId} — remembers this instance (a purchase converts the trial through it); the trial's end
     * and its reminders 7 and 1 days before become timer dates.
     */
    @Bean
    public JavaDelegate watchTrial() {
        return execution -> {
            var request = requests.of(execution);
            long customerId = requests.customerIdOf(execution);
            Subscription trial = subscriptions.findByCustomer(customerId).stream()
                    .filter(s -> s.skuCode().equals(request.skuCode()))
                    .filter(s -> s.status() == Subscription.Status.TRIAL)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("customer " + customerId + " of this request has no "
                            + "running trial of " + request.skuCode()));
            long subscriptionId = trial.id();
            execution.setVariable("subscriptionId", subscriptionId);
            subscriptions.setProcessInstance(subscriptionId, execution.getProcessInstanceId());
            Instant end = trial.endDate().atStartOfDay(ZoneOffset.UTC).toInstant();
            execution.setVariable("trialEndsAt", Date.from(end));
            execution.setVariable("trialEndsAtText", ReaderFormat.isoDay(end));
            execution.setVariable("reminder7At", Date.from(notBeforeNow(end.minus(Duration.ofDays(7)))));
            execution.setVariable("reminder1At", Date.from(notBeforeNow(end.minus(Duration.ofDays(1)))));
        };
    }

    /** "Expire the trial": a trial still running expires; one converted meanwhile (now ACTIVE) stays. */
    @Bean
    public JavaDelegate expireTrial() {
        return execution -> {
            // the subscription this instance follows, from the database (the follow-up task's candidates could
            // have written variables); written back for the steps that follow
            long subscriptionId = subscriptions.findIdByProcessInstance(execution.getProcessInstanceId())
                    .orElseThrow(() -> new IllegalStateException("no subscription for " + execution.getProcessInstanceId()));
            execution.setVariable("subscriptionId", subscriptionId);
            boolean expired = subscriptions.expireTrial(subscriptionId);
            Subscription now = subscriptions.findById(subscriptionId).orElseThrow();
            execution.setVariable("trialExpired", expired || now.status() == Subscription.Status.EXPIRED);
        };
    }

    private static Instant notBeforeNow(Instant at) {
        Instant now = EngineClock.now();
        return at.isBefore(now) ? now : at;
    }

    private static BpmnError refuse(String message) {
        return new BpmnError(INVALID_REQUEST, message);
    }

}
