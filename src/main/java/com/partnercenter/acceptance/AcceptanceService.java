package com.partnercenter.acceptance;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.link.Link;
import com.partnercenter.link.LinkService;
import com.partnercenter.link.LinkType;
import com.partnercenter.mail.MailService;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.request.FlowRequest;
import com.partnercenter.request.FlowRequests;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer side of every personalized link: an acceptance is stored, confirmed through a one-time
 * link sent to the admin address, and only the confirmation reaches the process (message
 * {@value #CONFIRMED_MESSAGE}, correlated by the process instance id kept on the link).
 */
@Service
public class AcceptanceService {

    public static final String CONFIRMED_MESSAGE = "AcceptanceConfirmed";
    public static final Duration CONFIRMATION_VALIDITY = Duration.ofHours(48);

    /** Outcome of a submitted form. */
    public sealed interface Submitted {
        /** {@code mailDelayed}: the confirmation mail could not leave yet; the outbox retries it. */
        record AwaitingConfirmation(long acceptanceId, String adminEmail, boolean mailDelayed) implements Submitted {}

        /** A rate limit refused it (see {@link ConfirmationMailLimits}); nothing is stored. */
        record Throttled(Duration retryAfter) implements Submitted {}

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
    private final FlowRequests requests;
    private final MailService mails;
    private final ConfirmationMailLimits mailLimits;

    public AcceptanceService(LinkService links, AcceptanceRepository acceptances, PartnerRepository partners,
            CustomerRepository customers, RuntimeService runtime, ConfirmationMailer mailer, TransactionTemplate tx,
            AuditLog audit, OfferDescriptions offers,
            org.springframework.beans.factory.ObjectProvider<FlowAcceptance> flows, FlowRequests requests,
            MailService mails, ConfirmationMailLimits mailLimits) {
        this.requests = requests;
        this.mailLimits = mailLimits;
        this.flows = flows;
        this.mails = mails;
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
     * transaction) with its confirmation link and mail, and sends the mail. The same admin again while an acceptance
     * is pending gets its confirmation mail again, with the same link (a link a customer holds never dies because
     * another mail was sent).
     */
    public Submitted store(Link link, AcceptanceForm form, java.util.function.LongConsumer extra) {
        Instant now = EngineClock.now();
        Instant window = now.minus(CONFIRMATION_VALIDITY);
        Partner partner = partners.findById(link.partnerId()).orElseThrow();
        var pending = acceptances.findPending(link.id(), form.getAdminEmail(), window);
        if (pending.isPresent()) {
            // the same person again (double submit, second tab, a lost mail): one acceptance, its mail once more,
            // within the client's and the address's limits
            var again = mailLimits.permitAgain(form.getAdminEmail());
            return again.allowed() ? mailAgain(pending.get(), link, partner) : new Submitted.Throttled(again.retryAfter());
        }
        // the rate limits of a new confirmation mail (per link, client, recipient and its domain): all or nothing
        var permit = mailLimits.permit(link, form.getAdminEmail());
        if (!permit.allowed()) {
            return new Submitted.Throttled(permit.retryAfter());
        }
        var stored = tx.execute(status -> {
            long id = acceptances.insert(link.id(), form);
            extra.accept(id);
            audit.record("customer:" + form.getAdminEmail(), "ACCEPTANCE_SUBMITTED", partner.id(), null,
                    link.businessKey(), form.getOrganizationName() + " (" + form.getDomain() + ")");
            Acceptance acceptance = acceptances.findById(id).orElseThrow();
            // the acceptance, its link and its mail are stored together: if this process dies now, the outbox sends
            return java.util.Map.entry(acceptance, queueConfirmation(acceptance, link, partner, issueConfirmation(
                    acceptance, link, partner)));
        });
        Acceptance acceptance = stored.getKey();
        boolean sent = mails.deliver(stored.getValue());
        return new Submitted.AwaitingConfirmation(acceptance.id(), acceptance.adminEmail(), !sent);
    }

    /** The pending acceptance's confirmation mail again, with its live confirmation link (a new one if none lives). */
    private Submitted mailAgain(Acceptance acceptance, Link link, Partner partner) {
        try {
            MailService.Queued queued = tx.execute(status -> {
                long confirmationId = links.liveConfirmationOf(acceptance.id()).map(Link::id)
                        .orElseGet(() -> issueConfirmation(acceptance, link, partner));
                return queueConfirmation(acceptance, link, partner, confirmationId);
            });
            return new Submitted.AwaitingConfirmation(acceptance.id(), acceptance.adminEmail(),
                    !mails.deliver(queued));
        } catch (DuplicateKeyException concurrent) {
            // the same page submitted twice at the same moment: the other request is sending this mail
            return new Submitted.AwaitingConfirmation(acceptance.id(), acceptance.adminEmail(), false);
        }
    }

    /** A one-time confirmation link, valid 48 hours but never longer than the invitation. */
    private long issueConfirmation(Acceptance acceptance, Link link, Partner partner) {
        Instant expiry = EngineClock.now().plus(CONFIRMATION_VALIDITY);
        Instant confirmationExpiry = expiry.isAfter(link.expiresAt()) ? link.expiresAt() : expiry;
        return links.issue(LinkType.EMAIL_CONFIRMATION, partner, confirmationExpiry, link.processInstanceId(),
                link.businessKey(), acceptance.id(), true).id();
    }

    private MailService.Queued queueConfirmation(Acceptance acceptance, Link link, Partner partner,
            long confirmationLinkId) {
        return mailer.queueConfirmation(acceptance, confirming(link, acceptance), partner, confirmationLinkId,
                link.businessKey());
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
                    // the sign-up provisions what this acceptance says: its request names it
                    requests.setAcceptance(confirmationLink.processInstanceId(), acceptance.id());
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
        acceptances.takenFor(id, customer.id());
        audit.record(admin.userId(), "ACCEPTANCE_CONFIRMED", link.partnerId(), customer.id(), link.businessKey(),
                customer.name() + " (" + customer.domain() + "), by its signed-in administrator",
                AuditLog.plain(customer.name()));
        return acceptances.findById(id).orElseThrow();
    }

    /** Process of one customer's trial, started by its confirmation; it records its request from the acceptance. */
    public static final String TRIAL_ACCEPTANCE_PROCESS = "trialAcceptance";

    /**
     * Each confirmed acceptance of a trial invitation runs as its own instance (business key: the
     * invitation's, plus "-A" and the acceptance id), in the partner's tenant. Its first step records its request
     * from the acceptance and the invitation's request; the variables given here serve its mails and pages.
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
        var offer = offers.trialOffer(invitation);
        Partner partner = partners.findById(invitation.partnerId()).orElseThrow();
        Map<String, Object> vars = new HashMap<>(partnerContact(partner, invitation.processInstanceId()));
        vars.put("partnerId", invitation.partnerId());
        vars.put("linkId", invitation.id());
        vars.put("skuCode", requests.find(invitation.processInstanceId()).map(FlowRequest::skuCode).orElse(null));
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

    /**
     * The partner's name and the address and language of the partner user who asked for the invitation or offer
     * (its request), or the partner's support address when that user is gone.
     */
    public Map<String, Object> partnerContact(Partner partner, String requestInstanceId) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("partnerName", partner.name());
        vars.put("partnerUserEmail", partner.supportEmail());
        vars.put("partnerUserLanguage", partner.defaultLanguage());
        requests.find(requestInstanceId).map(FlowRequest::requestedBy).flatMap(partners::findUserByUserId)
                .filter(user -> user.partnerId() == partner.id())
                .ifPresent(user -> {
                    vars.put("partnerUserEmail", user.email());
                    vars.put("partnerUserLanguage", user.language());
                });
        return vars;
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
