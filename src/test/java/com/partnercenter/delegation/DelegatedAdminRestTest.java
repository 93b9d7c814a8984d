package com.partnercenter.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestData.CustomerWithAdmin;
import com.partnercenter.support.TestMail;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Delegated administration through the REST API, as Tasklist uses it: a partner user starts it, only the
 * customer's admins see and answer the review task, and the grants follow the relationship.
 */
@IntegrationTest
class DelegatedAdminRestTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @Autowired TestRestTemplate http;
    @Autowired TestData data;
    @Autowired Jobs jobs;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired RelationshipRepository relationships;
    @Autowired CustomerAccess access;
    @Autowired DelegatedAdminService service;

    @Test
    void theReviewTaskBelongsToTheCustomersAdminsAndTheGrantsFollowTheRelationship() {
        Partner partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser full = data.user(partner, SupportedAccess.FULL);
        PartnerUser limited = data.user(partner, SupportedAccess.LIMITED);
        CustomerWithAdmin customer = data.customerOf(partner);
        CustomerWithAdmin neighbour = data.customerOf(partner);

        ResponseEntity<Map> started = as(full.userId()).postForEntity(
                "/engine-rest/process-definition/key/delegatedAdmin/start",
                json(Map.of("variables", Map.of(
                        "customerDomain", Map.of("value", customer.customer().domain()),
                        "adminRole", Map.of("value", "FULL"),
                        "durationDays", Map.of("value", 30)))), Map.class);
        assertThat(started.getStatusCode().value()).isEqualTo(200);
        String pi = (String) started.getBody().get("id");
        assertThat(started.getBody().get("tenantId")).isEqualTo(partner.tenantId());
        jobs.runAll(pi);
        String taskId = tasks.createTaskQuery().processInstanceId(pi).singleResult().getId();

        assertThat(taskIds(customer.admin().userId())).contains(taskId);
        assertThat(taskIds(neighbour.admin().userId())).doesNotContain(taskId);
        assertThat(taskIds(full.userId())).doesNotContain(taskId);

        ResponseEntity<String> byNeighbour = as(neighbour.admin().userId()).postForEntity(
                "/engine-rest/task/" + taskId + "/complete", decision("ACCEPT"), String.class);
        assertThat(byNeighbour.getStatusCode().value()).as("another customer's task does not exist for it")
                .isEqualTo(404);
        CustomerWithAdmin stranger = data.customerOf(data.partner(ProgramAuthorization.DELEGATED_ADMIN));
        ResponseEntity<String> byStranger = as(stranger.admin().userId()).postForEntity(
                "/engine-rest/task/" + taskId + "/complete", decision("ACCEPT"), String.class);
        assertThat(byStranger.getStatusCode().value()).as("a customer of another partner: not its task either")
                .isEqualTo(404);
        assertThat(taskIds(stranger.admin().userId())).doesNotContain(taskId);
        ResponseEntity<String> byPartner = as(full.userId()).postForEntity(
                "/engine-rest/task/" + taskId + "/complete", decision("ACCEPT"), String.class);
        assertThat(byPartner.getStatusCode().value()).as("the customer's task does not exist for the partner")
                .isEqualTo(404);
        assertThat(relationships.roleOn(full.id(), customer.customer().id())).isEmpty();

        ResponseEntity<String> byAdmin = as(customer.admin().userId()).postForEntity(
                "/engine-rest/task/" + taskId + "/complete", decision("ACCEPT"), String.class);
        assertThat(byAdmin.getStatusCode().value()).isEqualTo(204);

        long customerId = customer.customer().id();
        assertThat(access.may(full.id(), customerId, CustomerAccess.Action.MANAGE_SUBSCRIPTIONS)).isTrue();
        assertThat(access.may(limited.id(), customerId, CustomerAccess.Action.RESET_USER_PASSWORD)).isTrue();
        assertThat(access.may(limited.id(), customerId, CustomerAccess.Action.RESET_ADMIN_PASSWORD)).isFalse();
        assertThat(access.may(limited.id(), customerId, CustomerAccess.Action.MANAGE_SUBSCRIPTIONS)).isFalse();
        assertThat(access.may(full.id(), neighbour.customer().id(), CustomerAccess.Action.RESET_USER_PASSWORD))
                .isFalse();

        jobs.runAll(pi);
        long relationshipId = (Long) runtime.getVariable(pi, "relationshipId");
        String end = "/api/delegated-admin/relationships/" + relationshipId + "/end";
        assertThat(http.postForEntity(end, json(Map.of()), String.class).getStatusCode().value()).isEqualTo(401);
        // on neither side of the relationship: it does not exist for them
        assertThat(as(neighbour.admin().userId()).postForEntity(end, json(Map.of()), String.class)
                .getStatusCode().value()).isEqualTo(404);
        PartnerUser otherPartnersUser = data.user(data.partner(ProgramAuthorization.DELEGATED_ADMIN),
                SupportedAccess.FULL);
        assertThat(as(otherPartnersUser.userId()).postForEntity(end, json(Map.of()), String.class)
                .getStatusCode().value()).isEqualTo(404);
        // on the partner's side without Full administration of the customer nor the global admin role: 403
        assertThat(as(limited.userId()).postForEntity(end, json(Map.of()), String.class)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(as(customer.admin().userId()).postForEntity("/api/delegated-admin/relationships/0/end",
                json(Map.of()), String.class).getStatusCode().value()).isEqualTo(404);
        assertThat(relationships.findById(relationshipId).orElseThrow().status()).isEqualTo(Relationship.Status.ACTIVE);

        ResponseEntity<String> ended = as(customer.admin().userId()).postForEntity(end,
                json(Map.of("comment", "We manage it ourselves now")), String.class);
        assertThat(ended.getStatusCode().value()).isEqualTo(204);
        assertThat(relationships.findById(relationshipId).orElseThrow().status())
                .isEqualTo(Relationship.Status.TERMINATED);
        assertThat(as(full.userId()).postForEntity(end, json(Map.of()), String.class).getStatusCode().value())
                .as("already ended").isEqualTo(409);
        assertThat(access.may(full.id(), customerId, CustomerAccess.Action.MANAGE_SUBSCRIPTIONS)).isFalse();
        assertThat(access.may(limited.id(), customerId, CustomerAccess.Action.RESET_USER_PASSWORD)).isFalse();
    }

    private java.util.List<String> taskIds(String userId) {
        ResponseEntity<Map[]> response = as(userId).getForEntity("/engine-rest/task", Map[].class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return java.util.Arrays.stream(response.getBody()).map(t -> (String) t.get("id")).toList();
    }

    private TestRestTemplate as(String userId) {
        return http.withBasicAuth(userId, TestData.PASSWORD);
    }

    private static HttpEntity<Object> decision(String value) {
        return json(Map.of("variables", Map.of("decision", Map.of("value", value))));
    }

    private static HttpEntity<Object> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
