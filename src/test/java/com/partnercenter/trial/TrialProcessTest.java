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
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.link.Link;
import com.partnercenter.support.Confirmations;
import com.partnercenter.support.RefusalPath;
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
    @Autowired Confirmations confirmations;
    @Autowired com.partnercenter.acceptance.SignedInAcceptance signedInAcceptance;

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
        String url = com.partnercenter.support.TestLinks.invitationUrl(links, runtime, pi.getId());
        assertThat(body(lastTo(user.email()))).contains(url);

        var task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        // the form's day, written by the one writer of days (modelDays, ReaderFormat.isoDay), as the mails read it
        assertThat(tasks.getVariable(task.getId(), "linkExpiresAtText")).isEqualTo(com.partnercenter.platform.ReaderFormat
                .isoDay(((java.util.Date) runtime.getVariable(pi.getId(), "linkExpiresAt")).toInstant()));
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
    void aPartnerUsersBadStartIsRefusedAtOnceWithTheReasonAndStoresNothing() {
        assertThat(refused(Map.of("skuCode", "NO_SUCH_SKU"))).contains("'NO_SUCH_SKU' is not one of the choices");
        Sku noTrial = data.sku(false, 1, 10);
        assertThat(refused(Map.of("skuCode", noTrial.code()))).contains("is not one of the choices");
        assertThat(refused(Map.of("recipientEmails", "fine@ok.example\nnot-an-address"))).contains("'not-an-address'");
        assertThat(refused(Map.of("recipientEmails", many(51)))).contains("at most 50");
        assertThat(refused(Map.of("linkValidityDays", 0))).contains("takes at least 1");
        assertThat(refused(Map.of("partnerId", 1L))).contains("The form has no field 'partnerId'");

        Partner advisorOnly = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        user = data.user(advisorOnly, SupportedAccess.FULL);
        partner = advisorOnly;
        assertThat(refused(Map.of("includeDelegatedAdmin", true))).contains("Delegated administration");

        user = data.user(advisorOnly, SupportedAccess.NONE);
        assertThat(refused(Map.of())).contains("no admin access to companies you support");

        Partner noAdvisor = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        partner = noAdvisor;
        user = data.user(noAdvisor, SupportedAccess.FULL);
        assertThat(refused(Map.of())).contains("does not hold the program authorization Subscription advisor");
    }

    @Test
    void aBadStartByTheApplicationEndsOnTheModelledRefusalPath() {
        assertRefused(inviteAsApplication(Map.of("skuCode", "NO_SUCH_SKU")), "not an offer of the catalogue");
        Sku noTrial = data.sku(false, 1, 10);
        assertRefused(inviteAsApplication(Map.of("skuCode", noTrial.code())), "cannot be offered as a trial");
        assertRefused(inviteAsApplication(Map.of("recipientEmails", "fine@ok.example\nnot-an-address")),
                "'not-an-address'");
        assertRefused(inviteAsApplication(Map.of("recipientEmails", many(51))), "at most 50");
        assertRefused(inviteAsApplication(Map.of("linkValidityDays", 0)), "outside the allowed");

        Partner advisorOnly = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        user = data.user(advisorOnly, SupportedAccess.FULL);
        partner = advisorOnly;
        assertRefused(inviteAsApplication(Map.of("includeDelegatedAdmin", true)), "Delegated administration");

        Partner noAdvisor = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        partner = noAdvisor;
        user = data.user(noAdvisor, SupportedAccess.FULL);
        ProcessInstance notAdvisor = inviteAsApplication(Map.of());
        assertThat(notAdvisor).hasNotPassed("Task_PrepareInvitation");
        RefusalPath.tellingThePartner(notAdvisor);
        jobs.runAll(notAdvisor.getId());
        assertThat(notAdvisor).isEnded().hasPassed("End_Refused");
    }

    // ---- one customer's trial

    @Test
    void thePartnerCompletesTheFollowUpAndTheTrialRunsOnToItsReminders() throws Exception {
        ProcessInstance trial = acceptance(false, false);
        runProvisioning(trial);
        jobs.runAll(trial.getId());
        Jobs.moveClockJustAfter((Date) runtime.getVariable(trial.getId(), "reminder7At"));
        jobs.runAll(trial.getId());
        var followUp = tasks.createTaskQuery().processInstanceId(trial.getId()).taskDefinitionKey("Task_FollowUp")
                .singleResult();
        signedIn.as(user, partner, () -> {
            tasks.complete(followUp.getId(), Map.of("followUpNote", "Offer sent"));
            return null;
        });
        assertThat(trial).hasPassed("End_FollowedUp").isWaitingAt("Timer_Reminder1");
    }

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
        assertThat(trial).isWaitingAt("Timer_Reminder7").hasPassed("Task_CreateCustomer", "Gateway_TrialCreated",
                "Task_EmailWelcome", "Task_TellCustomer").hasNotPassed("Task_CreateTrial");
        // a new organization and its trial in one provisioning task, then one job for the trial's first three mails
        assertThat(engine.getHistoryService().createHistoricExternalTaskLogQuery().processInstanceId(trial.getId()).creationLog()
                .count()).as("provisioning round trips").isEqualTo(1);
        assertThat(engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(trial.getId()).creationLog()
                .activityIdIn("Gateway_WelcomeNeeded", "Task_EmailWelcome", "Task_TellCustomer").count())
                .as("jobs before the reminders").isEqualTo(1);

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
        ProcessInstance trial = forExistingCustomer(true, true, existing);
        runProvisioning(trial);
        jobs.runAll(trial.getId());
        assertThat(trial).hasPassed("Task_RecordRequest", "Gateway_NewCustomer", "Task_CreateTrial",
                        "Task_StartDelegatedAdmin")
                .hasNotPassed("Task_CreateCustomer", "Task_EmailWelcome")
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
        // two invitations of the SKU taken before the first trial was set up: the page could not tell
        ProcessInstance first = forExistingCustomer(false, false, existing);
        ProcessInstance second = forExistingCustomer(false, false, existing);
        runProvisioning(first);
        runProvisioning(second);
        jobs.runAll(second.getId());
        assertThat(second).isEnded().hasPassed("Boundary_TrialTaken", "Gateway_Refused", "Task_TellRefused", "End_Refused")
                .hasNotPassed("Task_WatchTrial");
        assertThat(subscriptions.findByCustomer(existing.customer().id())).hasSize(1);
        assertThat(Mailbox.subject(lastTo(existing.admin().email()))).contains("n’a pas pu être mis en place");
        assertThat(Mailbox.text(lastTo(existing.admin().email()))).contains("a déjà eu un essai de cette offre");
    }

    // ---- helpers

    /** An existing customer's signed-in administrator takes a trial invitation for it (the accept page's call). */
    private ProcessInstance forExistingCustomer(boolean delegatedIncluded, boolean consent,
            TestData.CustomerWithAdmin existing) {
        ProcessInstance invitation = invite(delegatedIncluded
                ? Map.of("includeDelegatedAdmin", true, "delegatedAdminRole", "LIMITED") : Map.of());
        Link link = links.findById((Long) runtime.getVariable(invitation.getId(), "linkId")).orElseThrow();
        var form = new com.partnercenter.acceptance.AcceptanceForm();
        form.setDelegatedAdminConsent(consent);
        assertThat(signedInAcceptance.accept(link, existing.admin(), form))
                .isInstanceOf(com.partnercenter.acceptance.SignedInAcceptance.Outcome.Accepted.class);
        return runtime.createProcessInstanceQuery().processDefinitionKey("trialAcceptance")
                .processInstanceBusinessKeyLike(link.businessKey() + "-A%").singleResult();
    }

    private ProcessInstance invite(Map<String, Object> overrides) {
        return signedIn.start(user, partner, "trialInvitation", invitation(overrides));
    }

    private String refused(Map<String, Object> overrides) {
        return signedIn.refusedStart(user, partner, "trialInvitation", invitation(overrides));
    }

    private ProcessInstance inviteAsApplication(Map<String, Object> overrides) {
        return signedIn.startAsApplication(user, partner, "trialInvitation", invitation(overrides));
    }

    private Map<String, Object> invitation(Map<String, Object> overrides) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("skuCode", sku.code());
        vars.put("linkValidityDays", 30);
        vars.putAll(overrides);
        return vars;
    }

    private static String many(int count) {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < count; i++) {
            many.append("r").append(i).append("@many.example\n");
        }
        return many.toString();
    }

    private ProcessInstance acceptance(boolean delegatedIncluded, boolean consent) {
        return acceptance(delegatedIncluded, consent, TestData.unique("trial") + ".example");
    }

    /**
     * A customer's confirmed acceptance of a trial invitation (with delegated administration or not): the application
     * starts its trial acceptance, as the confirmation link does.
     */
    private ProcessInstance acceptance(boolean delegatedIncluded, boolean consent, String domain) {
        ProcessInstance invitation = invite(delegatedIncluded
                ? Map.of("includeDelegatedAdmin", true, "delegatedAdminRole", "LIMITED") : Map.of());
        Link link = links.findById((Long) runtime.getVariable(invitation.getId(), "linkId")).orElseThrow();
        long acceptanceId = confirmations.confirm(link, Confirmations.form(domain, consent));
        return runtime.createProcessInstanceQuery().processDefinitionKey("trialAcceptance")
                .processInstanceBusinessKey(link.businessKey() + "-A" + acceptanceId).singleResult();
    }

    private void runProvisioning(ProcessInstance pi) {
        for (int i = 0; i < 3 && provisioning.runFor(pi.getBusinessKey()) > 0; i++) {
            // customer, then subscription
        }
    }

    private void assertRefused(ProcessInstance pi, String reason) {
        RefusalPath.tellingThePartner(pi);
        assertThat((String) runtime.getVariable(pi.getId(), "refusalReason")).contains(reason);
    }

    private List<String> recipients() {
        return Mailbox.recipients(mail);
    }

    private MimeMessage lastTo(String address) {
        return Mailbox.lastTo(mail, address);
    }
}
