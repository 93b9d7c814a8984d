package com.partnercenter.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.TestData;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The partner pages use the Camunda webapps' sign-in: a user logged in to Tasklist is signed in; anyone else is
 * sent to Tasklist's login; customers are refused; every form post needs the session's CSRF token.
 */
@IntegrationTest
class PartnerSignInTest {

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired IdentityService identity;

    @Test
    void withoutTasklistSessionThePagesRedirectToTheLogin() {
        PartnerBrowser browser = PartnerBrowser.anonymous(port);
        for (String path : new String[] {"/partner", "/partner/customers", "/partner/customers/1", "/partner/profile",
                "/partner/users"}) {
            PartnerBrowser.Page page = browser.get(path);
            assertThat(page.status()).as(path).isEqualTo(302);
            assertThat(page.location()).as(path).endsWith("/camunda/app/tasklist/default/");
        }
        assertThat(browser.postRaw("/partner/profile", Map.of("name", "x")).status()).isEqualTo(302);
    }

    @Test
    void aPartnerUserSignedInToTasklistSeesThePagesInItsLanguageWithoutBeingAuthenticatedAfterwards() {
        Partner partner = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER,
                ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        PartnerBrowser browser = PartnerBrowser.signIn(port, "default", user.userId(), TestData.PASSWORD);

        PartnerBrowser.Page overview = browser.get("/partner");
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body()).contains(partner.name()).contains("Partner overview")
                .contains("#/?processStart=trialInvitation");
        assertThat(browser.get("/partner?lang=fr").body()).contains("Vue d’ensemble du partenaire");
        assertThat(identity.getCurrentAuthentication()).as("the request's authentication is cleared").isNull();
    }

    @Test
    void aCustomerAdminSignedInToTasklistIsRefused() {
        var customer = data.customerOf(data.partner(ProgramAuthorization.DELEGATED_ADMIN));
        PartnerBrowser browser = PartnerBrowser.signIn(port, "default", customer.admin().userId(), TestData.PASSWORD);
        assertThat(browser.get("/partner").status()).isEqualTo(403);
        assertThat(browser.get("/partner/customers/" + customer.customer().id()).status()).isEqualTo(403);
    }

    @Test
    void aFormPostWithoutOrWithAForeignCsrfTokenIsRefusedAndChangesNothing() {
        Partner partner = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        PartnerUser admin = data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        PartnerBrowser browser = PartnerBrowser.signIn(port, "default", admin.userId(), TestData.PASSWORD);
        PartnerBrowser other = PartnerBrowser.signIn(port, "default", admin.userId(), TestData.PASSWORD);
        other.get("/partner/profile");
        Map<String, String> profile = Map.of("name", "Renamed", "addressLine", "1 Road", "postalCode", "75001",
                "city", "Paris", "country", "FR", "phone", "+33 1 00 00 00 00", "supportEmail", "s@example.com",
                "website", "");

        assertThat(browser.postRaw("/partner/profile", profile).status()).isEqualTo(403);
        var forged = new java.util.HashMap<>(profile);
        forged.put("_csrf", "not-the-token");
        assertThat(browser.postRaw("/partner/profile", forged).status()).isEqualTo(403);
        assertThat(browser.get("/partner/profile").body()).doesNotContain("Renamed");

        assertThat(browser.post("/partner/profile", profile).status()).isEqualTo(302);
        assertThat(browser.get("/partner/profile").body()).contains("Renamed");
    }

    @Test
    void afterSigningOutOfTasklistThePagesAskForTheLoginAgain() {
        Partner partner = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        PartnerUser user = data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        PartnerBrowser browser = PartnerBrowser.signIn(port, "default", user.userId(), TestData.PASSWORD);
        assertThat(browser.get("/partner").status()).isEqualTo(200);

        assertThat(browser.logout("default").status()).isLessThan(300);
        PartnerBrowser.Page page = browser.get("/partner");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/camunda/app/tasklist/default/");
    }

    @Test
    void aUserWhoseAccountWasDeletedMeanwhileIsNoLongerSignedIn() {
        Partner partner = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        PartnerUser user = data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        PartnerBrowser browser = PartnerBrowser.signIn(port, "default", user.userId(), TestData.PASSWORD);
        assertThat(browser.get("/partner").status()).isEqualTo(200);

        identity.deleteUser(user.userId()); // an operator removes the account in Camunda Admin
        PartnerBrowser.Page page = browser.get("/partner/profile");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/camunda/app/tasklist/default/");
        assertThat(browser.post("/partner/profile", Map.of("name", "Taken over")).status()).isEqualTo(302);
    }
}
