package com.partnercenter.acceptance;

import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.link.Link;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * An existing customer's administrator, signed in to Tasklist, takes a link for its organization (a trial, an
 * offer: the flows whose {@link FlowAcceptance#acceptsExistingCustomers()}): the organization and the administrator
 * are the signed-in one's (nothing typed), and the acceptance is confirmed at once — the sign-in is what the
 * confirmation mail proves for a new organization. What the flow refuses (one trial per SKU and customer, an offer
 * bought once) and does is the flow's ({@link FlowAcceptance#acceptForCustomer}); delegated administration the link
 * asks for is only a request the customer's administrators review signed in.
 */
@Service
public class SignedInAcceptance {

    /** What became of it. */
    public sealed interface Outcome {
        record Accepted(Confirming confirming) implements Outcome {}

        /** Refused; {@code messageKey} says why (nothing was stored). */
        record Refused(String field, String messageKey) implements Outcome {}
    }

    private final CustomerRepository customers;
    private final List<FlowAcceptance> flows;

    public SignedInAcceptance(CustomerRepository customers, List<FlowAcceptance> flows) {
        this.customers = customers;
        this.flows = flows;
    }

    /** The link's flow, when existing customers may take the link for themselves. */
    public Optional<FlowAcceptance> forCustomers(Link link) {
        return flows.stream().filter(f -> f.handles(link)).findFirst().filter(FlowAcceptance::acceptsExistingCustomers);
    }

    /** Why the customer cannot take this link, if it cannot (a message key), before it tries. */
    public Optional<String> refusal(Link link, Customer customer) {
        return forCustomers(link).flatMap(f -> f.customerRefusal(link, customer));
    }

    public Outcome accept(Link link, CustomerAdmin admin, AcceptanceForm submitted) {
        FlowAcceptance flow = forCustomers(link).orElseThrow(
                () -> new IllegalArgumentException(link.type() + " links are for new organizations only"));
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
        return flow.acceptForCustomer(link, form, customer, admin);
    }
}
