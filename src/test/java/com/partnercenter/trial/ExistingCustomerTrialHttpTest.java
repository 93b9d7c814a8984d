package com.partnercenter.trial;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.ProvisioningDriver;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestMail;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An existing customer's administrator on a published trial link: it signs in from the page (Tasklist's sign-in,
 * then back to the page), takes the trial for its organization with nothing to fill in, gets it provisioned on its
 * customer (no new organization, no welcome mail), and delegated administration the link asks for becomes a review
 * for its administrators, never a grant. A second trial of the same SKU is refused, by customer.
 */
@IntegrationTest
class ExistingCustomerTrialHttpTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired RuntimeService runtime;
    @Autowired com.partnercenter.link.LinkService testLinkService;
    @Autowired TaskService tasks;
    @Autowired ProvisioningDriver provisioning;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired JdbcClient jdbc;
    @Autowired com.partnercenter.customer.CustomerRepository customers;

    Partner partner;
    Sku sku;
    TestData.CustomerWithAdmin customer;
    ProcessInstance invitation;
    String path;

    @BeforeEach
    void invite() {
        partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser user = data.user(partner, CompanyRole.NONE, SupportedAccess.FULL, "en");
        sku = data.sku(true, 1, 300);
        customer = data.customerOf(partner);
        invitation = signedIn.start(user, partner, "trialInvitation", Map.of("skuCode", sku.code(),
                "includeDelegatedAdmin", true, "delegatedAdminRole", "FULL", "linkValidityDays", 30));
        jobs.runAll(invitation.getId());
        path = com.partnercenter.support.TestLinks.invitationUrl(testLinkService, runtime, invitation.getId()).replace("https://partners.test", "");
    }

    /**
     * A user of an existing customer who is not one of its administrators, signed in (Tasklist refuses it, the
     * webapps' welcome page does not): the page says what it can do — ask an administrator — instead of offering a
     * sign-in it already has and a form for a new organization; taking the link for its organization is refused.
     */
    @Test
    void aSignedInUserWhoIsNoAdministratorIsToldToAskOne() {
        String userId = TestData.unique("w").toLowerCase();
        customers.insertAdmin(customer.customer().id(), userId, "Walter", "User",
                userId + "@" + customer.customer().domain(), false);
        data.identity().ensureUser(userId, "Walter", "User", userId + "@" + customer.customer().domain(),
                TestData.PASSWORD);
        PartnerBrowser browser = PartnerBrowser.anonymous(port);
        assertThat(browser.signInHere("default", userId, TestData.PASSWORD, "tasklist").status()).isEqualTo(403);
        assertThat(browser.signInHere("default", userId, TestData.PASSWORD, "welcome").status()).isEqualTo(200);

        String english = browser.get(path + "?lang=en").body();
        assertThat(english).contains("You are signed in as Walter User, a user of " + customer.customer().name()
                + " who is not one of its administrators")
                .doesNotContain("Already a customer?", "name=\"organizationName\"", "name=\"adminEmail\"",
                        "<form method=\"post\"");
        assertThat(browser.get(path + "?lang=fr").body()).contains("Vous êtes connecté en tant que Walter User, "
                + "utilisateur de " + customer.customer().name() + " sans en être administrateur")
                .doesNotContain("Déjà client ?", "name=\"organizationName\"");

        var refused = browser.postRaw(path + "/as-customer", Map.of("lang", "en"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("who is not one of its administrators");
        assertThat(jdbc.sql("select count(*) from pc_acceptance where domain = ?").param(customer.customer().domain())
                .query(Long.class).single()).isZero();
    }

    @Test
    void theAdministratorSignsInTakesTheTrialForItsCustomerAndDelegatedAdministrationGoesToReview() {
        PartnerBrowser browser = PartnerBrowser.anonymous(port);
        assertThat(browser.get(path + "?lang=en").body()).contains("Already a customer?", path + "/sign-in?lang=en");

        var toSignIn = browser.get(path + "/sign-in?lang=en");
        assertThat(toSignIn.status()).isEqualTo(302);
        assertThat(toSignIn.location()).endsWith("/camunda/app/tasklist/default/");
        assertThat(browser.signInHere("default", customer.admin().userId(), TestData.PASSWORD).status()).isEqualTo(200);
        // Tasklist's script reads where to go back to
        assertThat(browser.get("/tasklist-context").body()).contains("\"returnTo\":\"" + path + "?lang=en\"");

        var page = browser.get(path + "?lang=en");
        assertThat(page.body()).contains("You are signed in as Cleo Admin, administrator of " + customer.customer().name(),
                "Start the trial for " + customer.customer().name(), "as-customer")
                .doesNotContain("name=\"organizationName\"", "name=\"adminFirstName\"");
        assertThat(browser.get("/tasklist-context").body()).contains("\"returnTo\":null");
        // in French too; with nothing to fill in, no form section ("Votre organisation") stands empty
        var french = browser.get(path + "?lang=fr").body();
        assertThat(french).contains("Vous êtes connecté en tant que Cleo Admin, administrateur de "
                + customer.customer().name(), "Démarrer l’essai pour " + customer.customer().name(),
                "il n’y a rien à remplir").doesNotContain("Remplissez le formulaire");
        assertThat(sectionsWithNothingToFill(french)).isEmpty();

        assertThat(browser.postRaw(path + "/as-customer", Map.of("delegatedAdminConsent", "true")).status())
                .as("without the session's token").isEqualTo(403);
        var taken = browser.post(path + "/as-customer", Map.of("delegatedAdminConsent", "true", "lang", "en"));
        assertThat(taken.status()).as(taken.body()).isEqualTo(200);
        assertThat(taken.body()).contains("The trial of " + sku.name() + " is being set up for "
                + customer.customer().name());

        ProcessInstance trial = runtime.createProcessInstanceQuery().processDefinitionKey("trialAcceptance")
                .processInstanceBusinessKeyLike(invitation.getBusinessKey() + "-A%").singleResult();
        assertThat(runtime.getVariable(trial.getId(), "existingCustomer")).isEqualTo(true);
        assertThat(provisioning.runFor(trial.getBusinessKey())).as("only the trial: the customer exists").isEqualTo(1);
        jobs.runAll(trial.getId());
        assertThat(subscriptions.findByCustomer(customer.customer().id())).singleElement().satisfies(s -> {
            assertThat(s.skuCode()).isEqualTo(sku.code());
            assertThat(s.status()).isEqualTo(Subscription.Status.TRIAL);
        });
        assertThat(jdbc.sql("select count(*) from pc_customer where domain = ?").param(customer.customer().domain())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from pc_mail where template = 'customer-welcome' and business_key = ?")
                .param(trial.getBusinessKey()).query(Long.class).single()).isZero();
        assertThat(Mailbox.subject(Mailbox.lastTo(mail, customer.admin().email()))).contains(sku.name());

        // delegated administration: a review for the customer's administrators, nothing active
        jobs.runAllOf("delegatedAdmin");
        var review = tasks.createTaskQuery().taskDefinitionKey("Task_Review")
                .taskCandidateGroup(customer.customer().groupId()).singleResult();
        assertThat(review).as("a review task for the customer's admins").isNotNull();
        assertThat(jdbc.sql("select count(*) from pc_delegated_admin_relationship where customer_id = ? "
                + "and status = 'ACTIVE'").param(customer.customer().id()).query(Long.class).single()).isZero();

        // one trial per SKU and customer
        var again = browser.get(path + "?lang=en");
        assertThat(again.body()).contains("Your organization already had a trial of this offer")
                .doesNotContain("Start the trial for");
        long acceptances = jdbc.sql("select count(*) from pc_acceptance").query(Long.class).single();
        var refused = browser.post(path + "/as-customer", Map.of("lang", "en"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).as("the refusal said once, no field to correct")
                .containsOnlyOnce("Your organization already had a trial of this offer")
                .doesNotContain("Please correct the highlighted fields");
        assertThat(jdbc.sql("select count(*) from pc_acceptance").query(Long.class).single()).isEqualTo(acceptances);
    }

    /** The page's form sections (fieldsets) with no field a reader fills in: a heading over nothing. */
    static java.util.List<String> sectionsWithNothingToFill(String html) {
        return java.util.regex.Pattern.compile("(?s)<fieldset.*?</fieldset>").matcher(html).results()
                .map(java.util.regex.MatchResult::group)
                .filter(section -> !section.matches("(?s).*<(select|textarea)\\b.*")
                        && !section.matches("(?s).*<input(?![^>]*type=\"hidden\")[^>]*>.*"))
                .toList();
    }

    @Test
    void anAnonymousVisitorCannotTakeTheTrialForACustomer() {
        PartnerBrowser browser = PartnerBrowser.anonymous(port);
        var refused = browser.postRaw(path + "/as-customer", Map.of("delegatedAdminConsent", "true"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from pc_acceptance a join pc_link l on l.id = a.link_id "
                + "where l.process_instance_id = ?").param(invitation.getId()).query(Long.class).single()).isZero();
    }
}
