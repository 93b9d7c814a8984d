package com.partnercenter.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.TestData;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist as Partner Center's product: the context its scripts read (language, partner names, pages), the ready
 * filters in each person's language kept in step when a user's language changes, Cockpit refused to partners with
 * a page that says it is for operators, no "Create task".
 */
@IntegrationTest
class TasklistProductHttpTest {

    @LocalServerPort int port;
    @Autowired TestData testData;
    @Autowired FilterService filters;
    @Autowired IdentityService identity;
    @Autowired Jobs jobs;

    final ObjectMapper json = new ObjectMapper();

    @org.junit.jupiter.api.extension.RegisterExtension
    final com.icegreen.greenmail.junit5.GreenMailExtension mail = com.partnercenter.support.TestMail.extension();

    @Test
    void theContextIsForTheSignedInUserOnly() {
        assertThat(PartnerBrowser.anonymous(port).get("/tasklist-context").status()).isEqualTo(401);
    }

    @Test
    void aFrenchPartnerUserGetsFrenchTheNameOfItsPartnerAndItsPages() throws Exception {
        Partner partner = testData.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = testData.user(partner, CompanyRole.NONE, SupportedAccess.FULL, "fr");
        PartnerBrowser browser = PartnerBrowser.signIn(port, "default", user.userId(), TestData.PASSWORD);

        JsonNode context = json.readTree(browser.get("/tasklist-context").body());

        assertThat(context.get("language").asText()).isEqualTo("fr");
        assertThat(context.get("tenants").get(partner.tenantId()).asText()).isEqualTo(partner.name());
        assertThat(context.get("links").findValuesAsText("href")).containsExactly("/partner", "/partner/invitations");
        assertThat(context.get("links").findValuesAsText("label")).containsExactly("Pages partenaire",
                "Invitations et offres");
        assertThat(context.get("returnTo").isNull()).isTrue();
    }

    @Test
    void partnerUsersReadTheFiltersOfTheirLanguageAndFollowAChangeOfLanguage() {
        Partner partner = testData.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser admin = testData.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL, "en");
        PartnerUser user = testData.user(partner, CompanyRole.NONE, SupportedAccess.FULL, "en");

        assertThat(filterNames(user.userId())).containsExactly("My tasks", "My company's tasks", "Follow-ups due");

        // the global admin switches the user to French on the users page
        PartnerBrowser browser = PartnerBrowser.signIn(port, "default", admin.userId(), TestData.PASSWORD);
        var saved = browser.post("/partner/users/" + user.id(), Map.of("firstName", user.firstName(),
                "lastName", user.lastName(), "email", user.email(), "language", "fr",
                "companyRole", user.companyRole().name(), "supportedAccess", user.supportedAccess().name()));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        jobs.runAllOf(com.partnercenter.portal.PartnerUserAccess.PROCESS);

        assertThat(filterNames(user.userId())).containsExactly("Mes tâches", "Les tâches de ma société",
                "Relances à faire");
    }

    @Test
    void customerAdministratorsReadTheirCustomersLanguageAndTheRequestsToReview() {
        Partner partner = testData.partner(ProgramAuthorization.DELEGATED_ADMIN);
        var customer = testData.customerOf(partner); // a French customer

        assertThat(filterNames(customer.admin().userId())).containsExactly("Mes tâches", "Demandes à examiner");
    }

    @Test
    void aPartnerOpeningCockpitIsToldItIsForOperatorsInItsLanguage() {
        Partner partner = testData.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = testData.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL, "fr");
        PartnerBrowser browser = PartnerBrowser.signIn(port, "default", user.userId(), TestData.PASSWORD);

        var cockpit = browser.getPage("/camunda/app/cockpit/default/");

        assertThat(cockpit.status()).isEqualTo(403);
        assertThat(cockpit.body()).contains("Cockpit et Admin sont réservés aux opérateurs du programme",
                "/camunda/app/tasklist/default/", "/partner").doesNotContain("Something went wrong");
    }

    @Test
    void tasklistIsBrandedWithoutCreateTaskOrTheCamunda8Banner() {
        Partner partner = testData.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = testData.user(partner, CompanyRole.NONE, SupportedAccess.FULL, "en");
        PartnerBrowser browser = PartnerBrowser.signIn(port, "default", user.userId(), TestData.PASSWORD);
        // the webapp serves its index page through its own filters (a first-run setup page while no admin exists):
        // the page Tasklist renders is the application's copy of it
        String index;
        try (var in = getClass().getClassLoader().getResourceAsStream(
                "META-INF/resources/webjars/camunda/app/tasklist/index.html")) {
            index = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(index).contains("<title>Partner Center Tasklist</title>",
                "cam-exclude-plugins=\"tasklist.navbar.action:create-task-action\"");
        assertThat(browser.get("/camunda/app/tasklist/styles/user-styles.css").body()).contains(".ce-eol-banner");
        assertThat(browser.get("/camunda/app/cockpit/styles/user-styles.css").body()).contains(".ce-eol-banner");
        assertThat(browser.get("/camunda/app/tasklist/scripts/config.js").body())
                .contains("vendor: 'Partner Center'", "partner-center/tasklist.js");
    }

    /** The filters the user may read, as Tasklist lists them (by priority). */
    private List<String> filterNames(String userId) {
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        identity.setAuthentication(userId, groups);
        try {
            return filters.createTaskFilterQuery().list().stream()
                    .sorted(java.util.Comparator.comparingInt(f -> ((Number) f.getProperties().getOrDefault("priority", 0)).intValue()))
                    .map(Filter::getName).toList();
        } finally {
            identity.clearAuthentication();
        }
    }
}
