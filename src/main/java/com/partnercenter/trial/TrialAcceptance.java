package com.partnercenter.trial;

import com.partnercenter.acceptance.Acceptance;
import com.partnercenter.acceptance.AcceptanceForm;
import com.partnercenter.acceptance.AcceptanceService;
import com.partnercenter.acceptance.Confirming;
import com.partnercenter.acceptance.FlowAcceptance;
import com.partnercenter.acceptance.OfferedTerms;
import com.partnercenter.acceptance.SignedInAcceptance;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.link.Link;
import com.partnercenter.link.LinkType;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.platform.PartnerTenantIdProvider;
import com.partnercenter.request.FlowRequest;
import com.partnercenter.request.FlowRequests;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;

/**
 * The accept page of a trial invitation: the trial's terms (from the invitation's request, the catalogue and the
 * partner's authorizations, never from the invitation's variables), a new organization's form, or an existing
 * customer's administrator taking it signed in (one trial per SKU and customer). Each confirmed acceptance starts
 * its own {@value #PROCESS} instance.
 */
@Service
public class TrialAcceptance implements FlowAcceptance {

    /** A new organization's trial (set up with the organization). */
    public static final String CONFIRMING = "TRIAL";
    /** An existing customer's trial (its administrator took it signed in): nothing else is set up. */
    public static final String CONFIRMING_EXISTING_CUSTOMER = "TRIAL_EXISTING_CUSTOMER";

    /** Process of one customer's trial, started by its confirmation; it records its request from the acceptance. */
    public static final String PROCESS = "trialAcceptance";

    private final AcceptanceService acceptances;
    private final FlowRequests requests;
    private final CatalogueRepository catalogue;
    private final PartnerRepository partners;
    private final SubscriptionRepository subscriptions;
    private final RuntimeService runtime;
    private final TransactionTemplate tx;

    public TrialAcceptance(AcceptanceService acceptances, FlowRequests requests, CatalogueRepository catalogue,
            PartnerRepository partners, SubscriptionRepository subscriptions, RuntimeService runtime,
            TransactionTemplate tx) {
        this.acceptances = acceptances;
        this.requests = requests;
        this.catalogue = catalogue;
        this.partners = partners;
        this.subscriptions = subscriptions;
        this.runtime = runtime;
        this.tx = tx;
    }

    @Override
    public boolean handles(Link link) {
        return link.type() == LinkType.TRIAL_INVITATION;
    }

    @Override
    public void describe(Link link, Model model) {
        model.addAttribute("offer", terms(link));
    }

    @Override
    public AcceptanceService.Submitted submit(Link link, AcceptanceForm form) {
        return acceptances.submitNewOrganization(link, form);
    }

    @Override
    public Confirming confirming(Link invitation, Acceptance acceptance) {
        return Confirming.ofTrial(CONFIRMING, acceptance.organizationName(), terms(invitation).trial());
    }

    @Override
    public java.util.List<String> confirmingKinds() {
        return java.util.List.of(CONFIRMING, CONFIRMING_EXISTING_CUSTOMER);
    }

    /** A new organization's acceptance, confirmed from its administrator's mailbox: the flow creates it. */
    @Override
    public void confirmed(Link invitation, Acceptance acceptance) {
        start(invitation, acceptance, Map.of("existingCustomer", false));
    }

    @Override
    public boolean acceptsExistingCustomers() {
        return true;
    }

    /** One trial per SKU and customer, and none of a SKU the customer has active. */
    @Override
    public Optional<String> customerRefusal(Link link, Customer customer) {
        String sku = requests.find(link.processInstanceId()).map(FlowRequest::skuCode).orElse(null);
        if (subscriptions.hadTrial(customer.id(), sku)) {
            return Optional.of("acceptance.trial.taken");
        }
        boolean owned = subscriptions.findByCustomer(customer.id()).stream()
                .anyMatch(s -> s.skuCode().equals(sku) && s.status() == Subscription.Status.ACTIVE);
        return owned ? Optional.of("acceptance.trial.owned") : Optional.empty();
    }

    /**
     * The trial for the signed-in administrator's customer, confirmed at once (should two race, the database refuses
     * the second trial of a SKU when it is provisioned); delegated administration asked for goes to the customer's
     * review in the trial's flow.
     */
    @Override
    public SignedInAcceptance.Outcome acceptForCustomer(Link link, AcceptanceForm form, Customer customer,
            CustomerAdmin admin) {
        Optional<String> refusal = customerRefusal(link, customer);
        if (refusal.isPresent()) {
            return new SignedInAcceptance.Outcome.Refused("adminEmail", refusal.get());
        }
        try {
            return tx.execute(status -> {
                Acceptance acceptance = acceptances.confirmedBy(link, form, admin, customer);
                start(link, acceptance, Map.of("existingCustomer", true, "customerId", customer.id(),
                        "customerAdminUserId", admin.userId(), "customerCreated", false));
                return new SignedInAcceptance.Outcome.Accepted(Confirming.ofTrial(
                        CONFIRMING_EXISTING_CUSTOMER, customer.name(), terms(link).trial()));
            });
        } catch (MismatchingMessageCorrelationException closed) {
            return new SignedInAcceptance.Outcome.Refused("adminEmail", "acceptance.link.closed");
        }
    }

    /**
     * The terms of a trial invitation, from the invitation's request (its SKU, delegated administration asked for),
     * the catalogue (licenses and length) and the partner's authorizations (delegated administration only while it
     * holds it): never from the invitation's variables.
     */
    OfferedTerms terms(Link invitation) {
        FlowRequest request = requests.find(invitation.processInstanceId()).orElseThrow(
                () -> new IllegalStateException("the invitation " + invitation.businessKey() + " has no request"));
        if (request.partnerId() != invitation.partnerId()) {
            throw new IllegalStateException("the request of " + invitation.businessKey() + " is another partner's");
        }
        var sku = catalogue.find(request.skuCode())
                .filter(s -> s.trialAllowed() && s.sellable())
                .orElseThrow(() -> new IllegalStateException("the invitation's SKU offers no trial"));
        OfferedTerms.Trial trial = new OfferedTerms.Trial(sku.name(), sku.trialDays(), sku.trialLicenses());
        String role = request.delegatedAdminRole();
        boolean delegated = role != null && partners.findById(invitation.partnerId())
                .map(p -> p.has(ProgramAuthorization.DELEGATED_ADMIN)).orElse(false);
        return new OfferedTerms(trial, delegated ? role : null);
    }

    /**
     * Each confirmed acceptance of a trial invitation runs as its own instance (business key: the invitation's, plus
     * "-A" and the acceptance id), in the partner's tenant. Its first step records its request from the acceptance and
     * the invitation's request; the variables given here serve its mails and pages. {@code customer} is what the
     * acceptance's customer brings: {@code existingCustomer=false} for a new organization (the flow creates it), or an
     * existing customer's {@code existingCustomer=true}, {@code customerId}, {@code customerAdminUserId} and
     * {@code customerCreated=false}.
     */
    private void start(Link invitation, Acceptance acceptance, Map<String, Object> customer) {
        var invitationInstance = runtime.createProcessInstanceQuery()
                .processInstanceId(invitation.processInstanceId()).active().singleResult();
        if (invitationInstance == null) {
            throw new MismatchingMessageCorrelationException("the invitation " + invitation.businessKey()
                    + " is no longer open");
        }
        OfferedTerms offer = terms(invitation);
        Partner partner = partners.findById(invitation.partnerId()).orElseThrow();
        Map<String, Object> vars = new HashMap<>(acceptances.partnerContact(partner, invitation.processInstanceId()));
        vars.put("partnerId", invitation.partnerId());
        vars.put("linkId", invitation.id());
        vars.put("skuCode", requests.find(invitation.processInstanceId()).map(FlowRequest::skuCode).orElse(null));
        vars.put("skuName", offer.trial().skuName());
        vars.put("trialDays", offer.trial().days());
        vars.put("trialLicenses", offer.trial().licenses());
        vars.put("includeDelegatedAdmin", offer.delegatedAdmin() != null);
        vars.put("delegatedAdminRole", offer.delegatedAdmin());
        vars.putAll(AcceptanceService.variables(acceptance));
        vars.putAll(customer);
        vars.put("invitationBusinessKey", invitation.businessKey());
        vars.put(PartnerTenantIdProvider.TENANT_VARIABLE, invitationInstance.getTenantId());
        runtime.createProcessInstanceByKey(PROCESS)
                .businessKey(invitation.businessKey() + "-A" + acceptance.id())
                .setVariables(vars)
                .execute();
    }
}
