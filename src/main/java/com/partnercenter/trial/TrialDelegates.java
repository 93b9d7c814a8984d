package com.partnercenter.trial;

import com.partnercenter.acceptance.AcceptanceRepository;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.delegation.RequestedRole;
import com.partnercenter.link.InvitationRecipients;
import com.partnercenter.link.LinkService;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.platform.ModelProperties;
import com.partnercenter.platform.ProcessVariables;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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

    static final String INVALID_REQUEST = "INVALID_REQUEST";

    private final CatalogueRepository catalogue;
    private final PartnerRepository partners;
    private final SubscriptionRepository subscriptions;
    private final AcceptanceRepository acceptances;
    private final LinkService links;
    private final InvitationRecipients recipientMails;

    public TrialDelegates(CatalogueRepository catalogue, PartnerRepository partners,
            SubscriptionRepository subscriptions, AcceptanceRepository acceptances, LinkService links,
            InvitationRecipients recipientMails) {
        this.catalogue = catalogue;
        this.partners = partners;
        this.subscriptions = subscriptions;
        this.acceptances = acceptances;
        this.links = links;
        this.recipientMails = recipientMails;
    }

    /**
     * "Check the invitation": the SKU exists and allows trials; delegated administration only for partners
     * holding it, Full or Limited; recipients are e-mail addresses (at most {@value InvitationRecipients#MAX_RECIPIENTS}).
     * Sets the trial's terms ({@code skuName}, {@code trialDays}, {@code trialLicenses}) and
     * {@code recipientList} (comma-separated). Bad input: BPMN error INVALID_REQUEST with the reason.
     */
    @Bean
    public JavaDelegate prepareTrialInvitation() {
        return execution -> {
            Partner partner = partners.findById(ProcessVariables.number(execution, "partnerId")).orElseThrow();
            Object code = execution.getVariable("skuCode");
            if (code == null || code.toString().isBlank()) {
                throw refuse("Choose the offer to try");
            }
            Sku sku = catalogue.find(code.toString().trim())
                    .orElseThrow(() -> refuse("'" + code + "' is not an offer of the catalogue"));
            if (!sku.trialAllowed() || !sku.sellable()) {
                throw refuse(sku.name() + " cannot be offered as a trial");
            }
            String role = RequestedRole.of(partner, execution.getVariable("includeDelegatedAdmin"),
                    execution.getVariable("delegatedAdminRole"), "the invitation");
            boolean delegated = role != null;
            List<String> recipients = InvitationRecipients.parse(execution.getVariable("recipientEmails"));
            Object message = execution.getVariable("personalMessage");
            if (message != null && message.toString().length() > 1000) {
                throw refuse("The personal message can have at most 1000 characters");
            }
            execution.setVariable("skuCode", sku.code());
            execution.setVariable("skuName", sku.name());
            execution.setVariable("trialDays", sku.trialDays());
            execution.setVariable("trialLicenses", sku.trialLicenses());
            execution.setVariable("includeDelegatedAdmin", delegated);
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
        model.put("linkExpiresAtText", dateText(((Date) variables.get("linkExpiresAt")).toInstant()));
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
     * "Follow the trial": the subscription remembers this instance (a purchase converts the trial through
     * it); the trial's end and its reminders 7 and 1 days before become timer dates.
     */
    @Bean
    public JavaDelegate watchTrial() {
        return execution -> {
            long subscriptionId = ProcessVariables.number(execution, "subscriptionId");
            subscriptions.setProcessInstance(subscriptionId, execution.getProcessInstanceId());
            Instant end = LocalDate.parse((String) execution.getVariable("subscriptionEndDate"))
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
            execution.setVariable("trialEndsAt", Date.from(end));
            execution.setVariable("trialEndsAtText", dateText(end));
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

    public static String dateText(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static BpmnError refuse(String message) {
        return new BpmnError(INVALID_REQUEST, message);
    }

}
