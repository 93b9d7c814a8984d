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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer side of every personalized link: an acceptance is stored, confirmed through a one-time
 * link sent to the admin address, and only the confirmation reaches the process: the link's flow says how
 * ({@link FlowAcceptance#confirmed}). This class knows no flow by name.
 */
@Service
public class AcceptanceService {

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
    private final ConfirmationMailer mailer;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final org.springframework.beans.factory.ObjectProvider<FlowAcceptance> flows;
    private final FlowRequests requests;
    private final MailService mails;
    private final ConfirmationMailLimits mailLimits;

    public AcceptanceService(LinkService links, AcceptanceRepository acceptances, PartnerRepository partners,
            CustomerRepository customers, ConfirmationMailer mailer, TransactionTemplate tx, AuditLog audit,
            org.springframework.beans.factory.ObjectProvider<FlowAcceptance> flows, FlowRequests requests,
            MailService mails, ConfirmationMailLimits mailLimits) {
        this.requests = requests;
        this.mailLimits = mailLimits;
        this.flows = flows;
        this.mails = mails;
        this.audit = audit;
        this.links = links;
        this.acceptances = acceptances;
        this.partners = partners;
        this.customers = customers;
        this.mailer = mailer;
        this.tx = tx;
    }

    /**
     * A new organization's valid form (a sign-up, a trial): stored with its confirmation link sent, unless the
     * domain is a customer's already; nothing reaches the process yet.
     */
    public Submitted submitNewOrganization(Link link, AcceptanceForm raw) {
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

    /** What confirming the acceptance does: the link's flow tells. */
    public Confirming confirming(Link invitation, Acceptance acceptance) {
        return flow(invitation).confirming(invitation, acceptance);
    }

    /** What confirming through a confirmation link does (see {@link #confirming(Link, Acceptance)}). */
    public Confirming confirming(Link confirmationLink) {
        Acceptance acceptance = acceptances.findById(confirmationLink.acceptanceId()).orElseThrow();
        return confirming(links.findById(acceptance.linkId()).orElseThrow(), acceptance);
    }

    /** The flow of a link that has an accept page (an acceptance exists only for such links). */
    private FlowAcceptance flow(Link invitation) {
        return flows.orderedStream().filter(f -> f.handles(invitation)).findFirst().orElseThrow(
                () -> new IllegalStateException("no flow accepts " + invitation.type() + " links"));
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
                FlowAcceptance flow = flow(invitation);
                // before this confirmation locks a row of its own (see FlowAcceptance.lockForConfirmation)
                flow.lockForConfirmation(invitation, acceptance);
                if (!links.consume(confirmationLink.id())) {
                    return Confirmed.ALREADY_USED;
                }
                if (!acceptances.markConfirmed(acceptance.id())) {
                    return Confirmed.ALREADY_USED;
                }
                audit.record("customer:" + acceptance.adminEmail(), "ACCEPTANCE_CONFIRMED",
                        confirmationLink.partnerId(), null, confirmationLink.businessKey(),
                        acceptance.organizationName() + " (" + acceptance.domain() + ")");
                flow.confirmed(invitation, acceptance);
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
