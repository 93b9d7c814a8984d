package com.partnercenter.signup;

import static com.partnercenter.support.Mailbox.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.link.LinkService;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.platform.PartnerTenantIdProvider;
import com.partnercenter.provisioning.CustomerRequest;
import com.partnercenter.provisioning.ProvisioningService;
import com.partnercenter.security.Groups;
import com.partnercenter.security.IdentityAdmin;
import com.partnercenter.acceptance.AcceptanceForm;
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
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of processes/customer-signup.bpmn. */
@IntegrationTest
class CustomerSignupProcessTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired IdentityService identity;
    @Autowired ManagementService management;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Confirmations confirmations;
    @Autowired Jobs jobs;
    @Autowired History history;
    @Autowired ProvisioningDriver provisioning;
    @Autowired CustomerRepository customers;
    @Autowired LinkService links;
    @Autowired ProvisioningService provisioningService;
    @Autowired IdentityAdmin identityAdmin;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        identity.clearAuthentication();
    }

    @Test
    void happyPathProvisionsTheCustomerAndTellsEveryone() throws Exception {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        ProcessInstance pi = startAs(user, partner, "prospect@newco.example", 30);

        assertThat(pi).hasPassed("Task_CheckAuthorization", "Task_IssueLink").isWaitingAt("Task_EmailInvitation");
        assertThat(pi.getBusinessKey()).startsWith("SIGNUP-" + partner.advisorCode() + "-");
        assertThat(pi.getTenantId()).isEqualTo(partner.tenantId());
        String url = com.partnercenter.support.TestLinks.invitationUrl(links, runtime, pi.getId());
        assertThat(url).startsWith("https://partners.test/p/" + partner.advisorCode() + "/");

        jobs.runAll(pi.getId());
        assertThat(pi).isWaitingAt("Task_WaitConfirmation");
        assertThat(recipients()).containsExactly("prospect@newco.example");

        String domain = TestData.unique("newco") + ".example";
        confirm(pi, domain);
        assertThat(pi).isWaitingAt("Task_CreateCustomer").externalTask().hasTopicName("provisioning");
        assertThat(provisioning.runFor(pi.getBusinessKey())).isEqualTo(1);
        jobs.runAll(pi.getId());

        assertThat(pi).hasPassed("Task_EmailWelcome", "Task_NotifyPartner", "Task_CloseLink")
                .isEnded().hasPassed("End_SignedUp");
        var customer = customers.findByDomain(domain).orElseThrow();
        assertThat(customers.findAdmins(customer.id())).extracting("email").containsExactly("admin@" + domain);
        assertThat(identity.createUserQuery().memberOfGroup(customer.groupId()).count()).isEqualTo(1);
        assertThat(identity.createUserQuery().memberOfGroup(customer.groupId()).singleResult().getId())
                .isEqualTo(customers.findAdmins(customer.id()).get(0).userId());
        assertThat(customers.countForPartner(partner.id())).isEqualTo(1);
        assertThat(links.findById((Long) history.variable(pi, "linkId")).orElseThrow().revokedAt()).isNotNull();
        assertThat(recipients()).containsExactly("prospect@newco.example", "admin@" + domain, user.email());
    }

    @Test
    void aPartnerUsersRefusedStartIsToldAtOnceAndStoresNothing() {
        Partner asp = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        assertThat(refused(data.user(asp, SupportedAccess.FULL), asp, "prospect@newco.example", 30))
                .contains("Subscription advisor");
        Partner advisor = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        assertThat(refused(data.user(advisor, SupportedAccess.NONE), advisor, "prospect@newco.example", 30))
                .contains("admin access");
        PartnerUser limited = data.user(advisor, SupportedAccess.LIMITED);
        assertThat(refused(limited, advisor, "prospect@newco.example", 0)).contains("takes at least 1");
        assertThat(refused(limited, advisor, "prospect@newco.example", 91)).contains("takes at most 90");
        assertThat(refused(limited, advisor, "not an address\r\nBcc: x@evil.example", 30))
                .contains("takes one line");
    }

    @Test
    void partnerWithoutSubscriptionAdvisorIsRefusedWithAReasonNotAnIncident() throws Exception {
        Partner partner = data.partner(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        ProcessInstance pi = startAsApplication(user, partner, "prospect@newco.example", 30);

        RefusalPath.tellingThePartner(pi);
        assertThat((String) runtime.getVariable(pi.getId(), "refusalReason")).contains("Subscription advisor");
        jobs.runAll(pi.getId());
        assertThat(pi).isEnded().hasPassed("Gateway_Refused", RefusalPath.CALL, "End_Refused")
                .hasNotPassed("Task_IssueLink");
        assertThat(RefusalPath.called(pi).getEndActivityId()).isEqualTo("End_PartnerTold");
        assertThat(recipients()).containsExactly(user.email());
        // the mail names the flow the partner started, not the called refusal path
        assertThat(Mailbox.subject(Mailbox.lastTo(mail, user.email()))).contains("Customer sign-up");
        assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void validityOutOfBoundsIsRefusedThroughTheErrorBoundary() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, SupportedAccess.LIMITED);
        for (int days : new int[] {0, 91}) {
            ProcessInstance pi = startAsApplication(user, partner, "prospect@newco.example", days);
            assertThat(pi).hasPassed("Boundary_InvalidRequest");
            RefusalPath.tellingThePartner(pi);
            assertThat((String) runtime.getVariable(pi.getId(), "refusalReason")).contains(days + " days");
            jobs.runAll(pi.getId());
            assertThat(pi).isEnded().hasPassed("End_Refused");
        }
    }

    @Test
    void invalidRecipientIsRefusedThroughTheErrorBoundary() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        ProcessInstance pi = startAsApplication(user, partner, "not an address\r\nBcc: x@evil.example", 30);
        assertThat(pi).hasPassed("Boundary_InvalidRequest");
        RefusalPath.tellingThePartner(pi);
    }

    @Test
    void linkExpiryTimerClosesTheUnusedLink() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        ProcessInstance pi = startAs(user, partner, "prospect@newco.example", 5);
        jobs.runAll(pi.getId());
        assertThat(pi).isWaitingAt("Task_WaitConfirmation");
        long linkId = (Long) runtime.getVariable(pi.getId(), "linkId");

        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 4L * 24 * 3600 * 1000));
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).executable().count()).isZero();
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 2L * 24 * 3600 * 1000));
        jobs.runAll(pi.getId());

        assertThat(pi).isEnded().hasPassed("Boundary_LinkExpired", "Task_CloseUnusedLink", "End_Closed");
        assertThat(links.findById(linkId).orElseThrow().revokedAt()).isNotNull();
    }

    @Test
    void revocationClosesTheLink() {
        ProcessInstance pi = invitationSent();

        runtime.createMessageCorrelation("RevokeLink").processInstanceBusinessKey(pi.getBusinessKey()).correlate();

        assertThat(pi).isEnded().hasPassed("Boundary_LinkRevoked", "Task_CloseUnusedLink", "End_Closed");
    }

    @Test
    void domainTakenMeanwhileEndsWithAReasonForThePartner() throws Exception {
        ProcessInstance pi = invitationSent();
        var other = data.customer();

        confirm(pi, other.domain());
        provisioning.runFor(pi.getBusinessKey());

        assertThat(pi).hasPassed("Task_CloseLink", "Boundary_DomainTaken").isWaitingAt("Task_NotifyDomainTaken");
        assertThat(links.findById((Long) runtime.getVariable(pi.getId(), "linkId")).orElseThrow().revokedAt())
                .as("no more acceptances once one is confirmed").isNotNull();
        assertThat((String) runtime.getVariable(pi.getId(), "refusalReason")).contains(other.domain());
        jobs.runAll(pi.getId());
        assertThat(pi).isEnded().hasPassed("End_DomainTaken");
    }

    @Test
    void variablesAloneProvisionNothingTheIncidentNamesTheCause() {
        ProcessInstance pi = invitationSent();
        String domain = TestData.unique("bad") + ".example";
        // the message correlated without a confirmed acceptance (by an operator, say), with a customer in variables
        runtime.createMessageCorrelation("AcceptanceConfirmed").processInstanceId(pi.getId())
                .setVariables(acceptance(domain)).correlate();

        provisioning.runFor(pi.getBusinessKey());

        var incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getIncidentMessage()).contains("names no customer to create");
        assertThat(pi).isWaitingAt("Task_CreateCustomer");
        assertThat(customers.findByDomain(domain)).isEmpty();
    }

    @Test
    void aReplayedProvisioningAfterAWorkerCrashCreatesOneCustomerAndStillMailsThePasswordLink() throws Exception {
        ProcessInstance pi = invitationSent();
        String domain = TestData.unique("twice") + ".example";
        confirm(pi, domain);
        // a worker provisioned, then died before completing the task: the same request runs again
        var first = provisioningService.createCustomer(new CustomerRequest("New Co", domain, "FR", "fr", "Ada",
                "Lovelace", "admin@" + domain, null), pi.getId() + "/Task_CreateCustomer");

        assertThat(provisioning.runFor(pi.getBusinessKey())).isEqualTo(1);

        assertThat(runtime.getVariable(pi.getId(), "customerId")).isEqualTo(first.customerId());
        assertThat(runtime.getVariable(pi.getId(), "customerCreated")).isEqualTo(true);
        var customer = customers.findByDomain(domain).orElseThrow();
        assertThat(customers.findAdmins(customer.id())).hasSize(1);
        assertThat(identity.createUserQuery().memberOfGroup(customer.groupId()).count()).isEqualTo(1);
        jobs.runAll(pi.getId());
        MimeMessage welcome = Arrays.stream(mail.getReceivedMessages()).filter(m -> to(m).equals("admin@" + domain))
                .findFirst().orElseThrow();
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(welcome).replace("=\r\n", ""))
                .contains("/password/");
    }

    @Test
    void aStartVariableCannotNameAnotherUserAsInitiator() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser noAccess = data.user(partner, SupportedAccess.NONE);
        PartnerUser colleague = data.user(partner, SupportedAccess.FULL);
        Map<String, Object> vars = new HashMap<>();
        vars.put("recipientEmail", "prospect@newco.example");
        vars.put("initiator", colleague.userId());
        vars.put("initiator", noAccess.userId());
        assertThat(signedIn.refusedStart(colleague, partner, "customerSignup", vars))
                .contains("The form has no field 'initiator'");
    }

    @Test
    void aRefusedStarterWithoutAnAddressEndsWithTheReasonAndNoIncident() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        String operator = TestData.unique("op");
        identityAdmin.ensureUser(operator, "No", "Mail", null, TestData.PASSWORD);
        identityAdmin.ensureMembership(operator, Groups.OPERATORS);
        identity.setAuthentication(operator, List.of(Groups.OPERATORS), List.of());
        ProcessInstance pi;
        try {
            pi = runtime.startProcessInstanceByKey("customerSignup", Map.of("recipientEmail", "p@newco.example",
                    PartnerTenantIdProvider.TENANT_VARIABLE, partner.tenantId()));
        } finally {
            identity.clearAuthentication();
        }
        assertThat(pi).isEnded().hasPassed(RefusalPath.CALL, "End_Refused");
        // the called refusal path found nobody to mail and ended at once, without a mail job
        assertThat(RefusalPath.called(pi).getEndActivityId()).isEqualTo("End_NobodyToTell");
        assertThat(RefusalPath.called(pi).getTenantId()).isEqualTo(partner.tenantId());
        assertThat(pi.getTenantId()).isEqualTo(partner.tenantId());
        assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat((String) history.variable(pi, "refusalReason")).contains("Only a partner's users start this flow");
    }

    /** A sign-up by a full-access user of a subscription advisor, its invitation sent. */
    private ProcessInstance invitationSent() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        ProcessInstance pi = startAs(user, partner, "prospect@newco.example", 30);
        jobs.runAll(pi.getId());
        assertThat(pi).isWaitingAt("Task_WaitConfirmation");
        return pi;
    }

    private ProcessInstance startAs(PartnerUser user, Partner partner, String recipient, int days) {
        return signedIn.start(user, partner, "customerSignup", values(recipient, days));
    }

    private static Map<String, Object> values(String recipient, int days) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("recipientEmail", recipient);
        vars.put("recipientLanguage", "fr");
        vars.put("personalMessage", "Bonjour <b>!</b>");
        vars.put("linkValidityDays", days);
        return vars;
    }

    /** The customer accepts on the page and confirms from the mail (the application correlates the message). */
    private void confirm(ProcessInstance pi, String domain) {
        Link link = links.findById((Long) runtime.getVariable(pi.getId(), "linkId")).orElseThrow();
        AcceptanceForm form = Confirmations.form(domain, false);
        form.setOrganizationName("New Co <script>");
        form.setAdminFirstName("Ada");
        form.setAdminLastName("Lovelace");
        confirmations.confirm(link, form);
    }

    private String refused(PartnerUser user, Partner partner, String recipient, int days) {
        return signedIn.refusedStart(user, partner, "customerSignup", values(recipient, days));
    }

    private ProcessInstance startAsApplication(PartnerUser user, Partner partner, String recipient, int days) {
        return signedIn.startAsApplication(user, partner, "customerSignup", values(recipient, days));
    }

    private static Map<String, Object> acceptance(String domain) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("acceptanceId", 0L);
        vars.put("customerName", "New Co <script>");
        vars.put("customerDomain", domain);
        vars.put("customerCountry", "FR");
        vars.put("customerLanguage", "fr");
        vars.put("adminFirstName", "Ada");
        vars.put("adminLastName", "Lovelace");
        vars.put("adminEmail", "admin@" + domain);
        vars.put("delegatedAdminConsent", false);
        return vars;
    }

    private List<String> recipients() {
        return Mailbox.recipients(mail);
    }
}
