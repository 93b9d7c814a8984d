package com.partnercenter.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestMail;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist offers a partner user exactly the flows it may start (the start list Tasklist asks the REST API for),
 * the partner pages link to the same ones, and both follow when an operator changes the partner's program
 * authorizations or a global admin changes the user's access; a flow not offered cannot be started either.
 */
@IntegrationTest
class StartAuthorizationsHttpTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired RuntimeService runtime;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void eachUserIsOfferedWhatItsPartnerAndItsAccessAllowAndFollowsTheirChanges() throws Exception {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser admin = data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL, "en");
        PartnerUser noAccess = data.user(partner, CompanyRole.NONE, SupportedAccess.NONE, "en");

        assertThat(startable(admin.userId())).contains("trialInvitation", "purchaseOffer", "productKeySetup")
                .doesNotContain("delegatedAdmin", "partnerUserAccess", "trialAcceptance");
        assertThat(startable(noAccess.userId())).doesNotContain("trialInvitation", "purchaseOffer", "delegatedAdmin");

        // a flow not offered cannot be started: refused, nothing started
        long before = runtime.createProcessInstanceQuery().processDefinitionKey("trialInvitation").count();
        var refused = send(noAccess.userId(), "POST", "/engine-rest/process-definition/key/trialInvitation/start",
                "{\"variables\":{}}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("trialInvitation").count()).isEqualTo(before);

        // the partner pages link to the same flows
        PartnerBrowser admins = PartnerBrowser.signIn(port, "default", admin.userId(), TestData.PASSWORD);
        assertThat(admins.get("/partner?lang=en").body()).contains("processStart=trialInvitation")
                .doesNotContain("processStart=delegatedAdmin");

        // an operator gives the partner delegated administration
        String operator = data.operator();
        var changed = send(operator, "PUT", "/api/partners/" + partner.advisorCode() + "/authorizations",
                "[\"SUBSCRIPTION_ADVISOR\", \"DELEGATED_ADMIN\"]");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(startable(admin.userId())).contains("delegatedAdmin");
        assertThat(admins.get("/partner?lang=en").body()).contains("processStart=delegatedAdmin");
        assertThat(send(admin.userId(), "PUT", "/api/partners/" + partner.advisorCode() + "/authorizations", "[]")
                .statusCode()).as("partners do not set their own").isEqualTo(403);
        assertThat(send(operator, "PUT", "/api/partners/" + partner.advisorCode() + "/authorizations",
                "[\"EVERYTHING\"]").statusCode()).isEqualTo(422);

        // the global admin gives the user Limited administration of supported companies
        var saved = admins.post("/partner/users/" + noAccess.id(), Map.of("firstName", noAccess.firstName(),
                "lastName", noAccess.lastName(), "email", noAccess.email(), "language", "en",
                "companyRole", "NONE", "supportedAccess", "LIMITED"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(startable(noAccess.userId())).contains("trialInvitation", "purchaseOffer", "delegatedAdmin");

        // and the operator takes the advisor authorization away: its flows leave everyone's list
        send(operator, "PUT", "/api/partners/" + partner.advisorCode() + "/authorizations", "[\"DELEGATED_ADMIN\"]");
        assertThat(startable(admin.userId())).doesNotContain("trialInvitation", "purchaseOffer", "productKeySetup")
                .contains("delegatedAdmin");
    }

    /** The keys of Tasklist's start list for the user (the query Tasklist sends). */
    private List<String> startable(String userId) throws Exception {
        var response = send(userId, "GET", "/engine-rest/process-definition?latestVersion=true&active=true"
                + "&startableInTasklist=true&startablePermissionCheck=true", null);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        for (JsonNode definition : json.readTree(response.body())) {
            keys.add(definition.get("key").asText());
        }
        return keys;
    }

    private HttpResponse<String> send(String userId, String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((userId + ":"
                        + TestData.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
