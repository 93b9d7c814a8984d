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
    static final Duration CONFIRMATION_VALIDITY = Duration.ofHours(48);

    /** Outcome of a submitted form. */
    public sealed interface Submitted {
        record AwaitingConfirmation(long acceptanceId, String adminEmail) implements Submitted {}

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

    public AcceptanceService(LinkService links, AcceptanceRepository acceptances, PartnerRepository partners,
            CustomerRepository customers, RuntimeService runtime, ConfirmationMailer mailer, TransactionTemplate tx,
            AuditLog audit) {
        this.audit = audit;
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
        if (link.type() == LinkType.CUSTOMER_SIGNUP && customers.findByDomain(form.getDomain()).isPresent()) {
            return new Submitted.Refused("domain", "acceptance.domain.taken");
        }
        Partner partner = partners.findById(link.partnerId()).orElseThrow();
        Instant expiry = EngineClock.now().plus(CONFIRMATION_VALIDITY);
        if (expiry.isAfter(link.expiresAt())) {
            expiry = link.expiresAt();
        }
        Instant confirmationExpiry = expiry;
        record Stored(long acceptanceId, IssuedLink confirmation) {}
        Stored stored = tx.execute(status -> {
            long acceptanceId = acceptances.insert(link.id(), form);
            audit.record("customer:" + form.getAdminEmail(), "ACCEPTANCE_SUBMITTED", partner.id(), null,
                    link.businessKey(), form.getOrganizationName() + " (" + form.getDomain() + ")");
            IssuedLink confirmation = links.issue(LinkType.EMAIL_CONFIRMATION, partner, confirmationExpiry,
                    link.processInstanceId(), link.businessKey(), acceptanceId, true);
            return new Stored(acceptanceId, confirmation);
        });
        Acceptance acceptance = acceptances.findById(stored.acceptanceId()).orElseThrow();
        mailer.sendConfirmation(acceptance, partner, stored.confirmation().url(), link.businessKey());
        return new Submitted.AwaitingConfirmation(acceptance.id(), acceptance.adminEmail());
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
                if (!links.consume(confirmationLink.id())) {
                    return Confirmed.ALREADY_USED;
                }
                Acceptance acceptance = acceptances.findById(confirmationLink.acceptanceId()).orElseThrow();
                if (!acceptances.markConfirmed(acceptance.id())) {
                    return Confirmed.ALREADY_USED;
                }
                audit.record("customer:" + acceptance.adminEmail(), "ACCEPTANCE_CONFIRMED",
                        confirmationLink.partnerId(), null, confirmationLink.businessKey(),
                        acceptance.organizationName() + " (" + acceptance.domain() + ")");
                runtime.createMessageCorrelation(CONFIRMED_MESSAGE)
                        .processInstanceId(confirmationLink.processInstanceId())
                        .setVariables(variables(acceptance))
                        .correlateWithResult();
                return Confirmed.CONFIRMED;
            });
        } catch (MismatchingMessageCorrelationException notWaiting) {
            return Confirmed.NO_LONGER_OPEN;
        }
    }

    static Map<String, Object> variables(Acceptance a) {
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
