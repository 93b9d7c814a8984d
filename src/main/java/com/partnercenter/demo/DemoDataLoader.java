package com.partnercenter.demo;

import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.customer.CustomerService;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerService;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.platform.PartnerCenterProperties;
import com.partnercenter.productkey.ProductKeyCodec;
import com.partnercenter.productkey.ProductKeyRepository;
import com.partnercenter.security.Groups;
import com.partnercenter.security.IdentityAdmin;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo data for the dev default, loaded once into an empty database (no partner yet).
 * Logins are listed in the README; they all use the password from partner-center.demo.password.
 */
@Component
@ConditionalOnProperty(name = "partner-center.demo.enabled", havingValue = "true")
public class DemoDataLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final PartnerRepository partners;
    private final PartnerService partnerService;
    private final CatalogueRepository catalogue;
    private final CustomerService customerService;
    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final ProductKeyRepository productKeys;
    private final IdentityAdmin identity;
    private final TransactionTemplate tx;
    private final String password;
    private final org.springframework.context.ApplicationEventPublisher events;

    public DemoDataLoader(PartnerRepository partners, PartnerService partnerService, CatalogueRepository catalogue,
            CustomerService customerService, CustomerRepository customers, SubscriptionRepository subscriptions,
            ProductKeyRepository productKeys, IdentityAdmin identity, TransactionTemplate tx,
            PartnerCenterProperties properties, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.partners = partners;
        this.partnerService = partnerService;
        this.catalogue = catalogue;
        this.customerService = customerService;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.productKeys = productKeys;
        this.identity = identity;
        this.tx = tx;
        this.password = properties.demo().password();
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(10)
    public void load() {
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("partner-center.demo.enabled=true needs partner-center.demo.password");
        }
        if (partners.count() > 0) {
            log.info("Demo data: database already has partners, nothing loaded");
            return;
        }
        tx.executeWithoutResult(status -> loadAll());
        log.info("Demo data loaded: 3 partners, their users, catalogue, customers and product keys");
    }

    private void loadAll() {
        List<Sku> skus = List.of(
                new Sku("BUSINESS_BASIC", "Business Basic", true, 30, 25, 1, 300, 12, true),
                new Sku("BUSINESS_STANDARD", "Business Standard", true, 30, 25, 1, 300, 12, true),
                new Sku("BUSINESS_PREMIUM", "Business Premium", true, 30, 25, 1, 300, 12, true),
                new Sku("E3", "Enterprise E3", false, 30, 25, 5, 10000, 12, true),
                new Sku("E5", "Enterprise E5", true, 30, 25, 5, 10000, 12, true),
                new Sku("EXCHANGE_ONLINE", "Exchange Online (Plan 1)", true, 30, 25, 1, 50000, 12, true));
        skus.forEach(catalogue::insert);
        // the start forms list the catalogue: made again with it
        events.publishEvent(new com.partnercenter.catalogue.CatalogueChanged("demo"));

        Partner contoso = partnerService.createPartner(partner("CONTOSO", "Contoso Cloud Partners",
                "12 rue de la Paix", "75002", "Paris", "FR", "+33 1 23 45 67 89", "support@contoso-partners.example",
                "https://contoso-partners.example", "fr", EnumSet.allOf(ProgramAuthorization.class)));
        Partner fabrikam = partnerService.createPartner(partner("FABRIKAM", "Fabrikam Advisors",
                "400 Market Street", "94105", "San Francisco", "US", "+1 415 555 0100", "help@fabrikam.example",
                "https://fabrikam.example", "en", EnumSet.of(ProgramAuthorization.SUBSCRIPTION_ADVISOR)));
        Partner northwind = partnerService.createPartner(partner("NORTHWND", "Northwind Managed Services",
                "1 Harbour Road", "EH6 6LX", "Edinburgh", "GB", "+44 131 496 0000", "desk@northwind.example",
                "https://northwind.example", "en", EnumSet.of(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER)));

        user(contoso, "alice", "Alice", "Martin", "fr", CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        user(contoso, "bruno", "Bruno", "Petit", "fr", CompanyRole.BILLING_ADMIN, SupportedAccess.LIMITED);
        user(contoso, "chloe", "Chloé", "Durand", "fr", CompanyRole.NONE, SupportedAccess.NONE);
        user(contoso, "david", "David", "Moreau", "en", CompanyRole.USER_MANAGEMENT_ADMIN, SupportedAccess.FULL);
        user(fabrikam, "fiona", "Fiona", "Walsh", "en", CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        user(fabrikam, "gaston", "Gaston", "Leroy", "fr", CompanyRole.NONE, SupportedAccess.LIMITED);
        user(northwind, "nadia", "Nadia", "Khan", "en", CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        user(northwind, "omar", "Omar", "Haddad", "en", CompanyRole.PASSWORD_ADMIN, SupportedAccess.NONE);

        identity.ensureUser("olivia", "Olivia", "Operator", "olivia@partnercenter.example", password);
        identity.ensureMembership("olivia", Groups.OPERATORS);
        // an engine administrator also closes the webapps' first-run "create admin" page
        identity.ensureGroup("camunda-admin", "camunda BPM Administrators", "SYSTEM");
        identity.ensureMembership("olivia", "camunda-admin");

        // Two existing customers of Contoso with a known admin login (customer journeys)
        Customer wwi = customerService.createCustomer("Wide World Importers", "wideworldimporters.example", "FR",
                "fr", null);
        customers.insertAdminWithUserId(wwi, "claire", "Claire", "Bernard", "claire@wideworldimporters.example");
        identity.ensureUser("claire", "Claire", "Bernard", "claire@wideworldimporters.example", password);
        identity.ensureMembership("claire", wwi.groupId());
        identity.ensureMembership("claire", Groups.CUSTOMERS);
        events.publishEvent(new com.partnercenter.security.AccountChanged("claire"));
        customerService.linkPartner(contoso.id(), wwi);
        subscriptions.insert(wwi.id(), "BUSINESS_STANDARD", 40, Subscription.Status.ACTIVE,
                Subscription.Origin.PURCHASE_OFFER, today().minusMonths(3), today().plusMonths(9),
                contoso.id(), null);

        // a user of Wide World Importers who is not an administrator (Limited administration may reset it)
        customers.insertAdmin(wwi.id(), "walter", "Walter", "Roux", "walter@wideworldimporters.example", false);
        identity.ensureUser("walter", "Walter", "Roux", "walter@wideworldimporters.example", password);

        Customer tailspin = customerService.createCustomer("Tailspin Toys", "tailspintoys.example", "GB", "en", null);
        customers.insertAdminWithUserId(tailspin, "tom", "Tom", "Baker", "tom@tailspintoys.example");
        identity.ensureUser("tom", "Tom", "Baker", "tom@tailspintoys.example", password);
        identity.ensureMembership("tom", tailspin.groupId());
        identity.ensureMembership("tom", Groups.CUSTOMERS);
        events.publishEvent(new com.partnercenter.security.AccountChanged("tom"));
        customerService.linkPartner(contoso.id(), tailspin);
        subscriptions.insert(tailspin.id(), "BUSINESS_PREMIUM", 25, Subscription.Status.TRIAL,
                Subscription.Origin.TRIAL_INVITATION, today().minusDays(10), today().plusDays(20), contoso.id(), null);

        // 150 customers of the authorized service provider (search from 100 customers on)
        Random random = new Random(42);
        String[] first = {"Alpine", "Blue", "Cedar", "Delta", "Evergreen", "Falcon", "Granite", "Harbor", "Iris",
                "Juniper", "Kestrel", "Lumen", "Maple", "Nova", "Orchid", "Pioneer", "Quartz", "River", "Summit",
                "Tidal", "Union", "Vertex", "Willow", "Zenith", "Atlas"};
        String[] second = {"Dental", "Logistics", "Bakery", "Consulting", "Architects", "Clinic", "Legal", "Foods",
                "Motors", "Studio", "Farms", "Travel"};
        String[] skuCodes = {"BUSINESS_BASIC", "BUSINESS_STANDARD", "BUSINESS_PREMIUM", "E3", "EXCHANGE_ONLINE"};
        for (int i = 1; i <= 150; i++) {
            String name = first[i % first.length] + " " + second[(i / first.length + i) % second.length] + " " + i;
            String domain = name.toLowerCase().replace(' ', '-') + ".example";
            String language = i % 3 == 0 ? "fr" : "en";
            Customer c = customerService.createCustomer(name, domain, i % 3 == 0 ? "FR" : "GB", language, null);
            // an admin contact without a sign-in account (it comes with a set-password link when needed)
            customers.insertAdminWithUserId(c, CustomerService.adminUserId(c.id(), "admin@" + domain), "Admin",
                    "Number " + i, "admin@" + domain);
            customerService.linkPartner(northwind.id(), c);
            String sku = skuCodes[random.nextInt(skuCodes.length)];
            int licenses = 5 + random.nextInt(200);
            subscriptions.insert(c.id(), sku, licenses, Subscription.Status.ACTIVE, Subscription.Origin.PURCHASE_OFFER,
                    today().minusDays(random.nextInt(300)), today().plusDays(30 + random.nextInt(300)),
                    null, null);
        }

        // Unused product keys for each subscription advisor
        for (Partner p : List.of(contoso, fabrikam)) {
            for (int i = 0; i < 5; i++) {
                Sku sku = skus.get(i % 3);
                productKeys.insert(ProductKeyCodec.generate(random), p.id(), sku.code(), 10 + 5 * i, 12);
            }
        }
    }

    private static LocalDate today() {
        return LocalDate.ofInstant(EngineClock.now(), java.time.ZoneOffset.UTC);
    }

    private void user(Partner partner, String userId, String first, String last, String language, CompanyRole role,
            SupportedAccess access) {
        String email = userId + "@" + partner.website().replace("https://", "");
        partnerService.createUser(partner,
                new PartnerUser(0, partner.id(), userId, first, last, email, language, role, access), password);
    }

    private static Partner partner(String code, String name, String address, String postal, String city,
            String country, String phone, String email, String website, String language,
            Set<ProgramAuthorization> authorizations) {
        return new Partner(0, code, null, name, address, postal, city, country, phone, email, website, language,
                authorizations);
    }
}
