package com.partnercenter.support;

import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.customer.CustomerService;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerService;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Builds unique test data in the shared context: every call gets fresh advisor codes, user ids and
 * domains, so tests never see each other's rows.
 */
@Component
public class TestData {

    public static final String PASSWORD = "test-password";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final PartnerService partners;
    private final CustomerService customers;
    private final CatalogueRepository catalogue;
    private final CustomerRepository customerRepository;

    public TestData(PartnerService partners, CustomerService customers, CatalogueRepository catalogue,
            CustomerRepository customerRepository) {
        this.partners = partners;
        this.customers = customers;
        this.catalogue = catalogue;
        this.customerRepository = customerRepository;
    }

    public static String unique(String prefix) {
        return prefix + SEQ.incrementAndGet() + Long.toString(System.nanoTime() % 100000, 36);
    }

    public Partner partner(ProgramAuthorization... authorizations) {
        Set<ProgramAuthorization> set = authorizations.length == 0 ? EnumSet.noneOf(ProgramAuthorization.class)
                : EnumSet.of(authorizations[0], authorizations);
        String code = unique("P").toUpperCase(Locale.ROOT);
        return partners.createPartner(new Partner(0, code, null, "Partner " + code, "1 Test Street", "75001",
                "Paris", "FR", "+33 1 00 00 00 00", "support@" + code.toLowerCase(Locale.ROOT) + ".example",
                "https://" + code.toLowerCase(Locale.ROOT) + ".example", "en", set));
    }

    public PartnerUser user(Partner partner, SupportedAccess access) {
        return user(partner, CompanyRole.NONE, access);
    }

    public PartnerUser user(Partner partner, CompanyRole role, SupportedAccess access) {
        return user(partner, role, access, "en");
    }

    /** A partner user who reads the program in {@code language} ("en" or "fr"). */
    public PartnerUser user(Partner partner, CompanyRole role, SupportedAccess access, String language) {
        String id = unique("u").toLowerCase(Locale.ROOT);
        return partners.createUser(partner, new PartnerUser(0, partner.id(), id, "Test", "User " + id,
                id + "@partner.example", language, role, access), PASSWORD);
    }

    public Customer customer() {
        String id = unique("c").toLowerCase(Locale.ROOT);
        return customers.createCustomer("Customer " + id, id + ".example", "FR", "fr", null);
    }

    /** A customer of the partner, with one admin who can sign in (password {@link #PASSWORD}). */
    public CustomerWithAdmin customerOf(Partner partner) {
        Customer customer = customer();
        customers.linkPartner(partner.id(), customer);
        CustomerAdmin admin = customers.addAdmin(customer, "Cleo", "Admin", "cleo@" + customer.domain(), PASSWORD);
        return new CustomerWithAdmin(customer, admin);
    }

    public record CustomerWithAdmin(Customer customer, CustomerAdmin admin) {}

    public Sku sku(boolean trialAllowed, int min, int max) {
        String code = unique("SKU").toUpperCase(Locale.ROOT);
        Sku sku = new Sku(code, "Offer " + code, trialAllowed, 30, 25, min, max, 12, true);
        catalogue.insert(sku);
        catalogueForms.add(sku);
        return sku;
    }

    // ---- product keys (issue 6)

    @org.springframework.beans.factory.annotation.Autowired
    private com.partnercenter.productkey.ProductKeyRepository productKeys;

    @org.springframework.beans.factory.annotation.Autowired
    private CatalogueForms catalogueForms;

    @org.springframework.beans.factory.annotation.Autowired
    private com.partnercenter.security.IdentityAdmin identityAdmin;

    /** A fresh unused product key of the partner (normalized form). */
    public String productKey(Partner partner, Sku sku, int licenses, int termMonths) {
        String key = com.partnercenter.productkey.ProductKeyCodec.generate();
        productKeys.insert(key, partner.id(), sku.code(), licenses, termMonths);
        return key;
    }

    /** The identity operations, for tests that make accounts of their own. */
    public com.partnercenter.security.IdentityAdmin identity() {
        return identityAdmin;
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.camunda.bpm.engine.AuthorizationService authorizationService;

    /**
     * Lets the user start the flow although {@code FlowStartPermissions} does not (Tasklist would not offer it): for
     * tests of the flow's own refusal, the second line behind the start authorizations.
     */
    public void allowStart(String userId, String processKey) {
        var grant = authorizationService.createNewAuthorization(
                org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
        grant.setUserId(userId);
        grant.setResource(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION);
        grant.setResourceId(processKey);
        grant.addPermission(org.camunda.bpm.engine.authorization.Permissions.READ);
        grant.addPermission(org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.CREATE_INSTANCE);
        authorizationService.saveAuthorization(grant);
    }

    /** A user in the operators group (password {@link #PASSWORD}). */
    public String operator() {
        String id = unique("op").toLowerCase(Locale.ROOT);
        identityAdmin.ensureUser(id, "Olga", "Operator", id + "@operator.example", PASSWORD);
        identityAdmin.ensureMembership(id, com.partnercenter.security.Groups.OPERATORS);
        return id;
    }
}
