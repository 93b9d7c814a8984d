package com.partnercenter.productkey;

import static com.partnercenter.support.Mailbox.body;
import static com.partnercenter.support.Mailbox.subject;
import static com.partnercenter.support.Mailbox.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.customer.CustomerService;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.partnerofrecord.PartnerOfRecordService;
import com.partnercenter.partnerofrecord.SubscriptionChange;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.RefusalPath;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.ProvisioningDriver;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestData.CustomerWithAdmin;
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every path of processes/product-key-setup.bpmn. */
@IntegrationTest
class ProductKeySetupProcessTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired IdentityService identity;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired ProvisioningDriver provisioning;
    @Autowired ProductKeyRepository keys;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired CustomerRepository customers;
    @Autowired CustomerService customerService;
    @Autowired PartnerOfRecordService por;
    @Autowired JdbcClient jdbc;

    private Partner partner;
    private PartnerUser user;
    private Sku sku;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN);
        user = data.user(partner, SupportedAccess.FULL);
        sku = data.sku(false, 1, 300);
    }

    @AfterEach
    void reset() {
        identity.clearAuthentication();
    }

    @Test
    void newCustomerGetsOneSubscriptionPerKeyAndThePartnerBecomesPartnerOfRecord() throws Exception {
        String first = data.productKey(partner, sku, 25, 24);
        String second = data.productKey(partner, sku, 10, 12);
        String domain = TestData.unique("new") + ".example";
        // lower case, spaces instead of dashes, a blank line: all accepted
        ProcessInstance pi = start(user, partner, ProductKeyCodec.format(first).toLowerCase() + "\n\n"
                + ProductKeyCodec.format(second).replace('-', ' '), newCustomer(domain), "NONE");
        assertThat(pi).isWaitingAt("Task_CreateCustomer");
        assertThat(keys.find(first).orElseThrow().state()).isEqualTo(ProductKey.State.RESERVED);

        drive(pi);

        assertThat(pi).isEnded().hasPassed("Task_EmailWelcome", "Task_Confirm", "End_SetUp");
        Customer customer = customers.findByDomain(domain).orElseThrow();
        List<Subscription> created = subscriptions.findByCustomer(customer.id());
        assertThat(created).hasSize(2).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(Subscription.Status.ACTIVE);
            assertThat(s.origin()).isEqualTo(Subscription.Origin.PRODUCT_KEY);
            assertThat(s.skuCode()).isEqualTo(sku.code());
            assertThat(s.partnerOfRecordId()).isEqualTo(partner.id());
        });
        ProductKey redeemed = keys.find(first).orElseThrow();
        assertThat(redeemed.state()).isEqualTo(ProductKey.State.USED);
        assertThat(redeemed.redeemedCustomerId()).isEqualTo(customer.id());
        Subscription fromFirst = subscriptions.findById(redeemed.redeemedSubscriptionId()).orElseThrow();
        assertThat(fromFirst.licenses()).isEqualTo(25);
        assertThat(fromFirst.endDate()).as("the key's term, 24 months").isEqualTo(fromFirst.startDate().plusMonths(24));
        assertThat(por.history(fromFirst.id())).extracting(SubscriptionChange::kind)
                .containsExactly(SubscriptionChange.Kind.POR_CHANGED);
        assertThat(customers.isPartnerOf(partner.id(), customer.id())).isTrue();

        assertThat(recipients()).contains("ada@" + domain, user.email(), partner.supportEmail());
        assertThat(Arrays.stream(mail.getReceivedMessages()).filter(m -> to(m).equals("ada@" + domain))
                .map(Mailbox::subject))
                .anyMatch(s -> s.startsWith("Welcome"))
                .anyMatch(s -> s.equals("Your subscriptions for New Org <b> are active"));
        MimeMessage confirmation = lastTo(user.email());
        assertThat(confirmation.getSubject()).contains("Product keys set up for");
        assertThat(body(confirmation)).contains(ProductKeyCodec.format(first), ProductKeyCodec.format(second),
                "is the partner of record");
        assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void existingCustomerWithDelegatedAdministrationCallsTheOffer() {
        CustomerWithAdmin existing = data.customerOf(partner);
        String key = data.productKey(partner, sku, 5, 12);
        Map<String, Object> customer = Map.of("customerType", "EXISTING", "customerDomain", existing.customer().domain());
        ProcessInstance pi = start(user, partner, key, customer, "LIMITED");
        drive(pi);

        assertThat(pi).isEnded().hasPassed("Task_Confirm", "Call_DelegatedAdmin", "End_SetUpWithDelegatedAdmin");
        assertThat(pi).hasNotPassed("Task_CreateCustomer");
        ProcessInstance called = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey(pi) + "-DA").singleResult();
        assertThat(called).hasPassed("Task_RecordRequest").isWaitingAt("Task_AskCustomer");
        jobs.runAll(called.getId());
        assertThat(called).isWaitingAt("Task_Review");
        assertThat(called.getTenantId()).isEqualTo(partner.tenantId());
        assertThat(runtime.getVariable(called.getId(), "adminRole")).isEqualTo("LIMITED");
        assertThat(subscriptions.findByCustomer(existing.customer().id())).hasSize(1);
        assertThat(recipients()).contains(existing.admin().email(), user.email());
        assertThat(Arrays.stream(mail.getReceivedMessages()).filter(m -> to(m).equals(existing.admin().email()))
                .map(Mailbox::subject)).anyMatch(s -> s.contains("sont actifs") || s.contains("are active"));
    }

    @Test
    void everyInvalidKeyIsNamedWithItsReasonAndNothingIsReserved() {
        CustomerWithAdmin existing = data.customerOf(partner);
        String good = data.productKey(partner, sku, 5, 12);
        String used = data.productKey(partner, sku, 5, 12);
        keys.reserve(used, partner.id(), "another-setup", java.time.Instant.now());
        Partner other = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        String othersKey = data.productKey(other, sku, 5, 12);
        String unknown = ProductKeyCodec.generate();
        String typo = typo(data.productKey(partner, sku, 5, 12));
        String text = String.join("\n", good, "HELLO-WORLD", typo, othersKey, unknown, used, good);

        Map<String, Object> existingCustomer = Map.of("customerType", "EXISTING", "customerDomain",
                existing.customer().domain());

        // a partner user is told at once, in Tasklist, and nothing is stored
        assertSixReasons(refused(user, partner, text, existingCustomer, "NONE"), good, typo, othersKey, unknown, used);
        assertThat(keys.find(good).orElseThrow().state()).isEqualTo(ProductKey.State.UNUSED);

        // the flow's own check step says the same when the application starts it
        ProcessInstance pi = startAsApplication(user, partner, text, existingCustomer, "NONE");
        assertThat(pi).hasPassed("Boundary_InvalidRequest");
        RefusalPath.tellingThePartner(pi);
        assertSixReasons((String) runtime.getVariable(pi.getId(), "refusalReason"), good, typo, othersKey, unknown,
                used);

        assertThat(keys.find(good).orElseThrow().state()).isEqualTo(ProductKey.State.UNUSED);
        jobs.runAll(pi.getId());
        assertThat(pi).isEnded().hasPassed("End_Refused");
        assertThat(body(lastTo(user.email()))).contains("is entered twice");
        assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    private void assertSixReasons(String reason, String good, String typo, String othersKey, String unknown,
            String used) {
        assertThat(reason).contains("'HELLO-WORLD' is not a product key")
                .contains("Product key " + ProductKeyCodec.format(typo) + " contains a typing error")
                .contains("Product key " + ProductKeyCodec.format(othersKey) + " is not in " + partner.name())
                .contains("Product key " + ProductKeyCodec.format(unknown) + " is not in " + partner.name())
                .contains("Product key " + ProductKeyCodec.format(used) + " has already been used")
                .contains("Product key " + ProductKeyCodec.format(good) + " is entered twice");
        assertThat(reason.lines()).hasSize(6);
    }

    @Test
    void aFrenchPartnerUserIsToldInFrench() {
        PartnerUser french = data.user(partner, SupportedAccess.FULL);
        jdbc.sql("update pc_partner_user set language = 'fr' where id = ?").param(french.id()).update();
        String key = data.productKey(partner, sku, 5, 12);
        keys.reserve(key, partner.id(), "another-setup", java.time.Instant.now());
        assertThat(refused(french, partner, key, newCustomer(TestData.unique("fr") + ".example"), "NONE"))
                .isEqualTo("La clé de produit " + ProductKeyCodec.format(key) + " a déjà été utilisée.");
    }

    @Test
    void badCustomerAndDelegatedAdministrationWithoutAuthorizationAreRefused() {
        Partner advisorOnly = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser advisor = data.user(advisorOnly, SupportedAccess.LIMITED);
        String key = data.productKey(advisorOnly, sku, 5, 12);
        CustomerWithAdmin stranger = data.customerOf(partner);

        String reason = refused(advisor, advisorOnly, key,
                Map.of("customerType", "EXISTING", "customerDomain", stranger.customer().domain()), "FULL");
        assertThat(reason).contains("is not one of " + advisorOnly.name() + "'s customers")
                .contains("does not hold the program authorization Delegated administration");

        Map<String, Object> bad = new HashMap<>(newCustomer("not a domain"));
        bad.put("customerCountry", "XX");
        bad.put("adminEmail", "nobody");
        assertThat(refused(advisor, advisorOnly, key, bad, "NONE"))
                .contains("Enter a valid domain name, such as contoso.com.")
                .contains("Choose a country or region from the list.")
                .contains("Enter a valid e-mail address, such as name@contoso.com.");
        assertThat(keys.find(key).orElseThrow().state()).isEqualTo(ProductKey.State.UNUSED);
    }

    @Test
    void aPartnerWithoutSubscriptionAdvisorIsRefusedBeforeAnyCheck() {
        Partner noAdvisor = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser someone = data.user(noAdvisor, SupportedAccess.FULL);
        assertThat(refused(someone, noAdvisor, "whatever", newCustomer("x.example"), "NONE"))
                .contains("Subscription advisor");
        ProcessInstance pi = startAsApplication(someone, noAdvisor, "whatever", newCustomer("x.example"), "NONE");
        assertThat(pi).hasNotPassed("Task_CheckRequest");
        RefusalPath.tellingThePartner(pi);
        assertThat((String) runtime.getVariable(pi.getId(), "refusalReason")).contains("Subscription advisor");
    }

    @Test
    void aKeyUsedBySetupIsRefusedToTheNextOne() {
        CustomerWithAdmin existing = data.customerOf(partner);
        String key = data.productKey(partner, sku, 5, 12);
        Map<String, Object> customer = Map.of("customerType", "EXISTING", "customerDomain", existing.customer().domain());
        ProcessInstance first = start(user, partner, key, customer, "NONE");
        assertThat(first).isWaitingAt("Task_CreateSubscription");
        assertThat(refused(user, partner, key, customer, "NONE"))
                .isEqualTo("Product key " + ProductKeyCodec.format(key) + " has already been used.");
        ProcessInstance second = startAsApplication(user, partner, key, customer, "NONE");
        assertThat((String) runtime.getVariable(second.getId(), "refusalReason"))
                .isEqualTo("Product key " + ProductKeyCodec.format(key) + " has already been used.");
        drive(first);
        assertThat(first).isEnded();
        assertThat(keys.find(key).orElseThrow().state()).isEqualTo(ProductKey.State.USED);
    }

    /**
     * The race that {@code ProductKeyRacePostgresTest} provokes, made certain: a key another setup took after this
     * setup's check passed. The second setup checked and reserved its own key; an operator's modification sends
     * it back to "Reserve the keys" with the first setup's key in its codes, as if that key had been taken between
     * the check and the reservation. The reservation refuses ("Key already used"), gives back what it held itself and
     * tells the partner; the first setup keeps its key.
     */
    @Test
    void aKeyTakenBetweenTheCheckAndTheReservationRefusesTheSetupAndGivesBackItsKeys() {
        CustomerWithAdmin existing = data.customerOf(partner);
        String taken = data.productKey(partner, sku, 5, 12);
        String own = data.productKey(partner, sku, 5, 12);
        Map<String, Object> customer = Map.of("customerType", "EXISTING", "customerDomain", existing.customer().domain());
        ProcessInstance first = start(user, partner, taken, customer, "NONE");
        ProcessInstance second = start(user, partner, own, customer, "NONE");
        assertThat(second).isWaitingAt("Task_CreateSubscription");
        assertThat(keys.find(own).orElseThrow().state()).isEqualTo(ProductKey.State.RESERVED);

        runtime.setVariable(second.getId(), "productKeyCodes", String.join(",", taken, own));
        runtime.createProcessInstanceModification(second.getId())
                .startBeforeActivity("Task_ReserveKeys")
                .cancelAllForActivity("Task_CreateSubscription")
                .execute();

        assertThat(second).hasPassed("Boundary_KeyTaken", "Gateway_Refused").hasNotPassed("Task_ReleaseKeys");
        RefusalPath.tellingThePartner(second);
        assertThat((String) runtime.getVariable(second.getId(), "refusalReason"))
                .isEqualTo("Product key " + ProductKeyCodec.format(taken) + " has already been used.");
        assertThat(keys.find(own).orElseThrow().state()).isEqualTo(ProductKey.State.UNUSED);
        ProductKey firstKey = keys.find(taken).orElseThrow();
        assertThat(firstKey.state()).isEqualTo(ProductKey.State.RESERVED);
        assertThat(firstKey.reservedBy()).isEqualTo(first.getId());
        jobs.runAll(second.getId());
        assertThat(second).isEnded();
        drive(first);
        assertThat(first).isEnded();
        assertThat(keys.find(taken).orElseThrow().state()).isEqualTo(ProductKey.State.USED);
    }

    @Test
    void whenThePartnerIsNoLongerEligibleTheHistorySaysWhyItIsNotPartnerOfRecord() throws Exception {
        CustomerWithAdmin existing = data.customerOf(partner);
        String key = data.productKey(partner, sku, 5, 12);
        ProcessInstance pi = start(user, partner, key,
                Map.of("customerType", "EXISTING", "customerDomain", existing.customer().domain()), "NONE");
        jdbc.sql("update pc_partner set subscription_advisor = false where id = ?").param(partner.id()).update();
        drive(pi);

        assertThat(pi).isEnded();
        Subscription s = subscriptions.findByCustomer(existing.customer().id()).get(0);
        assertThat(s.partnerOfRecordId()).isNull();
        List<SubscriptionChange> history = por.history(s.id());
        assertThat(history).extracting(SubscriptionChange::kind).containsExactly(SubscriptionChange.Kind.POR_NOT_REGISTERED);
        assertThat(history.get(0).details()).contains("does not hold the program authorization Subscription advisor");
        assertThat(recipients()).doesNotContain(partner.supportEmail());
        assertThat(body(lastTo(user.email()))).contains("is not the partner of record");
    }

    @Test
    void aTakenDomainReleasesTheKeysAndTellsThePartner() {
        String key = data.productKey(partner, sku, 5, 12);
        String domain = TestData.unique("race") + ".example";
        ProcessInstance pi = start(user, partner, key, newCustomer(domain), "NONE");
        assertThat(keys.find(key).orElseThrow().state()).isEqualTo(ProductKey.State.RESERVED);
        customerService.createCustomer("Quicker Inc", domain, "FR", "fr", null);

        provisioning.runFor(businessKey(pi));

        assertThat(pi).hasPassed("Boundary_DomainTaken", "Task_ReleaseKeys");
        RefusalPath.tellingThePartner(pi);
        assertThat((String) runtime.getVariable(pi.getId(), "refusalReason")).contains("already registered");
        assertThat(keys.find(key).orElseThrow().state()).isEqualTo(ProductKey.State.UNUSED);
        jobs.runAll(pi.getId());
        assertThat(pi).isEnded();
    }

    @Test
    void cancellingASetupGivesItsKeysBack() {
        String key = data.productKey(partner, sku, 5, 12);
        ProcessInstance pi = start(user, partner, key, newCustomer(TestData.unique("gone") + ".example"), "NONE");
        assertThat(keys.find(key).orElseThrow().state()).isEqualTo(ProductKey.State.RESERVED);
        runtime.deleteProcessInstance(pi.getId(), "operator cancelled");
        assertThat(keys.find(key).orElseThrow().state()).isEqualTo(ProductKey.State.UNUSED);
    }

    // ---- helpers

    static Map<String, Object> newCustomer(String domain) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("customerType", "NEW");
        vars.put("customerDomain", domain);
        vars.put("customerName", "New Org <b>");
        vars.put("customerCountry", "fr");
        vars.put("customerLanguage", "en");
        vars.put("adminFirstName", "Ada");
        vars.put("adminLastName", "Admin");
        vars.put("adminEmail", "ada@" + domain);
        return vars;
    }

    private ProcessInstance start(PartnerUser u, Partner p, String keysText, Map<String, Object> customer,
            String delegatedAdmin) {
        Map<String, Object> vars = new HashMap<>(customer);
        vars.put("productKeys", keysText);
        vars.put("delegatedAdmin", delegatedAdmin);
        return signedIn.start(u, p, "productKeySetup", vars);
    }

    private String refused(PartnerUser u, Partner p, String keysText, Map<String, Object> customer,
            String delegatedAdmin) {
        return signedIn.refusedStart(u, p, "productKeySetup", values(keysText, customer, delegatedAdmin));
    }

    private ProcessInstance startAsApplication(PartnerUser u, Partner p, String keysText, Map<String, Object> customer,
            String delegatedAdmin) {
        return signedIn.startAsApplication(u, p, "productKeySetup", values(keysText, customer, delegatedAdmin));
    }

    private static Map<String, Object> values(String keysText, Map<String, Object> customer, String delegatedAdmin) {
        Map<String, Object> vars = new HashMap<>(customer);
        vars.put("productKeys", keysText);
        vars.put("delegatedAdmin", delegatedAdmin);
        return vars;
    }

    /** Runs provisioning tasks and jobs until the instance waits for nothing of them. */
    private void drive(ProcessInstance pi) {
        String businessKey = businessKey(pi);
        for (int round = 0; round < 40; round++) {
            int done = provisioning.runFor(businessKey) + jobs.runAll(pi.getId());
            if (done == 0) {
                return;
            }
        }
        throw new IllegalStateException("the setup keeps running");
    }

    private String businessKey(ProcessInstance pi) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi.getId())
                .singleResult().getBusinessKey();
    }

    /** The key with one character changed. */
    static String typo(String key) {
        char c = key.charAt(7);
        char other = ProductKeyCodec.ALPHABET.charAt((ProductKeyCodec.ALPHABET.indexOf(c) + 1) % ProductKeyCodec.ALPHABET.length());
        return key.substring(0, 7) + other + key.substring(8);
    }

    static String body(MimeMessage m) {
        return GreenMailUtil.getBody(m).replaceAll("=\\r?\\n", "");
    }

    static String to(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static LocalDate today() {
        return LocalDate.now(java.time.ZoneOffset.UTC);
    }

    private List<String> recipients() {
        return Mailbox.recipients(mail);
    }

    private MimeMessage lastTo(String address) {
        return Mailbox.lastTo(mail, address);
    }
}
