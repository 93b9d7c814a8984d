package com.partnercenter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.CREATE_INSTANCE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.platform.PartnerTenantIdProvider;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The engine REST API as an attacker sees it: real HTTP against the running application, real
 * partner users (Camunda users in their partner's group and tenant), authorization and tenant checks
 * as configured in production. Every assertion here fails when authentication, authorization checks
 * or tenant checks are switched off.
 */
@IntegrationTest
class RestApiSecurityTest {

    static final String PROBE = "securityProbe";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ObjectMapper json;
    @Autowired
    TestData data;
    @Autowired
    IdentityAdmin identity;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizations;

    Partner partnerA;
    Partner partnerB;
    PartnerUser userA;
    PartnerUser userB;

    @BeforeEach
    void setUp() {
        repository.createDeployment().name("security-partner-task").enableDuplicateFiltering(false)
                .addClasspathResource("bpmn/security-partner-task.bpmn").deploy();
        identity.grantGroup(Groups.PARTNERS, Resources.PROCESS_DEFINITION, PROBE, READ, CREATE_INSTANCE);
        partnerA = data.partner();
        partnerB = data.partner();
        userA = data.user(partnerA, SupportedAccess.FULL);
        userB = data.user(partnerB, SupportedAccess.FULL);
    }

    // --- authentication -------------------------------------------------------------------------

    @Test
    void restApiRequiresValidBasicCredentials() {
        for (String path : List.of("/engine-rest/process-instance", "/engine-rest/task",
                "/engine-rest/history/process-instance", "/engine-rest/process-definition", "/engine-rest/user",
                "/engine-rest/authorization", "/engine-rest/engine/default/process-instance")) {
            ResponseEntity<String> anonymous = rest.getForEntity(path, String.class);
            assertThat(anonymous.getStatusCode()).as("GET %s without credentials", path)
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
            assertThat(anonymous.getBody()).as("a 401 has no body").isNull();

            assertThat(rest.withBasicAuth(userB.userId(), "wrong-password").getForEntity(path, String.class)
                    .getStatusCode()).as("GET %s with a wrong password", path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(rest.withBasicAuth("nosuchuser" + userA.userId(), TestData.PASSWORD)
                    .getForEntity(path, String.class).getStatusCode())
                    .as("GET %s as an unknown user", path).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        // writes too, and nothing is started
        ResponseEntity<String> start = rest.postForEntity("/engine-rest/process-definition/key/" + PROBE + "/start",
                jsonEntity(Map.of()), String.class);
        assertThat(start.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth(userB.userId(), "wrong-password")
                .postForEntity("/engine-rest/process-definition/key/" + PROBE + "/start", jsonEntity(Map.of()),
                        String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(runtime.createProcessInstanceQuery().tenantIdIn(partnerA.tenantId(), partnerB.tenantId()).count())
                .isZero();
        // a user without failed attempts and the right password gets in (the 401s are about credentials only)
        assertThat(asUser(userA).getForEntity("/engine-rest/process-instance", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    /**
     * Guessing passwords over the REST API does not work: after failed attempts the engine refuses
     * even the right password for a growing delay (3 s, 6 s, 12 s ... by default; locked after 10).
     */
    @Test
    void failedPasswordAttemptsDelayFurtherLogins() {
        for (int i = 0; i < 3; i++) {
            assertThat(rest.withBasicAuth(userA.userId(), "guess" + i).getForEntity("/engine-rest/task", String.class)
                    .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(asUser(userA).getForEntity("/engine-rest/task", String.class).getStatusCode())
                .as("right password right after three wrong ones").isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(asUser(userB).getForEntity("/engine-rest/task", String.class).getStatusCode())
                .as("other users are not affected").isEqualTo(HttpStatus.OK);
    }

    /**
     * GET /engine-rest/engine stays open: ProcessEngineAuthenticationFilter white-lists exactly this
     * path because a client needs the engine names to build the URL it authenticates against. It
     * reveals the engine names and nothing else.
     */
    @Test
    void engineListIsOpenAndRevealsOnlyEngineNames() throws Exception {
        ResponseEntity<String> response = rest.getForEntity("/engine-rest/engine", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode engines = json.readTree(response.getBody());
        assertThat(engines.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        for (JsonNode engine : engines) {
            List<String> fields = new ArrayList<>();
            engine.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("name");
            names.add(engine.get("name").asText());
        }
        assertThat(names).contains("default");
        // the white-list is exact: one level down is protected again
        assertThat(rest.getForEntity("/engine-rest/engine/default/process-definition", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    // --- identity and authorizations (what only the authorization checks protect) ----------------

    @Test
    void partnerCannotMakeItselfAnOperatorOrManageIdentities() throws Exception {
        var asA = asUser(userA);
        ResponseEntity<String> join = asA.exchange("/engine-rest/group/" + Groups.OPERATORS + "/members/"
                + userA.userId(), HttpMethod.PUT, null, String.class);
        assertThat(join.getStatusCode()).as(join.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> joinB = asA.exchange("/engine-rest/group/" + partnerB.groupId() + "/members/"
                + userA.userId(), HttpMethod.PUT, null, String.class);
        assertThat(joinB.getStatusCode()).as(joinB.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(identityService.createUserQuery().userId(userA.userId()).memberOfGroup(Groups.OPERATORS).count())
                .isZero();
        assertThat(identityService.createUserQuery().userId(userA.userId()).memberOfGroup(partnerB.groupId())
                .count()).isZero();

        String intruder = TestData.unique("intruder");
        ResponseEntity<String> createUser = asA.postForEntity("/engine-rest/user/create", jsonEntity(Map.of(
                "profile", Map.of("id", intruder, "firstName", "I", "lastName", "N", "email", "i@n.example"),
                "credentials", Map.of("password", "secret123"))), String.class);
        assertThat(createUser.getStatusCode()).as(createUser.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(identityService.createUserQuery().userId(intruder).count()).isZero();

        long ownAuthorizations = authorizations.createAuthorizationQuery().userIdIn(userA.userId()).count();
        ResponseEntity<String> grant = asA.postForEntity("/engine-rest/authorization/create", jsonEntity(Map.of(
                "type", 1, "permissions", List.of("ALL"), "userId", userA.userId(), "resourceType", 8,
                "resourceId", "*")), String.class);
        assertThat(grant.getStatusCode()).as(grant.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(authorizations.createAuthorizationQuery().userIdIn(userA.userId()).count())
                .as("only the engine's default grant on the user's own profile").isEqualTo(ownAuthorizations);

        ResponseEntity<String> password = asA.postForEntity("/engine-rest/user/" + userB.userId() + "/credentials",
                jsonEntity(Map.of("password", "taken-over-1", "authenticatedUserPassword", TestData.PASSWORD)),
                String.class);
        assertThat(password.getStatusCode().is2xxSuccessful()).as("set B's password as A: %s", password).isFalse();
        assertThat(identityService.checkPassword(userB.userId(), TestData.PASSWORD)).isTrue();
    }

    @Test
    void partnerCannotListOtherPartnersUsersGroupsOrAuthorizations() throws Exception {
        assertThat(ids(getJson(userA, "/engine-rest/user"), "id")).doesNotContain(userB.userId());
        assertThat(ids(getJson(userA, "/engine-rest/group"), "id")).doesNotContain(partnerB.groupId(),
                Groups.OPERATORS);
        assertThat(ids(getJson(userA, "/engine-rest/tenant"), "id")).doesNotContain(partnerB.tenantId());
        JsonNode visible = getJson(userA, "/engine-rest/authorization");
        assertThat(visible.size()).as("authorizations visible to a partner: %s", visible).isZero();
    }

    // --- tenant and task isolation --------------------------------------------------------------

    @Test
    void startedInstanceBelongsToTheStartingPartnersTenant() throws Exception {
        JsonNode started = start(userA, Map.of());
        assertThat(started.get("tenantId").asText()).isEqualTo(partnerA.tenantId());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(started.get("id").asText())
                .singleResult().getTenantId()).isEqualTo(partnerA.tenantId());
        Task task = taskOf(started.get("id").asText());
        assertThat(task.getTenantId()).isEqualTo(partnerA.tenantId());
        assertThat(tasks.getIdentityLinksForTask(task.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo(partnerA.groupId()));
    }

    @Test
    void partnerListsOnlyItsOwnInstancesTasksAndHistory() throws Exception {
        String instanceA = start(userA, Map.of()).get("id").asText();
        String instanceB = start(userB, Map.of()).get("id").asText();
        String taskA = taskOf(instanceA).getId();
        String taskB = taskOf(instanceB).getId();

        assertOnlyOwn(userA, "/engine-rest/process-instance", "id", instanceA, instanceB, partnerA);
        assertOnlyOwn(userB, "/engine-rest/process-instance", "id", instanceB, instanceA, partnerB);
        assertOnlyOwn(userA, "/engine-rest/task", "id", taskA, taskB, partnerA);
        assertOnlyOwn(userB, "/engine-rest/task", "id", taskB, taskA, partnerB);
        assertOnlyOwn(userA, "/engine-rest/history/process-instance", "id", instanceA, instanceB, partnerA);
        assertOnlyOwn(userA, "/engine-rest/history/task", "id", taskA, taskB, partnerA);
        assertOnlyOwn(userA, "/engine-rest/history/activity-instance?processDefinitionKey=" + PROBE,
                "processInstanceId", instanceA, instanceB, partnerA);

        // counts agree with the lists (Tasklist and Cockpit page with them)
        assertThat(getJson(userA, "/engine-rest/process-instance/count?processDefinitionKey=" + PROBE
                + "&tenantIdIn=" + partnerB.tenantId()).get("count").asLong()).isZero();
        assertThat(getJson(userA, "/engine-rest/task/count?processInstanceId=" + instanceB).get("count").asLong())
                .isZero();
    }

    @Test
    void partnerCannotReadOrChangeAnotherPartnersInstanceOrTask() throws Exception {
        String instanceB = start(userB, Map.of()).get("id").asText();
        String taskB = taskOf(instanceB).getId();
        var asA = asUser(userA);

        // reads: the instance and the task do not exist for A
        assertThat(asA.getForEntity("/engine-rest/process-instance/" + instanceB, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(asA.getForEntity("/engine-rest/history/process-instance/" + instanceB, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(asA.getForEntity("/engine-rest/task/" + taskB, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<String> variables = asA.getForEntity("/engine-rest/process-instance/" + instanceB
                + "/variables", String.class);
        assertThat(variables.getStatusCode().is2xxSuccessful()).as("variables of B: %s", variables).isFalse();

        // writes: refused, and nothing happened. The engine command guard answers 404 for a task A may not see:
        // for A it does not exist (the engine's own tenant check answered 500)
        ResponseEntity<String> complete = asA.postForEntity("/engine-rest/task/" + taskB + "/complete",
                jsonEntity(Map.of()), String.class);
        assertThat(complete.getStatusCode()).as("complete B's task as A: %s", complete.getBody())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(complete.getBody()).contains("does not exist or is not yours to see");
        ResponseEntity<String> claim = asA.postForEntity("/engine-rest/task/" + taskB + "/claim",
                jsonEntity(Map.of("userId", userA.userId())), String.class);
        assertThat(claim.getStatusCode().is2xxSuccessful()).as("claim B's task as A: %s", claim).isFalse();
        ResponseEntity<String> delete = asA.exchange("/engine-rest/process-instance/" + instanceB, HttpMethod.DELETE,
                null, String.class);
        assertThat(delete.getStatusCode().is2xxSuccessful()).as("delete B's instance as A: %s", delete).isFalse();

        Task stillThere = tasks.createTaskQuery().taskId(taskB).singleResult();
        assertThat(stillThere).as("B's task still open").isNotNull();
        assertThat(stillThere.getAssignee()).isNull();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instanceB).count()).isEqualTo(1);

        // the owner can (the refusals above are about A, not about the task)
        assertThat(asUser(userB).postForEntity("/engine-rest/task/" + taskB + "/complete", jsonEntity(Map.of()),
                String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instanceB).count()).isZero();
    }

    /**
     * Membership of an engine admin group exempts from tenant checks but, in Camunda 7.24, not from the
     * authorization filter of queries: IdentityBootstrap therefore grants "operators" ALL on every resource.
     */
    @Test
    void operatorSeesEveryPartnersInstancesAndTasks() throws Exception {
        String operator = TestData.unique("op");
        identity.ensureUser(operator, "Olga", "Operator", operator + "@operators.example", TestData.PASSWORD);
        identity.ensureMembership(operator, Groups.OPERATORS);
        String instanceA = start(userA, Map.of()).get("id").asText();
        String instanceB = start(userB, Map.of()).get("id").asText();

        assertThat(ids(getJson(operator, "/engine-rest/process-instance?processDefinitionKey=" + PROBE), "id"))
                .contains(instanceA, instanceB);
        assertThat(ids(getJson(operator, "/engine-rest/task?processDefinitionKey=" + PROBE), "processInstanceId"))
                .contains(instanceA, instanceB);
        assertThat(ids(getJson(operator, "/engine-rest/history/process-instance?processDefinitionKey=" + PROBE),
                "id")).contains(instanceA, instanceB);
        assertThat(rest.withBasicAuth(operator, TestData.PASSWORD)
                .getForEntity("/engine-rest/process-instance/" + instanceB, String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void partnerCannotStartAnInstanceInAnotherPartnersTenant() throws Exception {
        Map<String, Object> body = Map.of("variables", Map.of(
                PartnerTenantIdProvider.TENANT_VARIABLE, Map.of("value", partnerB.tenantId(), "type", "String")));
        ResponseEntity<String> response = asUser(userA).postForEntity(
                "/engine-rest/process-definition/key/" + PROBE + "/start", jsonEntity(body), String.class);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(json.readTree(response.getBody()).get("type").asText()).isEqualTo("AuthorizationException");
        assertThat(runtime.createProcessInstanceQuery().tenantIdIn(partnerB.tenantId()).count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().tenantIdIn(partnerB.tenantId()).count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().tenantIdIn(partnerA.tenantId()).count()).isZero();

        // a partner user names no tenant at all, not even its own: the instance is its partner's anyway
        ResponseEntity<String> own = asUser(userA).postForEntity(
                "/engine-rest/process-definition/key/" + PROBE + "/start", jsonEntity(Map.of("variables", Map.of(
                        PartnerTenantIdProvider.TENANT_VARIABLE, Map.of("value", partnerA.tenantId(), "type",
                                "String")))), String.class);
        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(start(userA, Map.of()).get("tenantId").asText()).isEqualTo(partnerA.tenantId());
    }

    @Test
    void partnerCannotStartAProcessItIsNotGrantedToStart() throws Exception {
        // the probe's grant is given in setUp; a definition without CREATE_INSTANCE for "partners" is refused
        repository.createDeployment().name("security-not-startable").enableDuplicateFiltering(false)
                .addModelInstance("securityNotStartable.bpmn", org.camunda.bpm.model.bpmn.Bpmn
                        .createExecutableProcess("securityNotStartable").camundaHistoryTimeToLive(1)
                        .startEvent().userTask().endEvent().done())
                .deploy();
        ResponseEntity<String> response = asUser(userA).postForEntity(
                "/engine-rest/process-definition/key/securityNotStartable/start", jsonEntity(Map.of()), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("securityNotStartable").count())
                .isZero();
    }

    // ---------------------------------------------------------------------------------------------

    private void assertOnlyOwn(PartnerUser user, String path, String idField, String own, String foreign,
            Partner partner) throws Exception {
        JsonNode list = getJson(user.userId(), path);
        assertThat(ids(list, idField)).as("%s as %s", path, user.userId()).contains(own).doesNotContain(foreign);
        for (JsonNode item : list) {
            JsonNode tenant = item.get("tenantId");
            // no other partner's row at all (tenant-less rows would be nobody's; none are expected here)
            assertThat(tenant == null || tenant.isNull() ? null : tenant.asText())
                    .as("tenant of %s in %s as %s", item.get(idField), path, user.userId())
                    .isEqualTo(partner.tenantId());
        }
    }

    private JsonNode start(PartnerUser user, Map<String, Object> variables) throws Exception {
        ResponseEntity<String> response = asUser(user).postForEntity(
                "/engine-rest/process-definition/key/" + PROBE + "/start",
                jsonEntity(Map.of("variables", variables)), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private Task taskOf(String processInstanceId) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
    }

    private JsonNode getJson(PartnerUser user, String path) throws Exception {
        return getJson(user.userId(), path);
    }

    private JsonNode getJson(String userId, String path) throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth(userId, TestData.PASSWORD).getForEntity(path,
                String.class);
        assertThat(response.getStatusCode()).as("GET %s as %s: %s", path, userId, response.getBody())
                .isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private static List<String> ids(JsonNode list, String field) {
        List<String> ids = new ArrayList<>();
        list.forEach(item -> ids.add(item.get(field).asText()));
        return ids;
    }

    private TestRestTemplate asUser(PartnerUser user) {
        return rest.withBasicAuth(user.userId(), TestData.PASSWORD);
    }

    private static HttpEntity<Map<String, ?>> jsonEntity(Map<String, ?> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
