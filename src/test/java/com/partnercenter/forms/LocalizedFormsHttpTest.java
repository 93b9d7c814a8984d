package com.partnercenter.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Through the REST API Tasklist uses: a French partner user gets the French start form, an English one the English
 * form; the SKU list is the catalogue's, and an operator's catalogue change shows in the next form opened; bad
 * catalogue input is refused field by field and changes nothing.
 */
@IntegrationTest
class LocalizedFormsHttpTest {

    @LocalServerPort int port;
    @Autowired TestData testData;
    @Autowired CatalogueRepository catalogue;
    @Autowired RepositoryService repository;

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theStartFormIsInTheReadersLanguageAndListsTheCatalogue() throws Exception {
        Partner partner = testData.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser french = testData.user(partner, CompanyRole.NONE, SupportedAccess.FULL, "fr");
        PartnerUser english = testData.user(partner, CompanyRole.NONE, SupportedAccess.FULL, "en");
        String operator = testData.operator();
        String code = TestData.unique("TRY").toUpperCase();
        var added = put(operator, code, sku("Trial Plan " + code, true, 14, 10, 1, 500));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);

        JsonNode fr = startForm(french.userId());
        JsonNode en = startForm(english.userId());

        assertThat(fr.get("id").asText()).isEqualTo("trial-invitation-start-fr");
        assertThat(component(fr, "Field_SkuCode").get("label").asText()).isEqualTo("Abonnement d’essai");
        assertThat(en.get("id").asText()).isEqualTo("trial-invitation-start");
        assertThat(component(en, "Field_SkuCode").get("label").asText()).isEqualTo("Trial subscription");
        assertThat(labelOf(en, code)).isEqualTo("Trial Plan " + code + " — 14-day trial, 10 licenses");
        assertThat(labelOf(fr, code)).isEqualTo("Trial Plan " + code + " — essai de 14 jours, 10 licences");

        // the operator renames the SKU and stops its trials: the next form opened says so
        assertThat(put(operator, code, sku("Renamed " + code, false, 14, 10, 1, 500)).statusCode()).isEqualTo(200);
        assertThat(component(startForm(english.userId()), "Field_SkuCode").get("values").findValuesAsText("value"))
                .doesNotContain(code);
        JsonNode offer = json.readTree(get(english.userId(),
                "/engine-rest/process-definition/key/purchaseOffer/deployed-start-form").body());
        assertThat(labelOf(offer, code, "Field_Line1Sku")).isEqualTo("Renamed " + code + " (1–500 licenses)");
    }

    @Test
    void onlyOperatorsChangeTheCatalogueAndBadFieldsChangeNothing() throws Exception {
        Partner partner = testData.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = testData.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL, "en");
        String operator = testData.operator();
        String code = TestData.unique("BAD").toUpperCase();
        long deployments = repository.createDeploymentQuery().deploymentName(LocalizedForms.DEPLOYMENT).count();

        assertThat(put(user.userId(), code, sku("Nope", true, 30, 25, 1, 10)).statusCode()).isEqualTo(403);
        var refused = put(operator, code, sku("", true, 0, 25, 10, 5));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("name: 1 to 200 characters", "trialDays: a whole number from 1 to 365",
                "maxLicenses: at least minLicenses (10)");
        assertThat(catalogue.find(code)).isEmpty();
        assertThat(repository.createDeploymentQuery().deploymentName(LocalizedForms.DEPLOYMENT).count())
                .isEqualTo(deployments);
    }

    private static String sku(String name, boolean trial, int days, int licenses, int min, int max) {
        return "{\"name\":\"" + name + "\",\"trialAllowed\":" + trial + ",\"trialDays\":" + days
                + ",\"trialLicenses\":" + licenses + ",\"minLicenses\":" + min + ",\"maxLicenses\":" + max
                + ",\"termMonths\":12,\"sellable\":true}";
    }

    private JsonNode startForm(String userId) throws Exception {
        var response = get(userId, "/engine-rest/process-definition/key/trialInvitation/deployed-start-form");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private String labelOf(JsonNode form, String value) {
        return labelOf(form, value, "Field_SkuCode");
    }

    private String labelOf(JsonNode form, String value, String componentId) {
        for (JsonNode option : component(form, componentId).get("values")) {
            if (option.get("value").asText().equals(value)) {
                return option.get("label").asText();
            }
        }
        throw new AssertionError(value + " is not an option of " + componentId);
    }

    private static JsonNode component(JsonNode form, String id) {
        for (JsonNode c : form.get("components")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no component " + id);
    }

    private HttpResponse<String> get(String userId, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic(userId)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String userId, String code, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/catalogue/" + code))
                .header("Authorization", basic(userId)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String userId) {
        return "Basic " + Base64.getEncoder().encodeToString((userId + ":" + TestData.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }
}
