package com.partnercenter.trial;

import static com.partnercenter.support.Mailbox.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.delegation.AdminRole;
import com.partnercenter.delegation.RelationshipRepository;
import com.partnercenter.link.LinkService;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.platform.PartnerTenantIdProvider;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.History;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.ProvisioningDriver;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of processes/trial-invitation.bpmn and processes/trial-acceptance.bpmn. */
@IntegrationTest
class TrialProcessTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired History history;
    @Autowired ProvisioningDriver provisioning;
    @Autowired CustomerRepository customers;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired RelationshipRepository relationships;
    @Autowired LinkService links;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private Partner partner;
    private PartnerUser user;
    private Sku sku;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN);
        user = data.user(partner, SupportedAccess.FULL);
        sku = data.sku(true, 1, 300);
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        identity.clearAuthentication();
    }

    // ---- invitation

    @Test
    void invitationMailsRecipientsAndPartnerAndClosesWhenRevokedInTasklist() throws Exception {
        ProcessInstance pi = invite(Map.of("recipientEmails", "a@one.example\nB@Two.example, a@one.example",
                "personalMessage", "Essayez-le !"));
        assertThat(pi.getBusinessKey()).startsWith("TRIAL-" + partner.advisorCode());
        assertThat(runtime.getVariable(pi.getId(), "recipientList")).isEqualTo("a@one.example,b@two.example");
        jobs.runAll(pi.getId());
        assertThat(pi).isWaitingAt("Task_ManageLink");
        assertThat(recipients()).containsExactlyInAnyOrder("a@one.example", "b@two.example", user.email());
        String url = (String) runtime.getVariable(pi.getId(), "invitationUrl");
        assertThat(body(lastTo(user.email()))).contains(url);

        var task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(task.getAssignee()).isEqualTo(user.userId());
        tasks.complete(task.getId(), Map.of("revokeConfirmed", true));
        jobs.runAll(pi.getId());

        assertThat(pi).isEnded().hasPassed("Task_CloseRevoked", "Task_TellPartnerClosed", "End_Closed");
        assertThat(history.variable(pi, "closeReason")).isEqualTo("REVOKED");
        assertThat(history.variable(pi, "acceptedCount")).isEqualTo(0L);
        long linkId = (Long) history.variable(pi, "linkId");
        assertThat(links.findById(linkId).orElseThrow().revokedAt()).isNotNull();
    }

    @Test
    void theLinkExpiresWithoutRecipients() {
        ProcessInstance pi = invite(Map.of("linkValidityDays", 3));
        jobs.runAll(pi.getId());
        assertThat(recipients()).containsExactly(user.email());
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 3L * 24 * 3600 * 1000 + 1000));
        jobs.runAll(pi.getId());
        assertThat(pi).isEnded().hasPassed("Boundary_LinkExpired", "Task_CloseExpired", "End_Closed");
        assertThat(history.variable(pi, "closeReason")).isEqualTo("EXPIRED");
    }

    @Test
    void refusedStartsEndWithTheReason() {
        assertRefused(invite(Map.of("skuCode", "NO_SUCH_SKU")), "not an offer of the catalogue");
        Sku noTrial = data.sku(false, 1, 10);
        assertRefused(invite(Map.of("skuCode", noTrial.code())), "cannot be offered as a trial");
        assertRefused(invite(Map.of("recipientEmails", "fine@ok.example\nnot-an-address")), "'not-an-address'");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            many.append("r").append(i).append("@many.example\n");
        }
        assertRefused(invite(Map.of("recipientEmails", many.toString())), "at most 50");
        assertRefused(invite(Map.of("linkValidityDays", 0)), "outside the allowed");

        Partner advisorOnly = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        user = data.user(advisorOnly, SupportedAccess.FULL);
        partner = advisorOnly;
        assertRefused(invite(Map.of("includeDelegatedAdmin", true)), "Delegated administration");

        Partner noAdvisor = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        partner = noAdvisor;
        user = data.user(noAdvisor, SupportedAccess.FULL);
        // Tasklist does not offer it, and the engine refuses the start ...
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> invite(Map.of())).isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        // ... and the flow itself refuses it too, were it started
        data.allowStart(user.userId(), "trialInvitation");
        ProcessInstance notAdvisor = invite(Map.of());
        assertThat(notAdvisor).isWaitingAt("Task_NotifyRefusal").hasNotPassed("Task_PrepareInvitation");
    }

    // ---- one customer's trial

    @Test
    void aConfirmedAcceptanceProvisionsTheTrialRemindsAndExpires() throws Exception {
        ProcessInstance trial = acceptance(false, false);
        runProvisioning(trial);
        jobs.runAll(trial.getId());
        String domain = (String) runtime.getVariable(trial.getId(), "customerDomain");
        var customer = customers.findByDomain(domain).orElseThrow();
        long subscriptionId = (Long) runtime.getVariable(trial.getId(), "subscriptionId");
        Subscription subscription = subscriptions.findById(subscriptionId).orElseThrow();
        assertThat(subscription.status()).isEqualTo(Subscription.Status.TRIAL);
        assertThat(subscription.licenses()).isEqualTo(sku.trialLicenses());
        assertThat(subscription.partnerOfRecordId()).isEqualTo(partner.id());
        assertThat(subscriptions.processInstanceOf(subscriptionId)).contains(trial.getId());
        assertThat(recipients()).contains("admin@" + domain, user.email());
        assertThat(trial).isWaitingAt("Timer_Reminder7");

        Jobs.moveClockJustAfter((Date) runtime.getVariable(trial.getId(), "reminder7At"));
        jobs.runAll(trial.getId());
        var followUp = tasks.createTaskQuery().processInstanceId(trial.getId()).singleResult();
        // the task says which trial it is about, and is due when the trial ends
        Date trialEnd = (Date) runtime.getVariable(trial.getId(), "trialEndsAt");
        assertThat(followUp.getName()).startsWith("Follow up: trial of " + sku.name() + " for ")
                .endsWith(" ends on " + com.partnercenter.platform.ReaderFormat.of(
                        com.partnercenter.platform.Language.of(partner.defaultLanguage())).day(trialEnd));
        assertThat(followUp.getDueDate()).isEqualTo(trialEnd);
        assertThat(tasks.getIdentityLinksForTask(followUp.getId())).anyMatch(l -> partner.groupId().equals(l.getGroupId()));
        Jobs.moveClockJustAfter((Date) runtime.getVariable(trial.getId(), "reminder1At"));
        jobs.runAll(trial.getId());
        Jobs.moveClockJustAfter((Date) runtime.getVariable(trial.getId(), "trialEndsAt"));
        jobs.runAll(trial.getId());

        assertThat(trial).isEnded().hasPassed("Task_Remind7", "Task_Remind1", "Task_ExpireTrial", "Task_RecordExpiry",
                "End_TrialOver", "End_TrialEnded");
        assertThat(recipients()).as("the partner of record is told at its support address")
                .contains(partner.supportEmail());
        assertThat(subscriptions.findById(subscriptionId).orElseThrow().status()).isEqualTo(Subscription.Status.EXPIRED);
        assertThat(tasks.createTaskQuery().processInstanceId(trial.getId()).count()).as("follow-up cancelled").isZero();
        assertThat(customers.findAdmins(customer.id())).hasSize(1);
    }

    @Test
    void aPurchaseConvertsTheTrialAndStopsItsReminders() {
        ProcessInstance trial = acceptance(false, false);
        runProvisioning(trial);
        jobs.runAll(trial.getId());
        long subscriptionId = (Long) runtime.getVariable(trial.getId(), "subscriptionId");

        String lifecycle = subscriptions.processInstanceOf(subscriptionId).orElseThrow();
        runtime.createMessageCorrelation("TrialConverted").processInstanceId(lifecycle).correlate();

        assertThat(trial).isEnded().hasPassed("Boundary_Converted", "End_Converted").hasNotPassed("Task_Remind7");
    }

    @Test
    void aTrialBoughtWithoutMessageIsNotExpired() {
        ProcessInstance trial = acceptance(false, false);
        runProvisioning(trial);
        jobs.runAll(trial.getId());
        long subscriptionId = (Long) runtime.getVariable(trial.getId(), "subscriptionId");
        jdbc.sql("update pc_subscription set status = 'ACTIVE' where id = ?").param(subscriptionId).update();
        for (String timer : List.of("reminder7At", "reminder1At", "trialEndsAt")) {
            Jobs.moveClockJustAfter((Date) runtime.getVariable(trial.getId(), timer));
            jobs.runAll(trial.getId());
        }
        assertThat(trial).isEnded().hasPassed("Gateway_Expired", "End_TrialOver").hasNotPassed("Task_RecordExpiry");
        assertThat(subscriptions.findById(subscriptionId).orElseThrow().status()).isEqualTo(Subscription.Status.ACTIVE);
    }

    @Test
    void agreedDelegatedAdministrationStartsWithoutAReview() {
        ProcessInstance trial = acceptance(true, true);
        runProvisioning(trial);
        jobs.runAll(trial.getId());
        assertThat(trial).hasPassed("Task_StartDelegatedAdmin");
        long customerId = (Long) runtime.getVariable(trial.getId(), "customerId");
        var relationship = relationships.findOpen(partner.id(), customerId).orElseThrow();
        assertThat(relationship.status()).isEqualTo(com.partnercenter.delegation.Relationship.Status.ACTIVE);
        assertThat(relationship.role()).isEqualTo(AdminRole.LIMITED);
        assertThat(relationships.roleOn(user.id(), customerId)).contains(AdminRole.GrantedRole.PASSWORD_ADMIN);
    }

    @Test
    void delegatedAdministrationNotTickedIsNotStarted() {
        ProcessInstance trial = acceptance(true, false);
        runProvisioning(trial);
        jobs.runAll(trial.getId());
        assertThat(trial).hasNotPassed("Task_StartDelegatedAdmin").isWaitingAt("Timer_Reminder7");
        long customerId = (Long) runtime.getVariable(trial.getId(), "customerId");
        assertThat(relationships.findOpen(partner.id(), customerId)).isEmpty();
    }

    @Test
    void aDomainRegisteredMeanwhileGetsARefusalAndNothingElse() {
        var existing = data.customer();
        ProcessInstance trial = acceptance(false, false, existing.domain());
        runProvisioning(trial);
        jobs.runAll(trial.getId());
        assertThat(trial).isEnded().hasPassed("Boundary_DomainTaken", "Task_TellRefused", "End_Refused")
                .hasNotPassed("Task_CreateTrial");
        assertThat(subscriptions.findByCustomer(existing.id())).isEmpty();
        assertThat(recipients()).contains("admin@" + existing.domain());
    }

    @Test
    void anExistingCustomersTrialSkipsTheOrganizationAndWelcomeAndItsDelegatedAdministrationIsReviewed() {
        var existing = data.customerOf(partner);
        ProcessInstance trial = forExistingCustomer(acceptanceVariables(true, true, existing.customer().domain()),
                existing);
        runProvisioning(trial);
        jobs.runAll(trial.getId());
        assertThat(trial).hasPassed("Gateway_NewCustomer", "Task_CreateTrial", "Task_RequestDelegatedAdmin")
                .hasNotPassed("Task_CreateCustomer", "Task_EmailWelcome", "Task_StartDelegatedAdmin")
                .isWaitingAt("Timer_Reminder7");
        assertThat(subscriptions.findByCustomer(existing.customer().id())).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(Subscription.Status.TRIAL));
        // a request its administrators review: nothing is active yet
        assertThat(relationships.findOpen(partner.id(), existing.customer().id())).get()
                .satisfies(r -> assertThat(r.status()).isEqualTo(com.partnercenter.delegation.Relationship.Status.PENDING));
    }

    @Test
    void aSecondTrialOfTheSkuForTheSameCustomerIsRefusedAndNothingElseHappens() {
        var existing = data.customerOf(partner);
        ProcessInstance first = forExistingCustomer(acceptanceVariables(false, false, existing.customer().domain()),
                existing);
        runProvisioning(first);
        ProcessInstance second = runtime.createProcessInstanceByKey("trialAcceptance")
                .businessKey("TRIAL-TEST-again-" + existing.customer().domain())
                .setVariables(existingCustomer(acceptanceVariables(false, false, existing.customer().domain()), existing))
                .execute();
        runProvisioning(second);
        jobs.runAll(second.getId());
        assertThat(second).isEnded().hasPassed("Boundary_TrialTaken", "Gateway_Refused", "Task_TellRefused", "End_Refused")
                .hasNotPassed("Task_WatchTrial");
        assertThat(subscriptions.findByCustomer(existing.customer().id())).hasSize(1);
        assertThat(Mailbox.subject(lastTo(existing.admin().email()))).contains("n’a pas pu être mis en place");
        assertThat(Mailbox.text(lastTo(existing.admin().email()))).contains("a déjà eu un essai de cette offre");
    }

    // ---- helpers

    private ProcessInstance forExistingCustomer(Map<String, Object> vars, TestData.CustomerWithAdmin existing) {
        return runtime.createProcessInstanceByKey("trialAcceptance")
                .businessKey("TRIAL-TEST-" + existing.customer().domain())
                .setVariables(existingCustomer(vars, existing)).execute();
    }

    private static Map<String, Object> existingCustomer(Map<String, Object> vars, TestData.CustomerWithAdmin existing) {
        vars.put("existingCustomer", true);
        vars.put("customerId", existing.customer().id());
        vars.put("customerAdminUserId", existing.admin().userId());
        vars.put("customerCreated", false);
        vars.put("adminEmail", existing.admin().email());
        return vars;
    }

    private ProcessInstance invite(Map<String, Object> overrides) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("skuCode", sku.code());
        vars.put("linkValidityDays", 30);
        vars.putAll(overrides);
        return signedIn.start(user, partner, "trialInvitation", vars);
    }

    private ProcessInstance acceptance(boolean delegatedIncluded, boolean consent) {
        return acceptance(delegatedIncluded, consent, TestData.unique("trial") + ".example");
    }

    /** What the application starts when an acceptance of a trial invitation is confirmed. */
    private ProcessInstance acceptance(boolean delegatedIncluded, boolean consent, String domain) {
        return runtime.createProcessInstanceByKey("trialAcceptance").businessKey("TRIAL-TEST-" + domain)
                .setVariables(acceptanceVariables(delegatedIncluded, consent, domain)).execute();
    }

    private Map<String, Object> acceptanceVariables(boolean delegatedIncluded, boolean consent, String domain) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(PartnerTenantIdProvider.TENANT_VARIABLE, partner.tenantId());
        vars.put("partnerId", partner.id());
        vars.put("partnerUserEmail", user.email());
        vars.put("partnerUserLanguage", "en");
        vars.put("skuCode", sku.code());
        vars.put("skuName", sku.name());
        vars.put("trialDays", sku.trialDays());
        vars.put("trialLicenses", sku.trialLicenses());
        vars.put("includeDelegatedAdmin", delegatedIncluded);
        vars.put("delegatedAdminRole", delegatedIncluded ? "LIMITED" : null);
        vars.put("acceptanceId", 0L);
        vars.put("customerName", "Trial Co");
        vars.put("customerDomain", domain);
        vars.put("customerCountry", "FR");
        vars.put("customerLanguage", "fr");
        vars.put("adminFirstName", "Tia");
        vars.put("adminLastName", "Trial");
        vars.put("adminEmail", "admin@" + domain);
        vars.put("delegatedAdminConsent", consent);
        return vars;
    }

    private void runProvisioning(ProcessInstance pi) {
        for (int i = 0; i < 3 && provisioning.runFor(pi.getBusinessKey()) > 0; i++) {
            // customer, then subscription
        }
    }

    private void assertRefused(ProcessInstance pi, String reason) {
        assertThat(pi).isWaitingAt("Task_NotifyRefusal");
        assertThat((String) runtime.getVariable(pi.getId(), "refusalReason")).contains(reason);
    }

    private List<String> recipients() {
        return Mailbox.recipients(mail);
    }

    private MimeMessage lastTo(String address) {
        return Mailbox.lastTo(mail, address);
    }
}
