package com.partnercenter.delegation;

import com.partnercenter.acceptance.Acceptance;
import com.partnercenter.acceptance.AcceptanceRepository;
import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.PartnerTenantIdProvider;
import com.partnercenter.request.FlowRequest;
import com.partnercenter.request.FlowRequests;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Delegated administration asked for with another flow (trial acceptance, purchase, product-key setup): the one call
 * every such flow uses. It starts a "Delegated administration" instance of its own for the flow's customer (business
 * key: the flow's, plus "-DA"), so that the flow does not wait for the relationship's whole life; the started flow
 * checks the partner again and refuses a second open relationship.
 *
 * <p>Who, for whom and which role come from the flow's request ({@link FlowRequests}). A customer that already
 * existed always reviews the request: its admins get the Tasklist task, and nothing is granted before one of them
 * accepts it signed in — a ticked box on an accept page is a request, not a consent. Only a customer the flow's
 * provisioning has just created from the acceptance, whose confirming admin ticked the box (and thereby became its
 * global admin), starts with the relationship agreed.
 */
@Configuration
public class DelegatedAdminStarter {

    public static final String PROCESS = "delegatedAdmin";

    private final RuntimeService runtime;
    private final FlowRequests requests;
    private final AcceptanceRepository acceptances;
    private final CustomerRepository customers;
    private final PartnerRepository partners;

    public DelegatedAdminStarter(RuntimeService runtime, FlowRequests requests, AcceptanceRepository acceptances,
            CustomerRepository customers, PartnerRepository partners) {
        this.runtime = runtime;
        this.requests = requests;
        this.acceptances = acceptances;
        this.customers = customers;
        this.partners = partners;
    }

    /**
     * Gateway "Delegated administration asked for?": the flow's request asks for it, and — when the flow carries out a
     * customer's acceptance — the customer ticked it on the accept page.
     */
    public boolean asked(DelegateExecution execution) {
        FlowRequest request = requests.of(execution);
        if (request.delegatedAdminRole() == null) {
            return false;
        }
        return request.acceptanceId() == null || acceptance(request).map(Acceptance::delegatedAdminConsent).orElse(false);
    }

    /** "Offer delegated administration" / "Start delegated administration": see the class comment. */
    @Bean
    public JavaDelegate startDelegatedAdmin() {
        return execution -> {
            FlowRequest request = requests.of(execution);
            if (request.delegatedAdminRole() == null || request.customerId() == null) {
                throw new IllegalStateException("the request of " + execution.getProcessBusinessKey()
                        + " asks for no delegated administration of a known customer");
            }
            Partner partner = partners.findById(request.partnerId()).orElseThrow();
            Optional<Acceptance> acceptance = acceptance(request);
            Optional<CustomerAdmin> agreedBy = request.customerCreated() && acceptance.isPresent()
                    && acceptance.get().delegatedAdminConsent()
                    ? customers.findAdminByEmail(request.customerId(), acceptance.get().adminEmail()) : Optional.empty();
            Map<String, Object> vars = new HashMap<>();
            vars.put(PartnerTenantIdProvider.TENANT_VARIABLE, request.tenantId());
            vars.put("partnerId", partner.id());
            vars.put("customerId", request.customerId());
            vars.put("adminRole", request.delegatedAdminRole());
            vars.put("requestedBy", request.requestedBy());
            vars.put("partnerUserEmail", partner.supportEmail());
            vars.put("partnerUserLanguage", partner.defaultLanguage());
            Optional.ofNullable(request.requestedBy()).flatMap(partners::findUserByUserId)
                    .filter(user -> user.partnerId() == partner.id()).ifPresent(user -> {
                        vars.put("partnerUserEmail", user.email());
                        vars.put("partnerUserLanguage", user.language());
                    });
            vars.put("preApproved", agreedBy.isPresent());
            agreedBy.ifPresent(admin -> vars.put("approvedBy", admin.userId()));
            runtime.createProcessInstanceByKey(PROCESS)
                    .businessKey(execution.getProcessBusinessKey() + "-DA")
                    .setVariables(vars)
                    .execute();
        };
    }

    private Optional<Acceptance> acceptance(FlowRequest request) {
        return request.acceptanceId() == null ? Optional.empty() : acceptances.findById(request.acceptanceId());
    }
}
