package com.partnercenter.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.ReaderFormat;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.customermanagement.CustomerManagement;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.partnerofrecord.PartnerOfRecordService;
import com.partnercenter.partnerofrecord.SubscriptionChange;
import com.partnercenter.security.IdentityAdmin;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestData.CustomerWithAdmin;
import com.partnercenter.support.TestMail;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Customer management through HTTP, role by role: Full administration acts, Limited resets the passwords of
 * users who are not administrators only, no access looks and never acts; another partner's customer is 404; bad
 * input gets a field error in the page's language and changes nothing; every action is in the audit list.
 */
@IntegrationTest
class CustomerPagesHttpTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    private static final Pattern RESET_URL = Pattern.compile("https://partners\\.test/p/[A-Z0-9]+/password/[A-Za-z0-9_-]{43}");

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired CustomerRepository customers;
    @Autowired IdentityAdmin identity;
    @Autowired PartnerOfRecordService partnerOfRecord;
    @Autowired Jobs jobs;
    @Autowired JdbcClient jdbc;

    Partner partner;
    PartnerUser full;
    PartnerUser limited;
    PartnerUser none;
    CustomerWithAdmin customer;
    CustomerAdmin employee;
    Subscription active;
    Subscription trial;
    Sku sku;

    @BeforeEach
    void setUp() {
        partner = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER, ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        full = data.user(partner, CompanyRole.NONE, SupportedAccess.FULL);
        limited = data.user(partner, CompanyRole.NONE, SupportedAccess.LIMITED);
        none = data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.NONE);
        customer = data.customerOf(partner);
        String employeeId = TestData.unique("emp").toLowerCase();
        employee = customers.insertAdmin(customer.customer().id(), employeeId, "Eve", "Employee",
                employeeId + "@" + customer.customer().domain(), false);
        identity.ensureUser(employeeId, "Eve", "Employee", employee.email(), TestData.PASSWORD);
        sku = data.sku(true, 5, 300);
        LocalDate today = LocalDate.now();
        active = subscriptions.insert(customer.customer().id(), sku.code(), 40, Subscription.Status.ACTIVE,
                Subscription.Origin.PURCHASE_OFFER, today.minusMonths(1), today.plusMonths(11), partner.id(), null);
        trial = subscriptions.insert(customer.customer().id(), sku.code(), 25, Subscription.Status.TRIAL,
                Subscription.Origin.TRIAL_INVITATION, today, today.plusDays(30), partner.id(), null);
    }

    @Test
    void theListAndThePageShowOnlyThePartnersOwnCustomersWithTheirSubscriptions() {
        Partner other = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        CustomerWithAdmin foreign = data.customerOf(other);
        PartnerBrowser browser = browse(none);

        PartnerBrowser.Page list = browser.get("/partner/customers");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(customer.customer().name()).doesNotContain(foreign.customer().name())
                .doesNotContain("role=\"search\"");

        PartnerBrowser.Page page = browser.get(customerPath());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(customer.customer().name()).contains(sku.name())
                .contains("status-trial").contains(">Trial<").contains(">Active<").contains(">40<")
                .contains(ReaderFormat.of(Language.EN).day(active.endDate()))
                .contains(ReaderFormat.of(Language.EN).day(trial.startDate()))
                .doesNotContain("/licenses\"").doesNotContain("password-reset");

        assertThat(browser.get("/partner/customers/" + foreign.customer().id()).status()).isEqualTo(404);
        assertThat(browser.get("/partner/customers/999999999").status()).isEqualTo(404);
        assertThat(browse(full).post("/partner/customers/" + foreign.customer().id() + "/subscriptions/"
                + active.id() + "/licenses", Map.of("licenses", "41")).status()).isEqualTo(404);
        assertThat(browse(full).post(customerPath() + "/subscriptions/" + subscriptionOf(foreign) + "/licenses",
                Map.of("licenses", "41")).status()).isEqualTo(404);
    }

    @Test
    void aPartnerWithoutCustomerManagementGets403() {
        Partner advisor = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(advisor, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        CustomerWithAdmin own = data.customerOf(advisor);
        PartnerBrowser browser = browse(user);
        assertThat(browser.get("/partner/customers").status()).isEqualTo(403);
        assertThat(browser.get("/partner/customers/" + own.customer().id()).status()).isEqualTo(404);
    }

    @Test
    void fullAdministrationChangesTheLicenseCountAndThePartnerOfRecordIsNotifiedOnce() {
        PartnerBrowser browser = browse(full);
        PartnerBrowser.Page done = browser.post(licensesPath(active), Map.of("licenses", "55"));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.location()).endsWith(customerPath() + "?done=licenses");
        assertThat(subscriptions.findById(active.id()).orElseThrow().licenses()).isEqualTo(55);

        jobs.runAllOf(CustomerManagement.LICENSE_PROCESS);
        jobs.runAllOf(CustomerManagement.LICENSE_PROCESS);
        assertThat(partnerOfRecord.history(active.id())).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(SubscriptionChange.Kind.LICENSES_CHANGED);
            assertThat(change.oldValue()).isEqualTo("40");
            assertThat(change.newValue()).isEqualTo("55");
            assertThat(change.actor()).isEqualTo(full.userId());
            assertThat(change.notifiedAt()).isNotNull();
        });
        assertThat(Mailbox.recipients(mail)).containsOnlyOnce(partner.supportEmail());

        PartnerBrowser.Page page = browser.get(customerPath() + "?done=licenses");
        assertThat(page.body()).contains("The license count is changed").contains(">55<").contains("40 → 55")
                .as("the activity in plain words, no action code")
                .contains("License count of " + sku.name() + " changed from 40 to 55.").doesNotContain("LICENSES_CHANGED");
        assertThat(browser.get(customerPath() + "?lang=fr").body())
                .contains("Nombre de licences d’" + sku.name() + " passé de 40 à 55.");
    }

    @Test
    void badLicenseCountsGetASpecificErrorInThePageLanguageAndChangeNothing() {
        PartnerBrowser browser = browse(full);
        assertError(browser.post(licensesPath(active), Map.of("licenses", "4")), "needs at least 5 licenses");
        assertError(browser.post(licensesPath(active), Map.of("licenses", "301")), "allows at most 300 licenses");
        assertError(browser.post(licensesPath(active), Map.of("licenses", "12.5")), "whole number of licenses");
        assertError(browser.post(licensesPath(active), Map.of("licenses", "")), "Enter the new license count");
        assertError(browser.post(licensesPath(active), Map.of("licenses", "40")), "current license count");
        assertError(browser.post(licensesPath(active) + "?lang=fr", Map.of("licenses", "9999")),
                "permet au plus 300 licences");
        assertError(browser.post(licensesPath(trial), Map.of("licenses", "30")), "Only an active subscription");
        assertThat(subscriptions.findById(active.id()).orElseThrow().licenses()).isEqualTo(40);
        assertThat(subscriptions.findById(trial.id()).orElseThrow().licenses()).isEqualTo(25);
        assertThat(partnerOfRecord.history(active.id())).isEmpty();
    }

    @Test
    void limitedAndNoAccessCannotChangeLicensesNorOpenServiceRequests() {
        for (PartnerUser user : new PartnerUser[] {limited, none}) {
            PartnerBrowser browser = browse(user);
            assertThat(browser.post(licensesPath(active), Map.of("licenses", "41")).status()).isEqualTo(403);
            assertThat(browser.post(customerPath() + "/service-requests", Map.of("subject", "Help",
                    "description", "Please", "severity", "HIGH")).status()).isEqualTo(403);
        }
        assertThat(subscriptions.findById(active.id()).orElseThrow().licenses()).isEqualTo(40);
        assertThat(jdbc.sql("select count(*) from pc_service_request where customer_id = ?")
                .param(customer.customer().id()).query(Long.class).single()).isZero();
    }

    @Test
    void serviceRequestsAreOpenedListedFollowedAndMailedToTheCustomerAdmins() {
        PartnerBrowser browser = browse(full);
        assertError(browser.post(customerPath() + "/service-requests", Map.of("subject", " ", "description", "x",
                "severity", "HIGH")), "Enter a subject");
        assertError(browser.post(customerPath() + "/service-requests", Map.of("subject", "Mail down",
                "description", "x", "severity", "URGENT")), "Choose a severity");

        PartnerBrowser.Page done = browser.post(customerPath() + "/service-requests", Map.of("subject",
                "Mail <b>down</b>", "description", "Since 9:00.\nNobody receives mail.", "severity", "CRITICAL"));
        assertThat(done.status()).isEqualTo(302);
        jobs.runAllOf(CustomerManagement.SERVICE_REQUEST_PROCESS);
        assertThat(Mailbox.recipients(mail)).contains(customer.admin().email(), full.email())
                .as("a user who is no admin").doesNotContain(employee.email());
        assertThat(Mailbox.subject(Mailbox.lastTo(mail, customer.admin().email()))).contains("Mail <b>down</b>");

        PartnerBrowser.Page page = browser.get(customerPath());
        assertThat(page.body()).contains("Mail &lt;b&gt;down&lt;/b&gt;").doesNotContain("Mail <b>down</b>")
                .contains("Critical").contains("opened (Critical): Mail &lt;b&gt;down&lt;/b&gt;")
                .doesNotContain("SERVICE_REQUEST_OPENED");
        long id = jdbc.sql("select id from pc_service_request where customer_id = ?").param(customer.customer().id())
                .query(Long.class).single();
        assertThat(browser.post(customerPath() + "/service-requests/" + id + "/status", Map.of("status", "RESOLVED"))
                .status()).isEqualTo(302);
        assertThat(browser.get(customerPath()).body()).contains(": Open → Resolved.").doesNotContain("SERVICE_REQUEST_STATUS");
        assertThat(browse(limited).post(customerPath() + "/service-requests/" + id + "/status",
                Map.of("status", "CLOSED")).status()).isEqualTo(403);
    }

    @Test
    void aStatusChangeIsMailedOnceToEachAdminInTheirLanguageAndTheSameStatusAgainIsNot() {
        CustomerAdmin second = customers.insertAdmin(customer.customer().id(), TestData.unique("adm").toLowerCase(),
                "Sam", "Second", "sam@" + customer.customer().domain(), true);
        jdbc.sql("update pc_customer set language = 'fr' where id = ?").param(customer.customer().id()).update();
        PartnerBrowser browser = browse(full);
        assertThat(browser.post(customerPath() + "/service-requests", Map.of("subject", "Mail down",
                "description", "Nobody receives mail.", "severity", "HIGH")).status()).isEqualTo(302);
        jobs.runAllOf(CustomerManagement.SERVICE_REQUEST_PROCESS);
        long id = jdbc.sql("select id from pc_service_request where customer_id = ?").param(customer.customer().id())
                .query(Long.class).single();
        String statusPath = customerPath() + "/service-requests/" + id + "/status";

        PartnerBrowser.Page done = browser.post(statusPath, Map.of("status", "IN_PROGRESS"));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.location()).endsWith(customerPath() + "?done=serviceRequestStatus");
        assertThat(jobs.runAllOf(CustomerManagement.SERVICE_REQUEST_STATUS_PROCESS)).isEqualTo(1);
        assertThat(jobs.runAllOf(CustomerManagement.SERVICE_REQUEST_STATUS_PROCESS)).isZero();
        assertThat(Mailbox.recipients(mail)).as("the opening's mail and the status change's, to each")
                .containsExactlyInAnyOrder(customer.admin().email(), second.email(), full.email(),
                        customer.admin().email(), second.email(), full.email());
        for (CustomerAdmin admin : new CustomerAdmin[] {customer.admin(), second}) {
            var message = Mailbox.lastTo(mail, admin.email());
            assertThat(Mailbox.subject(message)).isEqualTo("Demande de service n° " + id + " : Mail down");
            assertThat(Mailbox.text(message)).contains("Statut : ouverte → en cours");
        }
        assertThat(Mailbox.text(Mailbox.lastTo(mail, full.email()))).as("the partner user's language")
                .contains("Status: open → in progress");

        int changed = mail.getReceivedMessages().length;
        assertThat(browser.post(statusPath, Map.of("status", "IN_PROGRESS")).status()).isEqualTo(302);
        assertThat(jobs.runAllOf(CustomerManagement.SERVICE_REQUEST_STATUS_PROCESS)).isZero();
        assertThat(mail.getReceivedMessages()).hasSize(changed);

        assertThat(browser.post(statusPath, Map.of("status", "CLOSED")).status()).isEqualTo(302);
        assertThat(jobs.runAllOf(CustomerManagement.SERVICE_REQUEST_STATUS_PROCESS)).isEqualTo(1);
        assertThat(mail.getReceivedMessages()).hasSize(changed + 3);
        assertThat(Mailbox.text(Mailbox.lastTo(mail, second.email()))).contains("Statut : en cours → close");

        String opening = jdbc.sql("select business_key from pc_audit where customer_id = ? and action = ?")
                .params(customer.customer().id(), "SERVICE_REQUEST_OPENED").query(String.class).single();
        assertThat(jdbc.sql("select business_key from pc_audit where customer_id = ? and action = ? order by id")
                .params(customer.customer().id(), "SERVICE_REQUEST_STATUS").query(String.class).list())
                .as("searchable with the opening's key").containsExactly(opening + "-S1", opening + "-S2");
    }

    @Test
    void limitedResetsOnlyUsersWhoAreNotAdministratorsFullResetsEveryone() {
        String adminReset = customerPath() + "/users/" + customer.admin().id() + "/password-reset";
        String employeeReset = customerPath() + "/users/" + employee.id() + "/password-reset";
        assertThat(browse(none).post(employeeReset, Map.of()).status()).isEqualTo(403);
        assertThat(browse(limited).post(adminReset, Map.of()).status()).isEqualTo(403);

        PartnerBrowser.Page byLimited = browse(limited).post(employeeReset, Map.of());
        assertThat(byLimited.status()).isEqualTo(302);
        jobs.runAllOf(CustomerManagement.PASSWORD_RESET_PROCESS);
        String body = Mailbox.body(Mailbox.lastTo(mail, employee.email()));
        Matcher link = RESET_URL.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        assertThat(PartnerBrowser.signInAttempt(port, "default", employee.userId(), TestData.PASSWORD))
                .as("the old password stops working").isEqualTo(401);

        assertThat(browse(full).post(adminReset, Map.of()).status()).isEqualTo(302);
        jobs.runAllOf(CustomerManagement.PASSWORD_RESET_PROCESS);
        assertThat(Mailbox.recipients(mail)).contains(customer.admin().email());
        assertThat(browse(full).get(customerPath()).body()).doesNotContain("PASSWORD_RESET")
                .contains("A link to choose a new password was mailed to Eve Employee.");
    }

    // ---------------------------------------------------------------------------------------------

    private void assertError(PartnerBrowser.Page page, String message) {
        assertThat(page.status()).as(page.body()).isEqualTo(400);
        assertThat(page.body()).contains("field-error").contains(message);
    }

    private PartnerBrowser browse(PartnerUser user) {
        return PartnerBrowser.signIn(port, "default", user.userId(), TestData.PASSWORD);
    }

    private String customerPath() {
        return "/partner/customers/" + customer.customer().id();
    }

    private String licensesPath(Subscription subscription) {
        return customerPath() + "/subscriptions/" + subscription.id() + "/licenses";
    }

    private long subscriptionOf(CustomerWithAdmin other) {
        return subscriptions.insert(other.customer().id(), sku.code(), 10, Subscription.Status.ACTIVE,
                Subscription.Origin.PURCHASE_OFFER, LocalDate.now(), LocalDate.now().plusYears(1), null, null).id();
    }
}
