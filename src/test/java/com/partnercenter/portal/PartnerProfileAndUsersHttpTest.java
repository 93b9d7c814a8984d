package com.partnercenter.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.customer.CustomerService;
import com.partnercenter.delegation.AdminRole;
import com.partnercenter.delegation.RelationshipRepository;
import com.partnercenter.delegation.RoleAssignmentService;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.security.Groups;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestMail;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Company profile (everyone reads, the global admin edits) and partner users (global admins and user-management
 * admins change them through the "Partner user access" process; only a global admin touches the global-admin role;
 * the last global admin stays), through HTTP.
 */
@IntegrationTest
class PartnerProfileAndUsersHttpTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired PartnerRepository partners;
    @Autowired IdentityService identity;
    @Autowired HistoryService history;
    @Autowired RelationshipRepository relationships;
    @Autowired RoleAssignmentService roles;
    @Autowired Jobs jobs;
    @Autowired CustomerService customerService;
    @Autowired com.partnercenter.customer.CustomerRepository customerRepository;

    Partner partner;
    PartnerUser admin;
    PartnerUser userManager;
    PartnerUser plain;

    @BeforeEach
    void setUp() {
        partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        admin = data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        userManager = data.user(partner, CompanyRole.USER_MANAGEMENT_ADMIN, SupportedAccess.NONE);
        plain = data.user(partner, CompanyRole.BILLING_ADMIN, SupportedAccess.LIMITED);
    }

    @Test
    void everyoneReadsTheProfileOnlyTheGlobalAdminChangesIt() {
        PartnerBrowser byPlain = browse(plain);
        PartnerBrowser.Page page = byPlain.get("/partner/profile");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(partner.phone()).contains(partner.supportEmail())
                .doesNotContain("name=\"phone\"");
        assertThat(byPlain.post("/partner/profile", profile(Map.of())).status()).isEqualTo(403);
        assertThat(browse(userManager).post("/partner/profile", profile(Map.of())).status()).isEqualTo(403);
        assertThat(partners.findById(partner.id()).orElseThrow().name()).isEqualTo(partner.name());

        PartnerBrowser byAdmin = browse(admin);
        assertThat(byAdmin.get("/partner/profile").body()).contains("name=\"phone\"");
        PartnerBrowser.Page saved = byAdmin.post("/partner/profile",
                profile(Map.of("name", "Contoso <script>alert(1)</script>", "phone", "+33 (0)1 23-45.67.89")));
        assertThat(saved.status()).isEqualTo(302);
        Partner changed = partners.findById(partner.id()).orElseThrow();
        assertThat(changed.phone()).isEqualTo("+33 (0)1 23-45.67.89");
        assertThat(byAdmin.get("/partner/profile").body()).contains("Contoso &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)");
        assertThat(byPlain.get("/partner").body()).contains("class=\"company\" href=\"/partner/profile\"");
    }

    @Test
    void badProfileFieldsGetSpecificErrorsInEnglishAndFrenchAndChangeNothing() {
        PartnerBrowser byAdmin = browse(admin);
        PartnerBrowser.Page bad = byAdmin.post("/partner/profile", profile(Map.of("phone", "call me",
                "supportEmail", "not-an-address", "website", "javascript:alert(1)", "postalCode", "x".repeat(21),
                "country", "XX", "name", "")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Enter a phone number with digits").contains("Enter a valid e-mail address")
                .contains("Enter a web address starting with https://").contains("at most 20 characters")
                .contains("two-letter country code").contains("Enter the company name");
        PartnerBrowser.Page french = byAdmin.post("/partner/profile?lang=fr", profile(Map.of("phone", "call me")));
        assertThat(french.status()).isEqualTo(400);
        assertThat(french.body()).contains("Saisissez un numéro avec des chiffres");
        assertThat(partners.findById(partner.id()).orElseThrow()).isEqualTo(partner);
    }

    @Test
    void onlyGlobalAndUserManagementAdminsChangeUsers() {
        PartnerBrowser byPlain = browse(plain);
        assertThat(byPlain.get("/partner/users").body()).contains(admin.displayName())
                .doesNotContain("/partner/users/new");
        assertThat(byPlain.get("/partner/users/new").status()).isEqualTo(403);
        assertThat(byPlain.get("/partner/users/" + plain.id()).status()).isEqualTo(403);
        assertThat(byPlain.post("/partner/users/" + plain.id(), user(plain, "GLOBAL_ADMIN", "FULL")).status())
                .isEqualTo(403);
        assertThat(partners.findUserById(plain.id()).orElseThrow().companyRole()).isEqualTo(CompanyRole.BILLING_ADMIN);

        Partner other = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser stranger = data.user(other, CompanyRole.NONE, SupportedAccess.NONE);
        assertThat(browse(admin).get("/partner/users/" + stranger.id()).status()).isEqualTo(404);
        assertThat(browse(admin).post("/partner/users/" + stranger.id(), user(stranger, "GLOBAL_ADMIN", "FULL"))
                .status()).isEqualTo(403);
        assertThat(partners.findUserById(stranger.id()).orElseThrow().companyRole()).isEqualTo(CompanyRole.NONE);
    }

    @Test
    void aUserManagementAdminChangesAccessButNeverTheGlobalAdminRole() {
        PartnerBrowser byManager = browse(userManager);
        PartnerBrowser.Page promote = byManager.post("/partner/users/" + plain.id(), user(plain, "GLOBAL_ADMIN", "FULL"));
        assertThat(promote.status()).isEqualTo(400);
        assertThat(promote.body()).contains("Only a global admin can give or take the global admin role");
        assertThat(byManager.post("/partner/users/" + admin.id(), user(admin, "NONE", "FULL")).status()).isEqualTo(400);

        PartnerBrowser.Page changed = byManager.post("/partner/users/" + plain.id(), user(plain, "PASSWORD_ADMIN", "FULL"));
        assertThat(changed.status()).isEqualTo(302);
        PartnerUser after = partners.findUserById(plain.id()).orElseThrow();
        assertThat(after.companyRole()).isEqualTo(CompanyRole.PASSWORD_ADMIN);
        assertThat(after.supportedAccess()).isEqualTo(SupportedAccess.FULL);
        assertThat(identity.createUserQuery().userId(plain.userId())
                .memberOfGroup(Groups.partnerRoleGroup(partner.advisorCode(), "PASSWORD_ADMIN")).count()).isOne();
        assertThat(identity.createUserQuery().userId(plain.userId())
                .memberOfGroup(Groups.partnerRoleGroup(partner.advisorCode(), "BILLING_ADMIN")).count()).isZero();
        jobs.runAllOf(PartnerUserAccess.PROCESS);
        assertThat(Mailbox.subject(Mailbox.lastTo(mail, plain.email()))).contains("Your access at " + partner.name());
        var instance = history.createHistoricProcessInstanceQuery().processDefinitionKey(PartnerUserAccess.PROCESS)
                .variableValueEquals("userId", plain.userId()).singleResult();
        assertThat(instance.getTenantId()).isEqualTo(partner.tenantId());
        assertThat(instance.getBusinessKey()).startsWith("USERACCESS-" + partner.advisorCode() + "-");
        assertThat(instance.getEndActivityId()).isEqualTo("End_AccessChanged");
    }

    @Test
    void aChangeOfSupportedAccessMovesTheUsersGrantsOnActiveRelationships() {
        var customer = data.customerOf(partner);
        long relationship = relationships.insertPending(partner.id(), customer.customer().id(), AdminRole.FULL, false,
                30, null);
        relationships.activate(relationship, EngineClock.now(), EngineClock.now().plus(Duration.ofDays(30)));
        roles.assign(relationships.findById(relationship).orElseThrow());
        assertThat(relationships.roleOn(plain.id(), customer.customer().id()))
                .contains(AdminRole.GrantedRole.PASSWORD_ADMIN);

        assertThat(browse(admin).post("/partner/users/" + plain.id(), user(plain, "BILLING_ADMIN", "FULL")).status())
                .isEqualTo(302);
        assertThat(relationships.roleOn(plain.id(), customer.customer().id()))
                .contains(AdminRole.GrantedRole.GLOBAL_ADMIN);
        assertThat(browse(admin).post("/partner/users/" + plain.id(), user(plain, "BILLING_ADMIN", "NONE")).status())
                .isEqualTo(302);
        assertThat(relationships.roleOn(plain.id(), customer.customer().id())).isEmpty();
    }

    @Test
    void aNewUserGetsAnAccountAndASetPasswordLink() {
        String userId = TestData.unique("new").toLowerCase();
        Map<String, String> form = new HashMap<>(Map.of("userId", userId, "firstName", "Nina", "lastName", "New",
                "email", userId + "@partner.example", "language", "fr", "companyRole", "NONE",
                "supportedAccess", "LIMITED"));
        PartnerBrowser byAdmin = browse(admin);
        form.put("userId", "Bad Id!");
        PartnerBrowser.Page bad = byAdmin.post("/partner/users", form);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("lower-case letters and digits");
        form.put("userId", admin.userId());
        assertThat(byAdmin.post("/partner/users", form).body()).contains("This sign-in id is taken");
        // a customer user without a sign-in account yet holds its id all the same
        String reserved = TestData.unique("cust").toLowerCase();
        customerRepository.insertAdmin(data.customerOf(partner).customer().id(), reserved, "Cora", "Contact",
                reserved + "@customer.example", false);
        form.put("userId", reserved);
        PartnerBrowser.Page taken = byAdmin.post("/partner/users", form);
        assertThat(taken.body()).contains("This sign-in id is taken");
        assertThat(partners.findUserByUserId(reserved)).isEmpty();

        form.put("userId", userId);
        assertThat(byAdmin.post("/partner/users", form).status()).isEqualTo(302);
        PartnerUser created = partners.findUserByUserId(userId).orElseThrow();
        assertThat(created.partnerId()).isEqualTo(partner.id());
        assertThat(created.supportedAccess()).isEqualTo(SupportedAccess.LIMITED);
        assertThat(identity.createUserQuery().userId(userId).memberOfGroup(partner.groupId()).count()).isOne();
        assertThat(identity.createUserQuery().userId(userId).memberOfGroup(Groups.PARTNERS).count()).isOne();
        jobs.runAllOf(PartnerUserAccess.PROCESS);
        var welcome = Mailbox.lastTo(mail, userId + "@partner.example");
        assertThat(Mailbox.subject(welcome)).contains("Votre compte Partner Center");
        assertThat(Mailbox.body(welcome)).containsPattern("https://partners\\.test/p/[A-Z0-9]+/password/");
    }

    @Test
    void aPartnerUserWhoseIdIsThatOfACustomersFutureAdminNeverBecomesThatAdmin() {
        // customer admins' sign-in ids are derived (local part + "c" + customer id): a user-management admin
        // could create a partner account with the id before the customer's admin is added
        Customer customer = customerService.createCustomer("Victim " + TestData.unique("v"),
                TestData.unique("v").toLowerCase() + ".example", "FR", "fr", null);
        String email = "boss@" + customer.domain();
        String squatted = CustomerService.adminUserId(customer.id(), email);
        Map<String, String> form = new HashMap<>(Map.of("userId", squatted, "firstName", "Mallory", "lastName",
                "Partner", "email", "mallory@partner.example", "language", "en", "companyRole", "NONE",
                "supportedAccess", "NONE"));
        assertThat(browse(userManager).post("/partner/users", form).status()).isEqualTo(302);
        assertThat(identity.createUserQuery().userId(squatted).count()).isOne();

        CustomerAdmin boss = customerService.addAdmin(customer, "Bea", "Boss", email, null);

        assertThat(boss.userId()).isNotEqualTo(squatted);
        assertThat(identity.createUserQuery().userId(boss.userId()).memberOfGroup(customer.groupId()).count())
                .isOne();
        assertThat(identity.createUserQuery().userId(squatted).memberOfGroup(customer.groupId()).count())
                .as("the partner's account is no admin of the customer").isZero();
        assertThat(identity.createUserQuery().userId(squatted).singleResult().getEmail())
                .isEqualTo("mallory@partner.example");
        assertThat(customerService.addAdmin(customer, "Bea", "Boss", email, null).userId())
                .as("adding the same admin again changes nothing").isEqualTo(boss.userId());
    }

    @Test
    void theLastGlobalAdminCannotBeRemoved() {
        PartnerBrowser byAdmin = browse(admin);
        PartnerBrowser.Page refused = byAdmin.post("/partner/users/" + admin.id(), user(admin, "NONE", "FULL"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("last global admin of your company");
        assertThat(byAdmin.post("/partner/users/" + admin.id() + "?lang=fr", user(admin, "BILLING_ADMIN", "FULL"))
                .body()).contains("dernier administrateur général");
        assertThat(partners.findUserById(admin.id()).orElseThrow().companyRole()).isEqualTo(CompanyRole.GLOBAL_ADMIN);

        // with a second global admin, the first may step down
        assertThat(byAdmin.post("/partner/users/" + plain.id(), user(plain, "GLOBAL_ADMIN", "FULL")).status())
                .isEqualTo(302);
        assertThat(byAdmin.post("/partner/users/" + admin.id(), user(admin, "NONE", "FULL")).status()).isEqualTo(302);
        assertThat(partners.countGlobalAdmins(partner.id())).isOne();
    }

    // ---------------------------------------------------------------------------------------------

    private PartnerBrowser browse(PartnerUser user) {
        return PartnerBrowser.signIn(port, "default", user.userId(), TestData.PASSWORD);
    }

    private Map<String, String> profile(Map<String, String> changes) {
        Map<String, String> form = new HashMap<>(Map.of("name", partner.name(), "addressLine", partner.addressLine(),
                "postalCode", partner.postalCode(), "city", partner.city(), "country", partner.country(),
                "phone", partner.phone(), "supportEmail", partner.supportEmail(), "website", partner.website()));
        form.putAll(changes);
        return form;
    }

    private static Map<String, String> user(PartnerUser u, String role, String access) {
        return Map.of("firstName", u.firstName(), "lastName", u.lastName(), "email", u.email(),
                "language", u.language(), "companyRole", role, "supportedAccess", access);
    }
}
