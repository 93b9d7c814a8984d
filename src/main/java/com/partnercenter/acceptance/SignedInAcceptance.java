package com.partnercenter.acceptance;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.link.Link;
import com.partnercenter.link.LinkType;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An existing customer's administrator, signed in to Tasklist, takes a trial or accepts an offer on a public link
 * for its organization: the organization and the administrator are the signed-in one's (nothing typed), and the
 * acceptance is confirmed at once — the sign-in is what the confirmation mail proves for a new organization.
 * One trial per SKU and customer: a second one is refused here (and, should two race, by the database when the
 * trial is provisioned). Delegated administration the link asks for is only a request: the customer's
 * administrators review it signed in (the trial flow for its customers; {@link FlowAcceptance#acceptForCustomer}).
 */
@Service
public class SignedInAcceptance {

    /** What became of it. */
    public sealed interface Outcome {
        record Accepted(Confirming confirming) implements Outcome {}

        /** Refused; {@code messageKey} says why (nothing was stored). */
        record Refused(String field, String messageKey) implements Outcome {}
    }

    private final AcceptanceService acceptances;
    private final AcceptanceRepository rows;
    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final OfferDescriptions offers;
    private final java.util.List<FlowAcceptance> flows;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    public SignedInAcceptance(AcceptanceService acceptances, AcceptanceRepository rows, CustomerRepository customers,
            SubscriptionRepository subscriptions, OfferDescriptions offers, java.util.List<FlowAcceptance> flows,
            TransactionTemplate tx, AuditLog audit) {
        this.acceptances = acceptances;
        this.rows = rows;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.offers = offers;
        this.flows = flows;
        this.tx = tx;
        this.audit = audit;
    }

    /** The link's kinds an existing customer can take for itself. */
    public static boolean forCustomers(Link link) {
        return link.type() == LinkType.TRIAL_INVITATION || link.type() == LinkType.PURCHASE_OFFER;
    }

    /** Why the customer cannot take this trial, if it cannot (a message key), before it tries. */
    public Optional<String> trialRefusal(Link link, Customer customer) {
        String sku = offers.trialSkuCode(link);
        if (subscriptions.hadTrial(customer.id(), sku)) {
            return Optional.of("acceptance.trial.taken");
        }
        boolean owned = subscriptions.findByCustomer(customer.id()).stream()
                .anyMatch(s -> s.skuCode().equals(sku) && s.status() == Subscription.Status.ACTIVE);
        return owned ? Optional.of("acceptance.trial.owned") : Optional.empty();
    }

    public Outcome accept(Link link, CustomerAdmin admin, AcceptanceForm submitted) {
        Customer customer = customers.findById(admin.customerId()).orElseThrow();
        AcceptanceForm form = new AcceptanceForm();
        form.setOrganizationName(customer.name());
        form.setDomain(customer.domain());
        form.setCountry(customer.country());
        form.setLanguage(customer.language());
        form.setAdminFirstName(admin.firstName());
        form.setAdminLastName(admin.lastName());
        form.setAdminEmail(admin.email());
        form.setDelegatedAdminConsent(submitted.isDelegatedAdminConsent());
        form.setLicenses(submitted.getLicenses());
        Optional<FlowAcceptance> flow = flows.stream().filter(f -> f.handles(link)).findFirst();
        if (flow.isPresent()) {
            return flow.get().acceptForCustomer(link, form, customer, admin);
        }
        if (link.type() != LinkType.TRIAL_INVITATION) {
            throw new IllegalArgumentException(link.type() + " links are for new organizations only");
        }
        Optional<String> refusal = trialRefusal(link, customer);
        if (refusal.isPresent()) {
            return new Outcome.Refused("adminEmail", refusal.get());
        }
        try {
            return tx.execute(status -> {
                Acceptance acceptance = acceptances.confirmedBy(link, form, admin, customer);
                acceptances.startTrialAcceptance(link, acceptance, Map.of("existingCustomer", true,
                        "customerId", customer.id(), "customerAdminUserId", admin.userId(), "customerCreated", false));
                return new Outcome.Accepted(Confirming.trialForCustomer(customer.name(),
                        offers.describe(link).trial()));
            });
        } catch (MismatchingMessageCorrelationException closed) {
            return new Outcome.Refused("adminEmail", "acceptance.link.closed");
        }
    }
}
