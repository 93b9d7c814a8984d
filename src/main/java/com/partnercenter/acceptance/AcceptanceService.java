package com.partnercenter.acceptance;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.link.IssuedLink;
import com.partnercenter.link.Link;
import com.partnercenter.link.LinkService;
import com.partnercenter.link.LinkType;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer side of every personalized link: an acceptance is stored, confirmed through a one-time
 * link sent to the admin address, and only the confirmation reaches the process (message
 * {@value #CONFIRMED_MESSAGE}, correlated by the process instance id kept on the link).
 */
@Service
public class AcceptanceService {

    private static final Logger log = LoggerFactory.getLogger(AcceptanceService.class);

    public static final String CONFIRMED_MESSAGE = "AcceptanceConfirmed";
    public static final Duration CONFIRMATION_VALIDITY = Duration.ofHours(48);
    /** A published link cannot be used to mail strangers without end: pending acceptances per link. */
    static final int MAX_PENDING_PER_LINK = 50;

    /** Outcome of a submitted form. */
    public sealed interface Submitted {
        /** {@code mailDelayed}: the confirmation mail could not leave yet; it is retried in the background. */
        record AwaitingConfirmation(long acceptanceId, String adminEmail, boolean mailDelayed) implements Submitted {}

        /** Too many acceptances wait for confirmation on this link. */
        record Throttled() implements Submitted {}

        /** A business rule refused it; {@code field} names the form field, {@code messageKey} the reason. */
        record Refused(String field, String messageKey) implements Submitted {}
    }

    /** Outcome of a confirmation. */
    public enum Confirmed { CONFIRMED, ALREADY_USED, NO_LONGER_OPEN }

    private final LinkService links;
    private final AcceptanceRepository acceptances;
    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final RuntimeService runtime;
    private final ConfirmationMailer mailer;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final OfferDescriptions offers;
    private final org.springframework.beans.factory.ObjectProvider<FlowAcceptance> flows;

    public AcceptanceService(LinkService links, AcceptanceRepository acceptances, PartnerRepository partners,
            CustomerRepository customers, RuntimeService runtime, ConfirmationMailer mailer, TransactionTemplate tx,
            AuditLog audit, OfferDescriptions offers,
            org.springframework.beans.factory.ObjectProvider<FlowAcceptance> flows) {
        this.flows = flows;
        this.audit = audit;
        this.offers = offers;
        this.links = links;
        this.acceptances = acceptances;
        this.partners = partners;
        this.customers = customers;
        this.runtime = runtime;
        this.mailer = mailer;
        this.tx = tx;
    }

    /** Stores a valid form and sends the confirmation link; nothing reaches the process yet. */
    public Submitted submit(Link link, AcceptanceForm raw) {
        AcceptanceForm form = raw.normalized();
        // a published link cannot take over an existing organization: its admins sign in instead
        if (customers.findByDomain(form.getDomain()).isPresent()) {
            return new Submitted.Refused("domain", "acceptance.domain.taken");
        }
        return store(link, form, id -> { });
    }

    /**
     * Stores a checked, normalized form ({@code extra} adds what the link's flow keeps with it, in the same
     * transaction) and sends the confirmation link; the same admin again while one is pending gets that one.
     */
    public Submitted store(Link link, AcceptanceForm form, java.util.function.LongConsumer extra) {
        Instant now = EngineClock.now();
        Instant window = now.minus(CONFIRMATION_VALIDITY);
        var pending = acceptances.findPending(link.id(), form.getAdminEmail(), window);
        if (pending.isPresent()) {
            // the same person again (double submit, second tab): one acceptance, one confirmation mail
            return new Submitted.AwaitingConfirmation(pending.get().id(), pending.get().adminEmail(), false);
        }
        if (acceptances.countPending(link.id(), window) >= MAX_PENDING_PER_LINK) {
            return new Submitted.Throttled();
        }
        Partner partner = partners.findById(link.partnerId()).orElseThrow();
        long acceptanceId = tx.execute(status -> {
            long id = acceptances.insert(link.id(), form);
            extra.accept(id);
            audit.record("customer:" + form.getAdminEmail(), "ACCEPTANCE_SUBMITTED", partner.id(), null,
                    link.businessKey(), form.getOrganizationName() + " (" + form.getDomain() + ")");
            return id;
        });
        Acceptance acceptance = acceptances.findById(acceptanceId).orElseThrow();
        boolean sent = sendConfirmation(acceptance, link, partner);
        return new Submitted.AwaitingConfirmation(acceptance.id(), acceptance.adminEmail(), !sent);
    }

    /**
     * Issues a fresh one-time confirmation link (earlier unused ones of this acceptance stop working) and
     * mails it. False when the mail could not leave: the acceptance stays stored and
     * {@link #retryUnsentConfirmations()} tries again.
     */
    boolean sendConfirmation(Acceptance acceptance, Link link, Partner partner) {
        Instant expiry = EngineClock.now().plus(CONFIRMATION_VALIDITY);
        Instant confirmationExpiry = expiry.isAfter(link.expiresAt()) ? link.expiresAt() : expiry;
        IssuedLink confirmation = tx.execute(status -> {
            links.revokeConfirmationsOf(acceptance.id());
            return links.issue(LinkType.EMAIL_CONFIRMATION, partner, confirmationExpiry, link.processInstanceId(),
                    link.businessKey(), acceptance.id(), true);
        });
        try {
            mailer.sendConfirmation(acceptance, confirming(link, acceptance), partner, confirmation.url(),
                    link.businessKey());
            return true;
        } catch (RuntimeException e) {
            log.warn("Confirmation mail of acceptance {} not sent yet, will retry: {}", acceptance.id(), e.getMessage());
            return false;
        }
    }

    /**
     * What confirming the acceptance does: its flow tells (a purchase offer: the lines, new or existing
     * customer), else the link's type (a trial invitation: the trial's terms; a sign-up).
     */
    public Confirming confirming(Link invitation, Acceptance acceptance) {
        var flow = flow(invitation);
        if (flow.isPresent()) {
            return flow.get().confirming(invitation, acceptance);
        }
        return invitation.type() == LinkType.TRIAL_INVITATION
                ? Confirming.trial(acceptance.organizationName(), offers.describe(invitation).trial())
                : Confirming.signUp(acceptance.organizationName());
    }

    /** What confirming through a confirmation link does (see {@link #confirming(Link, Acceptance)}). */
    public Confirming confirming(Link confirmationLink) {
        Acceptance acceptance = acceptances.findById(confirmationLink.acceptanceId()).orElseThrow();
        return confirming(links.findById(acceptance.linkId()).orElseThrow(), acceptance);
    }

    private java.util.Optional<FlowAcceptance> flow(Link invitation) {
        return flows.orderedStream().filter(f -> f.handles(invitation)).findFirst();
    }

    /** Sends the confirmation mails that could not leave (runs in the background); returns how many left now. */
    public int retryUnsentConfirmations() {
        Instant now = EngineClock.now();
        int sent = 0;
        for (Acceptance acceptance : acceptances.findWithUnsentConfirmation(now.minus(CONFIRMATION_VALIDITY), now)) {
            try {
                Link link = links.findById(acceptance.linkId()).orElseThrow();
                Partner partner = partners.findById(link.partnerId()).orElseThrow();
                if (sendConfirmation(acceptance, link, partner)) {
                    sent++;
                }
            } catch (RuntimeException e) {
                // one bad row never stops the others
                log.error("Confirmation mail of acceptance {} could not be retried", acceptance.id(), e);
            }
        }
        return sent;
    }

    /**
     * Consumes the confirmation link and correlates the acceptance, all in one transaction: when the
     * process no longer waits, nothing changes and the link stays unused.
     */
    public Confirmed confirm(Link confirmationLink) {
        for (int attempt = 1; ; attempt++) {
            try {
                return confirmOnce(confirmationLink);
            } catch (OptimisticLockingException concurrent) {
                // another confirmation moved the same instance at the same moment: look again
                if (attempt == 3) {
                    throw concurrent;
                }
            }
        }
    }

    private Confirmed confirmOnce(Link confirmationLink) {
        try {
            return tx.execute(status -> {
                Acceptance acceptance = acceptances.findById(confirmationLink.acceptanceId()).orElseThrow();
                Link invitation = links.findById(acceptance.linkId()).orElseThrow();
                var flow = flow(invitation);
                // before this confirmation locks a row of its own (see FlowAcceptance.lockForConfirmation)
                flow.ifPresent(f -> f.lockForConfirmation(invitation, acceptance));
                if (!links.consume(confirmationLink.id())) {
                    return Confirmed.ALREADY_USED;
                }
                if (!acceptances.markConfirmed(acceptance.id())) {
                    return Confirmed.ALREADY_USED;
                }
                audit.record("customer:" + acceptance.adminEmail(), "ACCEPTANCE_CONFIRMED",
                        confirmationLink.partnerId(), null, confirmationLink.businessKey(),
                        acceptance.organizationName() + " (" + acceptance.domain() + ")");
                if (flow.isPresent()) {
                    flow.get().confirmed(invitation, acceptance);
                } else if (invitation.type() == LinkType.TRIAL_INVITATION) {
                    startTrialAcceptance(invitation, acceptance);
                } else {
                    runtime.createMessageCorrelation(CONFIRMED_MESSAGE)
                            .processInstanceId(confirmationLink.processInstanceId())
                            .setVariables(variables(acceptance))
                            .correlateWithResult();
                }
                return Confirmed.CONFIRMED;
            });
        } catch (MismatchingMessageCorrelationException notWaiting) {
            return Confirmed.NO_LONGER_OPEN;
        }
    }

    /**
     * Stores an acceptance confirmed by the signed-in administrator of an existing customer (in the caller's
     * transaction): the sign-in is its confirmation, no mail is sent ({@link SignedInAcceptance}).
     */
    public Acceptance confirmedBy(Link link, AcceptanceForm form, com.partnercenter.customer.CustomerAdmin admin,
            com.partnercenter.customer.Customer customer) {
        long id = acceptances.insert(link.id(), form);
        acceptances.markConfirmed(id);
        audit.record(admin.userId(), "ACCEPTANCE_CONFIRMED", link.partnerId(), customer.id(), link.businessKey(),
                customer.name() + " (" + customer.domain() + "), by its signed-in administrator",
                AuditLog.plain(customer.name()));
        return acceptances.findById(id).orElseThrow();
    }

    /** Process of one customer's trial, started by its confirmation; it reads the invitation's terms. */
    public static final String TRIAL_ACCEPTANCE_PROCESS = "trialAcceptance";
    static final java.util.List<String> INVITATION_TERMS = java.util.List.of("partnerUserEmail",
            "partnerUserLanguage", "partnerName", "skuCode", "includeDelegatedAdmin", "delegatedAdminRole");
    // partnerId, linkId and the trial's terms are set from the link and the catalogue below, never read

    /**
     * Each confirmed acceptance of a trial invitation runs as its own instance (business key: the
     * invitation's, plus "-A" and the acceptance id), in the partner's tenant, with the invitation's terms.
     */
    private void startTrialAcceptance(Link invitation, Acceptance acceptance) {
        startTrialAcceptance(invitation, acceptance, Map.of("existingCustomer", false));
    }

    /**
     * As above, with what the acceptance's customer brings: {@code existingCustomer=false} for a new organization
     * (the flow creates it), or an existing customer's {@code existingCustomer=true}, {@code customerId},
     * {@code customerAdminUserId} and {@code customerCreated=false} ({@link SignedInAcceptance}).
     */
    void startTrialAcceptance(Link invitation, Acceptance acceptance, Map<String, Object> customer) {
        var invitationInstance = runtime.createProcessInstanceQuery()
                .processInstanceId(invitation.processInstanceId()).active().singleResult();
        if (invitationInstance == null) {
            throw new MismatchingMessageCorrelationException("the invitation " + invitation.businessKey()
                    + " is no longer open");
        }
        Map<String, Object> vars = new HashMap<>(runtime.getVariables(invitation.processInstanceId(),
                INVITATION_TERMS));
        // what the customer was shown and is given comes from the catalogue, not from variables
        var offer = offers.trialOffer(invitation.partnerId(), vars);
        vars.put("partnerId", invitation.partnerId());
        vars.put("linkId", invitation.id());
        vars.put("skuName", offer.trial().skuName());
        vars.put("trialDays", offer.trial().days());
        vars.put("trialLicenses", offer.trial().licenses());
        vars.put("includeDelegatedAdmin", offer.delegatedAdmin() != null);
        vars.put("delegatedAdminRole", offer.delegatedAdmin());
        vars.putAll(variables(acceptance));
        vars.putAll(customer);
        vars.put("invitationBusinessKey", invitation.businessKey());
        vars.put(com.partnercenter.platform.PartnerTenantIdProvider.TENANT_VARIABLE, invitationInstance.getTenantId());
        runtime.createProcessInstanceByKey(TRIAL_ACCEPTANCE_PROCESS)
                .businessKey(invitation.businessKey() + "-A" + acceptance.id())
                .setVariables(vars)
                .execute();
    }

    /** The process variables of a confirmed acceptance (customer and admin as entered, consent). */
    public static Map<String, Object> variables(Acceptance a) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("acceptanceId", a.id());
        vars.put("customerName", a.organizationName());
        vars.put("customerDomain", a.domain());
        vars.put("customerCountry", a.country());
        vars.put("customerLanguage", a.language());
        vars.put("adminFirstName", a.adminFirstName());
        vars.put("adminLastName", a.adminLastName());
        vars.put("adminEmail", a.adminEmail());
        vars.put("delegatedAdminConsent", a.delegatedAdminConsent());
        return vars;
    }
}
