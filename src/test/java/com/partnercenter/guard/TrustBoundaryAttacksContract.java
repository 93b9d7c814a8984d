package com.partnercenter.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.Stored;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestMail;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The attacks of issue 12, as written, through the REST API with partner logins: each is refused with 403 and the
 * reason, and stores nothing (no instance, no row of ours, no job, no mail). On H2 and on PostgreSQL.
 */
abstract class TrustBoundaryAttacksContract {

    /** The REST API of the context's engine. */
    abstract String rest();

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired TestData data;
    @Autowired Stored stored;
    @Autowired RepositoryService repository;

    Partner contoso;
    Partner fabrikam;
    PartnerUser alice;
    PartnerUser chloe;
    PartnerUser fiona;
    TestData.CustomerWithAdmin wideWorld;
    Sku e5;

    @BeforeEach
    void setUp() {
        contoso = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN,
                ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        alice = data.user(contoso, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        chloe = data.user(contoso, CompanyRole.NONE, SupportedAccess.NONE);
        fabrikam = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        fiona = data.user(fabrikam, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        wideWorld = data.customerOf(contoso);
        e5 = data.sku(true, 1, 10_000);
    }

    @Test
    void aSubscriptionCannotBeCreatedByStartingAtTheProvisioningStep() throws Exception {
        var before = stored.snapshot();
        ResponseEntity<String> response = post(fiona, rest() + "/process-definition/key/productKeySetup/start",
                Map.of("startInstructions", List.of(Map.of("type", "startBeforeActivity",
                                "activityId", "Task_CreateSubscription")),
                        "variables", Map.of("customerId", typed(wideWorld.customer().id(), "Long"),
                                "skuCode", typed(e5.code(), "String"), "licenses", typed(10_000, "Integer"),
                                "termMonths", typed(1200, "Integer"), "subscriptionStatus", typed("ACTIVE", "String"),
                                "subscriptionOrigin", typed("PRODUCT_KEY", "String"),
                                "partnerOfRecordId", typed(fabrikam.id(), "Long"))));
        assertRefused(response, "starts at its start event only");
        assertThat(stored.snapshot()).isEqualTo(before);
    }

    @Test
    void anotherPartnersTrialLinkCannotBeIssuedByStartingAtTheInvitationStep() throws Exception {
        var before = stored.snapshot();
        ResponseEntity<String> response = post(fiona, rest() + "/process-definition/key/trialInvitation/start",
                Map.of("startInstructions", List.of(Map.of("type", "startBeforeActivity",
                                "activityId", "Task_PrepareInvitation")),
                        "variables", Map.of("partnerId", typed(contoso.id(), "Long"),
                                "skuCode", typed(e5.code(), "String"),
                                "includeDelegatedAdmin", typed(true, "Boolean"),
                                "delegatedAdminRole", typed("FULL", "String"),
                                "recipientEmails", typed("stranger@elsewhere.example", "String"))));
        assertRefused(response, "starts at its start event only");
        assertThat(stored.snapshot()).isEqualTo(before);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void delegatedAdministrationCannotBeActivatedWithoutTheCustomersAnswer() throws Exception {
        var before = stored.snapshot();
        ResponseEntity<String> response = post(alice, rest() + "/process-definition/key/delegatedAdmin/start",
                Map.of("startInstructions", List.of(
                                Map.of("type", "startBeforeActivity", "activityId", "Task_RecordRequest"),
                                Map.of("type", "startBeforeActivity", "activityId", "Task_AssignRoles")),
                        "variables", Map.of("customerId", typed(wideWorld.customer().id(), "Long"),
                                "partnerId", typed(contoso.id(), "Long"), "adminRole", typed("FULL", "String"))));
        assertRefused(response, "starts at its start event only");
        assertThat(stored.snapshot()).isEqualTo(before);
    }

    @Test
    void aUserWithoutSupportedCompaniesAccessGetsNoTrialLink() throws Exception {
        var before = stored.snapshot();
        String definition = repository.createProcessDefinitionQuery().processDefinitionKey("trialInvitation")
                .latestVersion().singleResult().getId();
        ResponseEntity<String> response = post(chloe, rest() + "/process-definition/" + definition + "/submit-form",
                Map.of("variables", Map.of("skuCode", Map.of("value", e5.code()),
                        "recipientEmails", Map.of("value", "prospect@elsewhere.example"),
                        "linkValidityDays", Map.of("value", 30))));
        assertRefused(response, "no admin access to companies you support");
        assertThat(stored.snapshot()).isEqualTo(before);
    }

    private void assertRefused(ResponseEntity<String> response, String reason) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(403);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("type").asText()).isEqualTo("AuthorizationException");
        assertThat(body.get("message").asText()).contains(reason);
    }

    private ResponseEntity<String> post(PartnerUser user, String path, Map<String, ?> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user.userId(), TestData.PASSWORD).postForEntity(path, new HttpEntity<>(body, headers),
                String.class);
    }

    private static Map<String, Object> typed(Object value, String type) {
        return Map.of("value", value, "type", type);
    }
}
