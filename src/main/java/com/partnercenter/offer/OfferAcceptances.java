package com.partnercenter.offer;

import com.partnercenter.acceptance.Acceptance;
import com.partnercenter.acceptance.AcceptanceForm;
import com.partnercenter.acceptance.AcceptanceService;
import com.partnercenter.acceptance.Confirming;
import com.partnercenter.acceptance.FlowAcceptance;
import com.partnercenter.acceptance.OfferedTerms;
import com.partnercenter.acceptance.SignedInAcceptance;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.LicenseCounts;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.link.Link;
import com.partnercenter.link.LinkService;
import com.partnercenter.link.LinkType;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.platform.PartnerTenantIdProvider;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.ui.Model;
import org.springframework.validation.Errors;

/**
 * The accept page of a purchase offer: the offer's lines with their bounds, a license count per line that
 * the customer may change within the bounds (checked here, again by the flow), an existing customer's
 * admin confirming from its registered address; the confirmation starts one {@value #PROCESS} instance.
 */
@Service
public class OfferAcceptances implements FlowAcceptance {

    /** A purchase by a new organization (set up with its subscriptions). */
    public static final String CONFIRMING_NEW_CUSTOMER = "PURCHASE_NEW_CUSTOMER";
    /** A purchase by an existing customer: only the subscriptions are bought. */
    public static final String CONFIRMING_EXISTING_CUSTOMER = "PURCHASE_EXISTING_CUSTOMER";

    public static final String PROCESS = "purchaseOfferAcceptance";

    /** What the page shows: the lines, and the customer when the offer is for one. */
    public record Purchase(String customerName, List<LineView> lines, String validUntil) {}

    /** One line: proposed count, bounds, and whether the customer already has the SKU active. */
    public record LineView(String skuCode, String skuName, int proposed, int min, int max, boolean alreadyActive) {}

    private final OfferRepository offers;
    private final CatalogueRepository catalogue;
    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final PartnerRepository partners;
    private final LinkService links;
    private final AcceptanceService acceptances;
    private final RuntimeService runtime;
    private final OfferDelegates offerSteps;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    public OfferAcceptances(org.springframework.transaction.support.TransactionTemplate tx, OfferRepository offers, CatalogueRepository catalogue, CustomerRepository customers,
            SubscriptionRepository subscriptions, PartnerRepository partners, LinkService links,
            AcceptanceService acceptances, RuntimeService runtime, OfferDelegates offerSteps) {
        this.offerSteps = offerSteps;
        this.tx = tx;
        this.offers = offers;
        this.catalogue = catalogue;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.partners = partners;
        this.links = links;
        this.acceptances = acceptances;
        this.runtime = runtime;
    }

    @Override
    public boolean handles(Link link) {
        return link.type() == LinkType.PURCHASE_OFFER;
    }

    @Override
    public void initialize(Link link, AcceptanceForm form) {
        PurchaseOffer offer = offer(link);
        target(offer).ifPresent(c -> {
            form.setOrganizationName(c.name());
            form.setDomain(c.domain());
            form.setCountry(c.country());
            form.setLanguage(c.language());
        });
        for (PurchaseOffer.Line line : offer.lines()) {
            form.getLicenses().putIfAbsent(line.skuCode(), String.valueOf(line.licenses()));
        }
    }

    @Override
    public void describe(Link link, Model model) {
        PurchaseOffer offer = offer(link);
        Optional<Customer> target = target(offer);
        Set<String> active = target.map(c -> subscriptions.findByCustomer(c.id()).stream()
                .filter(s -> s.status() == Subscription.Status.ACTIVE).map(Subscription::skuCode)
                .collect(Collectors.toSet())).orElse(Set.of());
        List<LineView> lines = new ArrayList<>();
        for (PurchaseOffer.Line line : offer.lines()) {
            Sku sku = catalogue.find(line.skuCode()).orElseThrow();
            lines.add(new LineView(sku.code(), sku.name(), line.licenses(), sku.minLicenses(), sku.maxLicenses(),
                    active.contains(sku.code())));
        }
        model.addAttribute("purchase", new Purchase(target.map(Customer::name).orElse(null), lines,
                link.expiresAt().toString().substring(0, 10)));
        model.addAttribute("offer", new OfferedTerms(null, delegatedAdmin(offer)));
    }

    /**
     * An offer made to a customer, or an open offer accepted for a registered domain, is accepted by a registered
     * administrator of that customer: its name is on record.
     */
    @Override
    public boolean asksAdminName(Link link, AcceptanceForm form) {
        PurchaseOffer offer = offer(link);
        if (offer.targeted()) {
            return false;
        }
        String domain = form.getDomain() == null ? "" : form.getDomain().trim().toLowerCase(java.util.Locale.ROOT);
        return domain.isEmpty() || customers.findByDomain(domain).isEmpty();
    }

    @Override
    public void validate(Link link, AcceptanceForm form, Errors errors) {
        PurchaseOffer offer = offer(link);
        for (PurchaseOffer.Line line : offer.lines()) {
            Sku sku = catalogue.find(line.skuCode()).orElseThrow();
            String raw = form.getLicenses().get(sku.code());
            LicenseCounts.Checked checked = LicenseCounts.check(raw, sku);
            if (!checked.ok()) {
                errors.rejectValue("licenses[" + sku.code() + "]", checked.problem().messageKey(),
                        new Object[] {sku.name(), sku.minLicenses(), sku.maxLicenses()}, checked.problem().name());
            }
        }
    }

    @Override
    public AcceptanceService.Submitted submit(Link link, AcceptanceForm raw) {
        PurchaseOffer offer = offer(link);
        AcceptanceForm form = raw.normalized();
        Optional<Customer> existing = offer.targeted() ? target(offer) : customers.findByDomain(form.getDomain());
        if (existing.isPresent()) {
            Customer customer = existing.get();
            // the organization is the one on record; only an admin registered for it can confirm
            form.setOrganizationName(customer.name());
            form.setDomain(customer.domain());
            form.setCountry(customer.country());
            Optional<CustomerAdmin> admin = customers.findAdminByEmail(customer.id(), form.getAdminEmail());
            if (admin.isEmpty()) {
                return new AcceptanceService.Submitted.Refused("adminEmail",
                        offer.targeted() ? "offer.admin.notRegistered" : "offer.domain.taken");
            }
            // the administrator is the one on record, whatever name was typed
            form.setAdminFirstName(admin.get().firstName());
            form.setAdminLastName(admin.get().lastName());
            if (offers.confirmedByCustomer(offer.id(), customer.id(), null)) {
                return new AcceptanceService.Submitted.Refused("adminEmail", "offer.alreadyAccepted");
            }
        }
        List<PurchaseOffer.Line> counts = new ArrayList<>();
        for (PurchaseOffer.Line line : offer.lines()) {
            Sku sku = catalogue.find(line.skuCode()).orElseThrow();
            LicenseCounts.Checked checked = LicenseCounts.check(form.getLicenses().get(sku.code()), sku);
            if (!checked.ok()) {
                return new AcceptanceService.Submitted.Refused("licenses[" + sku.code() + "]",
                        checked.problem().messageKey());
            }
            counts.add(new PurchaseOffer.Line(line.lineNo(), sku.code(), checked.count()));
        }
        Long customerId = existing.map(Customer::id).orElse(null);
        return acceptances.store(link, form, id -> offers.insertAcceptance(id, offer.id(), customerId, counts));
    }

    @Override
    public boolean acceptsExistingCustomers() {
        return true;
    }

    /**
     * An existing customer's administrator accepts signed in: the offer must be for its organization (or open to
     * anyone), not bought by it before, with counts within the bounds; confirmed and bought at once. Delegated
     * administration the offer asks for and the administrator ticked becomes a request its administrators review
     * in Tasklist: the purchase itself grants nothing.
     */
    @Override
    public SignedInAcceptance.Outcome acceptForCustomer(Link link, AcceptanceForm form, Customer customer,
            CustomerAdmin admin) {
        PurchaseOffer offer = offer(link);
        if (offer.targeted() && offer.customerId() != customer.id()) {
            return new SignedInAcceptance.Outcome.Refused("adminEmail", "offer.signedIn.otherCustomer");
        }
        if (offers.confirmedByCustomer(offer.id(), customer.id(), null)) {
            return new SignedInAcceptance.Outcome.Refused("adminEmail", "offer.alreadyAccepted");
        }
        List<PurchaseOffer.Line> counts = new ArrayList<>();
        for (PurchaseOffer.Line line : offer.lines()) {
            Sku sku = catalogue.find(line.skuCode()).orElseThrow();
            LicenseCounts.Checked checked = LicenseCounts.check(form.getLicenses().get(sku.code()), sku);
            if (!checked.ok()) {
                return new SignedInAcceptance.Outcome.Refused("licenses[" + sku.code() + "]",
                        checked.problem().messageKey());
            }
            counts.add(new PurchaseOffer.Line(line.lineNo(), sku.code(), checked.count()));
        }
        try {
            return tx.execute(status -> {
                offers.lock(offer.id());
                // the tick is a request: the purchase's flow asks the customer's administrators to review it
                Acceptance acceptance = acceptances.confirmedBy(link, form, admin, customer);
                offers.insertAcceptance(acceptance.id(), offer.id(), customer.id(), counts);
                confirmed(link, acceptance);
                return new SignedInAcceptance.Outcome.Accepted(confirming(link, acceptance));
            });
        } catch (MismatchingMessageCorrelationException closed) {
            return new SignedInAcceptance.Outcome.Refused("adminEmail", "acceptance.link.closed");
        }
    }

    /**
     * An offer is bought once per existing customer: confirmations that could buy it for the same customer (an
     * offer for one customer, or an open offer accepted by admins of a registered customer) take the offer's row
     * in turn, so the later one finds the earlier one's purchase. New customers' confirmations of an open offer
     * do not wait for each other (a domain bought twice is refused when the customer is created).
     */
    @Override
    public void lockForConfirmation(Link invitation, Acceptance acceptance) {
        PurchaseOffer offer = offer(invitation);
        if (offer.targeted() || existingCustomer(acceptance)) {
            offers.lock(offer.id());
        }
    }

    /** A purchase of the lines as chosen: by an existing customer (nothing set up) or a new one (set up). */
    @Override
    public Confirming confirming(Link invitation, Acceptance acceptance) {
        List<Confirming.Line> lines = offers.acceptedLines(acceptance.id()).stream()
                .map(l -> new Confirming.Line(catalogue.find(l.skuCode()).orElseThrow().name(), l.licenses()))
                .toList();
        return Confirming.ofLines(existingCustomer(acceptance) ? CONFIRMING_EXISTING_CUSTOMER : CONFIRMING_NEW_CUSTOMER,
                acceptance.organizationName(), lines);
    }

    @Override
    public List<String> confirmingKinds() {
        return List.of(CONFIRMING_NEW_CUSTOMER, CONFIRMING_EXISTING_CUSTOMER);
    }

    /** The acceptance is an existing customer's (its admin accepted): nothing is set up for it. */
    private boolean existingCustomer(Acceptance acceptance) {
        return offers.findAcceptance(acceptance.id()).map(a -> a.customerId() != null).orElse(false);
    }

    @Override
    public void confirmed(Link invitation, Acceptance acceptance) {
        PurchaseOffer offer = offer(invitation);
        if (offer.status() != PurchaseOffer.Status.OPEN || !invitation.usable(EngineClock.now())) {
            throw new MismatchingMessageCorrelationException("the offer " + offer.businessKey() + " is no longer open");
        }
        if (offer.targeted() && !offers.close(offer.id(), PurchaseOffer.Status.ACCEPTED, null)) {
            // another confirmation accepted it (or a newer offer superseded it) first: nothing is bought twice
            throw new MismatchingMessageCorrelationException("the offer " + offer.businessKey() + " is no longer open");
        }
        OfferRepository.OfferAcceptance accepted = offers.findAcceptance(acceptance.id()).orElseThrow();
        if (accepted.customerId() != null
                && offers.confirmedByCustomer(offer.id(), accepted.customerId(), acceptance.id())) {
            // another admin of the same customer bought this open offer first: one set of subscriptions
            throw new MismatchingMessageCorrelationException("the offer " + offer.businessKey()
                    + " was already accepted for customer " + accepted.customerId());
        }
        var offerInstance = runtime.createProcessInstanceQuery().processInstanceId(offer.processInstanceId())
                .active().singleResult();
        if (offerInstance == null) {
            throw new MismatchingMessageCorrelationException("the offer " + offer.businessKey() + " has ended");
        }
        Map<String, Object> vars = new HashMap<>(acceptances.partnerContact(
                partners.findById(offer.partnerId()).orElseThrow(), offer.processInstanceId()));
        vars.putAll(AcceptanceService.variables(acceptance));
        vars.put("partnerId", offer.partnerId());
        vars.put("offerId", offer.id());
        vars.put("offerBusinessKey", offer.businessKey());
        String role = delegatedAdmin(offer);
        vars.put("includeDelegatedAdmin", role != null);
        vars.put("delegatedAdminRole", role);
        vars.put("existingCustomer", accepted.customerId() != null);
        if (accepted.customerId() != null) {
            vars.put("customerId", accepted.customerId());
            vars.put("customerAdminUserId", customers.findAdminByEmail(accepted.customerId(), acceptance.adminEmail())
                    .map(CustomerAdmin::userId).orElseThrow());
        }
        vars.put(PartnerTenantIdProvider.TENANT_VARIABLE, offerInstance.getTenantId());
        runtime.createProcessInstanceByKey(PROCESS)
                .businessKey(offer.businessKey() + "-A" + acceptance.id())
                .setVariables(vars)
                .execute();
        if (offer.targeted()) {
            // an offer for one customer is accepted once (closed above): its link and other pending
            // confirmations stop working
            links.revokeAllOf(offer.processInstanceId());
            offerSteps.correlateIfWaiting(offer.processInstanceId(), OfferDelegates.ACCEPTED_MESSAGE, Map.of());
        }
    }

    /** Delegated administration the offer asks for, while the partner still holds the authorization. */
    private String delegatedAdmin(PurchaseOffer offer) {
        return offer.delegatedAdminRole() != null && partners.findById(offer.partnerId())
                .map(p -> p.has(ProgramAuthorization.DELEGATED_ADMIN)).orElse(false) ? offer.delegatedAdminRole() : null;
    }

    private Optional<Customer> target(PurchaseOffer offer) {
        return offer.targeted() ? customers.findById(offer.customerId()) : Optional.empty();
    }

    private PurchaseOffer offer(Link link) {
        return offers.findByLink(link.id())
                .orElseThrow(() -> new IllegalStateException("no offer recorded for link " + link.id()));
    }
}
