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
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.Stored;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestMail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine command guard through the real HTTP surface (REST API and the webapps' engine API): what partner users,
 * customer admins, the provisioning account and operators may make the engine do. Every refusal answers 403 (or 404
 * for what the caller may not know exists), never 500, and changes nothing at all.
 */
@IntegrationTest
class EngineCommandGuardTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    private static final Pattern PROCESS_ID = Pattern.compile("<bpmn:process id=\"(\\w+)\"");

    @Value("${local.server.port}") int port;
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired TestData data;
    @Autowired Stored stored;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired HistoryService history;
    @Autowired JdbcClient jdbc;

    Partner contoso;
    PartnerUser alice;
    PartnerUser chloe;
    TestData.CustomerWithAdmin wideWorld;
    Sku sku;

    @BeforeEach
    void setUp() {
        contoso = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN,
                ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        alice = data.user(contoso, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        chloe = data.user(contoso, CompanyRole.NONE, SupportedAccess.NONE);
        wideWorld = data.customerOf(contoso);
        sku = data.sku(true, 1, 300);
    }

    // ---- starts: generated from the deployed models

    /**
     * For every flow of {@code processes/}, a start before each of its activities (events, gateways, tasks, in
     * sub-processes too) by a partner user who may start the flow is refused, and nothing is stored: a new activity
     * in a model is covered without touching this test.
     */
    @TestFactory
    Stream<DynamicTest> aStartBeforeAnyActivityOfAnyFlowIsRefusedAndStoresNothing() throws IOException {
        List<DynamicTest> cases = new ArrayList<>();
        for (String key : processKeys()) {
            ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                    .latestVersion().singleResult();
            assertThat(definition).as("deployed: " + key).isNotNull();
            for (FlowNode node : repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(FlowNode.class)) {
                cases.add(DynamicTest.dynamicTest(key + " before " + node.getId(), () -> {
                    Map<String, Long> before = stored.snapshot();
                    ResponseEntity<String> response = call(alice, HttpMethod.POST,
                            "/engine-rest/process-definition/" + definition.getId() + "/start",
                            Map.of("startInstructions", List.of(Map.of("type", "startBeforeActivity",
                                    "activityId", node.getId()))));
                    assertRefused(response, 403, "starts at its start event only");
                    assertThat(stored.snapshot()).isEqualTo(before);
                }));
            }
        }
        assertThat(cases).as("activities of every model").hasSizeGreaterThan(100);
        return cases.stream();
    }

    @Test
    void startInstructionsOfEveryKindAreRefusedThroughTheWebappsEngineApiToo() {
        String definition = definitionId("trialInvitation");
        PartnerBrowser tasklist = PartnerBrowser.signIn(port, "default", alice.userId(), TestData.PASSWORD);
        Map<String, Long> before = stored.snapshot();
        for (String instruction : List.of("{\"type\":\"startAfterActivity\",\"activityId\":\"Task_CheckAuthorization\"}",
                "{\"type\":\"startTransition\",\"transitionId\":\"Flow_Authorized\"}",
                "{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_IssueLink\"}")) {
            PartnerBrowser.Page page = tasklist.engineApi("POST", "/camunda/api/engine/engine/default/process-definition/"
                    + definition + "/start", "{\"startInstructions\":[" + instruction + "]}");
            assertThat(page.status()).as(page.body()).isEqualTo(403);
            assertThat(page.body()).contains("starts at its start event only");
        }
        assertThat(stored.snapshot()).isEqualTo(before);
    }

    @Test
    void forgedWhoForWhomAndHowMuchAtTheStartAreRefused() throws Exception {
        Map<String, Map<String, Object>> forged = new java.util.LinkedHashMap<>();
        forged.put("partnerId", typed(1L, "Long"));
        forged.put("customerId", typed(wideWorld.customer().id(), "Long"));
        forged.put("partnerTenantId", typed("partnerOTHER", "String"));
        forged.put("licenses", typed(10_000, "Integer"));
        forged.put("termMonths", typed(1200, "Integer"));
        forged.put("trialLicenses", typed(10_000, "Integer"));
        forged.put("subscriptionStatus", typed("ACTIVE", "String"));
        for (var entry : forged.entrySet()) {
            for (String key : List.of("trialInvitation", "purchaseOffer", "productKeySetup", "delegatedAdmin",
                    "customerSignup")) {
                Map<String, Object> variables = new HashMap<>();
                variables.put(entry.getKey(), entry.getValue());
                Map<String, Long> before = stored.snapshot();
                ResponseEntity<String> response = call(alice, HttpMethod.POST, "/engine-rest/process-definition/"
                        + definitionId(key) + "/submit-form", Map.of("variables", variables));
                assertRefused(response, 403, "The form has no field '" + entry.getKey() + "'");
                assertThat(stored.snapshot()).as(key + " with " + entry.getKey()).isEqualTo(before);
            }
        }
        // a SKU that is not one of the form's choices, a business key of the caller's choosing
        Map<String, Long> before = stored.snapshot();
        assertRefused(call(alice, HttpMethod.POST, "/engine-rest/process-definition/" + definitionId("trialInvitation")
                + "/submit-form", Map.of("variables", Map.of("skuCode", Map.of("value", "E5_UNLIMITED")))), 403,
                "'E5_UNLIMITED' is not one of the choices");
        assertRefused(call(alice, HttpMethod.POST, "/engine-rest/process-definition/key/trialInvitation/start",
                Map.of("businessKey", "OFFER-OTHER-1", "variables", Map.of("skuCode", Map.of("value", sku.code())))),
                403, "Leave the business key empty");
        assertThat(stored.snapshot()).isEqualTo(before);
    }

    @Test
    void aFlowThePartnerUserMayNotStartIsRefusedInItsLanguage() throws Exception {
        jdbc.sql("update pc_partner_user set language = 'fr' where id = ?").param(chloe.id()).update();
        ResponseEntity<String> response = call(chloe, HttpMethod.POST, "/engine-rest/process-definition/"
                + definitionId("trialInvitation") + "/submit-form", Map.of("variables", Map.of(
                        "skuCode", Map.of("value", sku.code()))));
        assertRefused(response, 403, "Votre compte n’a pas d’accès administrateur aux entreprises que vous prenez en "
                + "charge");
        assertRefused(call(alice, HttpMethod.POST, "/engine-rest/process-definition/key/trialAcceptance/start",
                Map.of()), 403, "Partner users do not start the flow 'trialAcceptance' themselves");
        assertRefused(call(alice, HttpMethod.POST, "/engine-rest/process-definition/noSuchFlow:1:0/start", Map.of()),
                404, "Flow noSuchFlow:1:0 does not exist");
    }

    @Test
    void aUserOfNoPartnerStartingAPartnerFlowIsRefusedWith403NotA500() throws Exception {
        String nobody = TestData.unique("nobody");
        data.identity().ensureUser(nobody, "No", "Body", null, TestData.PASSWORD);
        // a customer admin reads it in its organization's language (French here), a user of nobody in English
        Map<String, String> reasons = Map.of(wideWorld.admin().userId(), "Seuls les utilisateurs d’un partenaire "
                + "lancent ce processus, et « " + wideWorld.admin().userId() + " » n’en est pas un.",
                nobody, "Only a partner's users start this flow, and '" + nobody + "' is not one.");
        for (String userId : reasons.keySet()) {
            // by id: a start by key answers 404 to a user of no tenant, who may not know the flow exists
            for (String path : List.of("/engine-rest/process-definition/" + definitionId("trialInvitation") + "/start",
                    "/engine-rest/process-definition/" + definitionId("purchaseOffer") + "/submit-form")) {
                Map<String, Long> before = stored.snapshot();
                assertRefused(callAs(userId, HttpMethod.POST, path, Map.of("variables", Map.of())), 403,
                        reasons.get(userId));
                assertThat(stored.snapshot()).isEqualTo(before);
            }
        }
        // the webapps' engine API, which Tasklist calls, answers the same to a customer admin signed in there
        PartnerBrowser tasklist = PartnerBrowser.signIn(port, "default", wideWorld.admin().userId(), TestData.PASSWORD);
        PartnerBrowser.Page page = tasklist.engineApi("POST", "/camunda/api/engine/engine/default/process-definition/"
                + definitionId("productKeySetup") + "/submit-form", "{\"variables\":{}}");
        assertThat(page.status()).as(page.body()).isEqualTo(403);
        assertThat(page.body()).contains("n’en est pas un");
    }

    // ---- running instances: only the product's own steps move them

    @Test
    void aPartnerUserCannotChangeARunningInstanceItSees() throws Exception {
        ProcessInstance invitation = signedIn.start(alice, contoso, "trialInvitation", Map.of("skuCode", sku.code(),
                "linkValidityDays", 30));
        jobs.runAll(invitation.getId());
        String pi = invitation.getId();
        String definition = invitation.getProcessDefinitionId();
        Task task = tasks.createTaskQuery().processInstanceId(pi).singleResult();
        Job timer = management.createJobQuery().processInstanceId(pi).singleResult();
        assertThat(task.getAssignee()).isEqualTo(alice.userId());

        record Attempt(HttpMethod method, String path, Object body) {}
        List<Attempt> attempts = List.of(
                new Attempt(HttpMethod.POST, "/process-instance/" + pi + "/modification", Map.of("instructions",
                        List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_CloseRevoked")))),
                new Attempt(HttpMethod.POST, "/process-definition/" + definition + "/restart", Map.of(
                        "processInstanceIds", List.of(pi), "instructions", List.of(Map.of("type",
                                "startBeforeActivity", "activityId", "Task_IssueLink")))),
                new Attempt(HttpMethod.POST, "/migration/execute", Map.of("migrationPlan", Map.of(
                        "sourceProcessDefinitionId", definition, "targetProcessDefinitionId", definition,
                        "instructions", List.of()), "processInstanceIds", List.of(pi))),
                new Attempt(HttpMethod.PUT, "/process-instance/" + pi + "/suspended", Map.of("suspended", true)),
                new Attempt(HttpMethod.DELETE, "/process-instance/" + pi, null),
                new Attempt(HttpMethod.POST, "/process-instance/delete", Map.of("processInstanceIds", List.of(pi),
                        "deleteReason", "x")),
                new Attempt(HttpMethod.PUT, "/process-instance/" + pi + "/variables/linkId", typed(1L, "Long")),
                new Attempt(HttpMethod.POST, "/process-instance/" + pi + "/variables", Map.of("modifications",
                        Map.of("partnerId", typed(1L, "Long")))),
                new Attempt(HttpMethod.DELETE, "/process-instance/" + pi + "/variables/linkId", null),
                new Attempt(HttpMethod.POST, "/message", Map.of("messageName", "RevokeLink", "processInstanceId", pi)),
                new Attempt(HttpMethod.POST, "/signal", Map.of("name", "anything")),
                new Attempt(HttpMethod.GET, "/job?processInstanceId=" + pi, null),
                new Attempt(HttpMethod.PUT, "/job/" + timer.getId() + "/retries", Map.of("retries", 5)),
                new Attempt(HttpMethod.POST, "/job/" + timer.getId() + "/execute", null),
                new Attempt(HttpMethod.PUT, "/job/" + timer.getId() + "/duedate", Map.of("duedate",
                        "2020-01-01T00:00:00.000+0000")),
                new Attempt(HttpMethod.POST, "/external-task/fetchAndLock", Map.of("workerId", "alice", "maxTasks", 5,
                        "topics", List.of(Map.of("topicName", "provisioning", "lockDuration", 60000)))),
                new Attempt(HttpMethod.PUT, "/task/" + task.getId() + "/variables/revokeConfirmed",
                        typed(true, "Boolean")),
                new Attempt(HttpMethod.POST, "/task/" + task.getId() + "/delegate", Map.of("userId", chloe.userId())),
                new Attempt(HttpMethod.POST, "/task/" + task.getId() + "/resolve", Map.of()),
                new Attempt(HttpMethod.POST, "/task/" + task.getId() + "/identity-links", Map.of("groupId",
                        "partnerOTHER", "type", "candidate")),
                new Attempt(HttpMethod.POST, "/task/" + task.getId() + "/assignee", Map.of("userId", chloe.userId())),
                new Attempt(HttpMethod.POST, "/task/" + task.getId() + "/claim", Map.of("userId", chloe.userId())),
                new Attempt(HttpMethod.POST, "/task/" + task.getId() + "/bpmnError", Map.of("errorCode", "X")),
                new Attempt(HttpMethod.POST, "/task/create", Map.of("id", TestData.unique("t"), "name", "x")),
                new Attempt(HttpMethod.PUT, "/process-definition/" + definition + "/suspended",
                        Map.of("suspended", true)),
                new Attempt(HttpMethod.POST, "/identity/verify", Map.of("username", chloe.userId(), "password",
                        TestData.PASSWORD)));
        for (Attempt attempt : attempts) {
            Map<String, Long> before = stored.snapshot();
            ResponseEntity<String> response = call(alice, attempt.method(), "/engine-rest" + attempt.path(),
                    attempt.body());
            assertThat(response.getStatusCode().value()).as("%s %s: %s", attempt.method(), attempt.path(),
                    response.getBody()).isEqualTo(403);
            assertThat(stored.snapshot()).as("%s %s changed nothing", attempt.method(), attempt.path())
                    .isEqualTo(before);
        }
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).active().count()).isEqualTo(1);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo(alice.userId());

        // the webapps' engine API, which Tasklist calls, refuses the same
        PartnerBrowser tasklist = PartnerBrowser.signIn(port, "default", alice.userId(), TestData.PASSWORD);
        PartnerBrowser.Page page = tasklist.engineApi("PUT", "/camunda/api/engine/engine/default/process-instance/" + pi
                + "/variables/linkId", "{\"value\":1,\"type\":\"Long\"}");
        assertThat(page.status()).as(page.body()).isEqualTo(403);
        assertThat(runtime.getVariable(pi, "linkId")).isNotEqualTo(1L);
    }

    @Test
    void aTaskIsCompletedOnlyWithItsFormsFieldsAndClaimedOnlyForOneself() throws Exception {
        ProcessInstance invitation = signedIn.start(alice, contoso, "trialInvitation", Map.of("skuCode", sku.code(),
                "linkValidityDays", 30));
        jobs.runAll(invitation.getId());
        Task task = tasks.createTaskQuery().processInstanceId(invitation.getId()).singleResult();
        String complete = "/engine-rest/task/" + task.getId() + "/complete";
        Map<String, Long> before = stored.snapshot();
        assertRefused(call(alice, HttpMethod.POST, complete, Map.of("variables", Map.of(
                "revokeConfirmed", typed(true, "Boolean"), "linkId", typed(1L, "Long")))), 403,
                "The form has no field 'linkId'");
        assertRefused(call(alice, HttpMethod.POST, "/engine-rest/task/" + task.getId() + "/submit-form",
                Map.of("variables", Map.of("revokeConfirmed", Map.of("value", "yes")))), 403,
                "is ticked or not: 'yes' is neither");
        assertThat(stored.snapshot()).isEqualTo(before);

        // a colleague does not see a task assigned to alice and without a candidate group: 404
        assertRefused(call(chloe, HttpMethod.POST, complete, Map.of()), 404, "does not exist or is not yours to see");
        // alice comments, then completes it with its form's field
        assertThat(call(alice, HttpMethod.POST, "/engine-rest/task/" + task.getId() + "/comment/create",
                Map.of("message", "Closing it early")).getStatusCode().value()).isEqualTo(200);
        assertThat(call(alice, HttpMethod.POST, complete, Map.of("variables", Map.of("revokeConfirmed",
                typed(true, "Boolean")))).getStatusCode().value()).isEqualTo(204);
        jobs.runAll(invitation.getId());
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(invitation.getId()).singleResult()
                .getEndActivityId()).isEqualTo("End_Closed");
    }

    @Test
    void aTextWithControlCharactersIsRefusedInAStartForm() throws Exception {
        Map<String, Long> before = stored.snapshot();
        assertRefused(call(alice, HttpMethod.POST, "/engine-rest/process-definition/" + definitionId("trialInvitation")
                + "/submit-form", Map.of("variables", Map.of("skuCode", Map.of("value", sku.code()),
                        "personalMessage", Map.of("value", "Bonjour\u202Eevil")))), 403, "U+202E");
        assertThat(stored.snapshot()).isEqualTo(before);
    }

    @Test
    void aRefusalNamesTheFieldByTheLabelOfTheFormInTheUsersLanguage() throws Exception {
        // started in English (the test SKU is a choice of the English start form only: see CatalogueForms)
        ProcessInstance invitation = signedIn.start(alice, contoso, "trialInvitation", Map.of("skuCode", sku.code(),
                "linkValidityDays", 30));
        jobs.runAll(invitation.getId());
        jdbc.sql("update pc_partner_user set language = 'fr' where id = ?").param(alice.id()).update();
        Map<String, Long> before = stored.snapshot();
        assertRefused(call(alice, HttpMethod.POST, "/engine-rest/process-definition/" + definitionId("delegatedAdmin")
                + "/submit-form", Map.of("variables", Map.of("customerDomain", Map.of("value", "a\u202Eb.example")))),
                403, "Le champ « Domaine du client »");
        assertRefused(call(alice, HttpMethod.POST, "/engine-rest/process-definition/" + definitionId("trialInvitation")
                + "/submit-form", Map.of("variables", Map.of("linkValidityDays", Map.of("value", "soon")))), 403,
                "Le champ « Validité du lien en jours » attend un nombre, pas « soon ».");
        assertThat(stored.snapshot()).isEqualTo(before);

        // a task's form too: the French form of the task names the field
        Task task = tasks.createTaskQuery().processInstanceId(invitation.getId()).singleResult();
        assertRefused(call(alice, HttpMethod.POST, "/engine-rest/task/" + task.getId() + "/complete", Map.of(
                "variables", Map.of("revokeConfirmed", Map.of("value", "oui")))), 403,
                "Le champ « Révoquer ce lien maintenant » est coché ou non");
    }

    @Test
    void aUserChecksAndChangesOnlyItsOwnPasswordNotItsProfile() throws Exception {
        assertThat(call(alice, HttpMethod.POST, "/engine-rest/identity/verify", Map.of("username", alice.userId(),
                "password", TestData.PASSWORD)).getStatusCode().value()).isEqualTo(200);
        assertRefused(call(alice, HttpMethod.PUT, "/engine-rest/user/" + alice.userId() + "/profile", Map.of(
                "id", alice.userId(), "firstName", "Eve", "lastName", alice.lastName(), "email", alice.email())), 403,
                "changed on the partner pages");
        assertThat(call(alice, HttpMethod.PUT, "/engine-rest/user/" + alice.userId() + "/credentials", Map.of(
                "password", "a-new-secret-1", "authenticatedUserPassword", TestData.PASSWORD)).getStatusCode().value())
                .isEqualTo(204);
    }

    // ---- the provisioning account

    @Test
    void theProvisioningAccountWorksOnItsTopicOnlyAndReturnsOnlyItsResults() throws Exception {
        String worker = TestData.unique("svc");
        com.partnercenter.security.IdentityAdmin identity = data.identity();
        identity.ensureUser(worker, "Svc", "Worker", null, TestData.PASSWORD);
        identity.ensureMembership(worker, com.partnercenter.security.Groups.SERVICES);
        identity.ensureUserInTenant(contoso.tenantId(), worker);

        assertRefused(callAs(worker, HttpMethod.POST, "/engine-rest/external-task/fetchAndLock", Map.of("workerId", "w",
                "maxTasks", 5, "topics", List.of(Map.of("topicName", "billing", "lockDuration", 60000)))), 403,
                "works on the topic provisioning only");
        assertRefused(callAs(worker, HttpMethod.GET, "/engine-rest/process-instance", null), 403,
                "ProcessInstanceQueryImpl");

        ProcessInstance setup = signedIn.start(alice, contoso, "productKeySetup", Map.of("productKeys",
                data.productKey(contoso, sku, 5, 12), "customerType", "EXISTING", "customerDomain",
                wideWorld.customer().domain(), "delegatedAdmin", "NONE"));
        ResponseEntity<String> fetched = callAs(worker, HttpMethod.POST, "/engine-rest/external-task/fetchAndLock",
                Map.of("workerId", "w", "maxTasks", 5, "topics", List.of(Map.of("topicName", "provisioning",
                        "lockDuration", 60000, "businessKey", setup.getBusinessKey()))));
        assertThat(fetched.getStatusCode().value()).as(fetched.getBody()).isEqualTo(200);
        JsonNode locked = json.readTree(fetched.getBody());
        assertThat(locked).hasSize(1);
        String taskId = locked.get(0).get("id").asText();
        Map<String, Long> before = stored.snapshot();
        assertRefused(callAs(worker, HttpMethod.POST, "/engine-rest/external-task/" + taskId + "/complete", Map.of(
                "workerId", "w", "variables", Map.of("subscriptionId", typed(1L, "Long"),
                        "partnerId", typed(1L, "Long")))), 403, "it cannot set partnerId");
        assertThat(stored.snapshot()).isEqualTo(before);
    }

    // ---- operators

    @Test
    void operatorsKeepWhatCockpitNeedsAndAreAudited() throws Exception {
        String operator = data.operator();
        ProcessInstance invitation = signedIn.start(alice, contoso, "trialInvitation", Map.of("skuCode", sku.code(),
                "linkValidityDays", 30));
        Job mailJob = management.createJobQuery().processInstanceId(invitation.getId()).list().get(0);

        assertThat(callAs(operator, HttpMethod.PUT, "/engine-rest/job/" + mailJob.getId() + "/retries",
                Map.of("retries", 7)).getStatusCode().value()).isEqualTo(204);
        assertThat(callAs(operator, HttpMethod.PUT, "/engine-rest/process-instance/" + invitation.getId()
                + "/variables/operatorNote", typed("checked", "String")).getStatusCode().value()).isEqualTo(204);

        assertThat(management.createJobQuery().jobId(mailJob.getId()).singleResult().getRetries()).isEqualTo(7);
        List<String> audited = jdbc.sql("select details from pc_audit where actor = ? and action = 'ENGINE_COMMAND' "
                + "order by id").param(operator).query(String.class).list();
        assertThat(audited).hasSize(2);
        assertThat(audited.get(0)).startsWith("SetJobRetriesCmd").contains(mailJob.getId());
        assertThat(audited.get(1)).startsWith("SetExecutionVariablesCmd").contains(invitation.getId());
        assertThat(history.createUserOperationLogQuery().userId(operator).list())
                .extracting(UserOperationLogEntry::getOperationType)
                .contains(UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES, UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE);
        // reading changes nothing and is not written to the audit table
        assertThat(callAs(operator, HttpMethod.GET, "/engine-rest/job?processInstanceId=" + invitation.getId(), null)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(jdbc.sql("select details from pc_audit where actor = ? and action = 'ENGINE_COMMAND'")
                .param(operator).query(String.class).list()).hasSize(2);
    }

    // ---------------------------------------------------------------------------------------------

    private void assertRefused(ResponseEntity<String> response, int status, String reason) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(json.readTree(response.getBody()).get("message").asText()).contains(reason);
    }

    private ResponseEntity<String> call(PartnerUser user, HttpMethod method, String path, Object body) {
        return callAs(user.userId(), method, path, body);
    }

    private ResponseEntity<String> callAs(String userId, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(userId, TestData.PASSWORD).exchange(path, method,
                body == null ? new HttpEntity<>(headers) : new HttpEntity<>(body, headers), String.class);
    }

    private String definitionId(String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult()
                .getId();
    }

    /** The process keys of the models in processes/. */
    private static List<String> processKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path model : files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
                Matcher m = PROCESS_ID.matcher(Files.readString(model));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    private static Map<String, Object> typed(Object value, String type) {
        return Map.of("value", value, "type", type);
    }
}
