package com.partnercenter.delegation;

import static com.partnercenter.support.Mailbox.subject;
import static com.partnercenter.support.Mailbox.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.security.Groups;
import com.partnercenter.support.History;
import com.partnercenter.support.RefusalPath;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestData.CustomerWithAdmin;
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
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
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of processes/delegated-admin.bpmn, with the clock moved for its timers. */
@IntegrationTest
class DelegatedAdminProcessTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    private static final long DAY = 24L * 3600 * 1000;

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired History history;
    @Autowired RelationshipRepository relationships;
    @Autowired RoleAssignmentService roles;
    @Autowired DelegatedAdminService service;
    @Autowired PartnerRepository partners;

    private Partner partner;
    private PartnerUser full;
    private PartnerUser limited;
    private PartnerUser none;
    private CustomerWithAdmin customer;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        full = data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        limited = data.user(partner, SupportedAccess.LIMITED);
        none = data.user(partner, SupportedAccess.NONE);
        customer = data.customerOf(partner);
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        identity.clearAuthentication();
    }

    @Test
    void acceptedFullRelationshipGrantsRolesRemindsAndExpiresRemovingAccess() throws Exception {
        ProcessInstance pi = request(full, "FULL", 60, false);
        assertThat(pi).isWaitingAt("Task_AskCustomer");
        jobs.runAll(pi.getId());
        assertThat(pi).isWaitingAt("Task_Review");
        assertThat(recipients()).containsExactly(customer.admin().email());
        long relationshipId = (Long) runtime.getVariable(pi.getId(), "relationshipId");
        assertThat(relationships.findById(relationshipId).orElseThrow().status()).isEqualTo(Relationship.Status.PENDING);

        answer(pi, "ACCEPT", null);
        assertThat(pi).hasPassed("Task_AssignRoles");
        Relationship active = relationships.findById(relationshipId).orElseThrow();
        assertThat(active.status()).isEqualTo(Relationship.Status.ACTIVE);
        assertThat(relationships.roleOn(full.id(), customer.customer().id())).contains(AdminRole.GrantedRole.GLOBAL_ADMIN);
        assertThat(relationships.roleOn(limited.id(), customer.customer().id())).contains(AdminRole.GrantedRole.PASSWORD_ADMIN);
        assertThat(relationships.roleOn(none.id(), customer.customer().id())).isEmpty();
        jobs.runAll(pi.getId());
        assertThat(recipients()).contains(full.email());

        // reminders 30, 7 and 1 days before the end, then the end
        for (int daysLeft : new int[] {30, 7, 1}) {
            assertThat(pi).isWaitingAt("Timer_ReminderDue");
            assertThat(runtime.getVariable(pi.getId(), "reminderDaysLeft")).isEqualTo(daysLeft);
            Jobs.moveClockJustAfter((Date) runtime.getVariable(pi.getId(), "nextReminderAt"));
            jobs.runAll(pi.getId());
        }
        assertThat(pi).isWaitingAt("Timer_EndReached");
        long reminders = Arrays.stream(mail.getReceivedMessages()).filter(m -> subject(m).contains("ends on")
                || subject(m).contains("prend fin")).count();
        assertThat(reminders).as("three reminders, to the customer admin and to the partner user").isEqualTo(6);
        Jobs.moveClockJustAfter((Date) runtime.getVariable(pi.getId(), "endsAt"));
        jobs.runAll(pi.getId());

        assertThat(pi).isEnded().hasPassed("End_TermOver", "Task_CloseExpired", "End_Expired");
        assertThat(relationships.findById(relationshipId).orElseThrow().status()).isEqualTo(Relationship.Status.EXPIRED);
        assertThat(relationships.roleOn(full.id(), customer.customer().id())).isEmpty();
        assertThat(relationships.findOpen(partner.id(), customer.customer().id())).isEmpty();
    }

    @Test
    void limitedWithAutomaticRenewalIsRenewedBy180Days() {
        ProcessInstance pi = request(full, "LIMITED", 10, true);
        jobs.runAll(pi.getId());
        answer(pi, "ACCEPT", null);
        jobs.runAll(pi.getId());
        assertThat(relationships.roleOn(full.id(), customer.customer().id())).contains(AdminRole.GrantedRole.PASSWORD_ADMIN);
        assertThat(runtime.getVariable(pi.getId(), "reminderDaysLeft")).as("no 30-day reminder on a 10-day term")
                .isEqualTo(7);
        Date firstEnd = (Date) runtime.getVariable(pi.getId(), "endsAt");
        Jobs.moveClockJustAfter(firstEnd);
        jobs.runAll(pi.getId());
        assertThat(pi).hasPassed("Task_Renew", "Task_TellRenewed").isWaitingAt("Timer_ReminderDue");
        Date newEnd = (Date) runtime.getVariable(pi.getId(), "endsAt");
        assertThat(newEnd.getTime() - firstEnd.getTime()).isEqualTo(180 * DAY);
        assertThat(runtime.getVariable(pi.getId(), "reminderDaysLeft")).isEqualTo(30);
        long id = (Long) runtime.getVariable(pi.getId(), "relationshipId");
        assertThat(relationships.findById(id).orElseThrow().endsAt()).isEqualTo(newEnd.toInstant());
    }

    @Test
    void declineTellsThePartnerWithTheComment() throws Exception {
        ProcessInstance pi = request(full, "LIMITED", 365, false);
        jobs.runAll(pi.getId());
        answer(pi, "DECLINE", "Not now, <b>thanks</b>");
        jobs.runAll(pi.getId());
        assertThat(pi).isEnded().hasPassed("Task_CloseDeclined", "Task_TellDeclined", "End_Declined");
        long id = (Long) history.variable(pi, "relationshipId");
        assertThat(relationships.findById(id).orElseThrow().status()).isEqualTo(Relationship.Status.DECLINED);
        MimeMessage toPartner = lastTo(full.email());
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(toPartner)).contains("Not now, &lt;b&gt;thanks");
        assertThat(relationships.roleOn(full.id(), customer.customer().id())).isEmpty();
    }

    @Test
    void noAnswerIn90DaysExpiresTheRequestAndTellsBothSides() {
        ProcessInstance pi = request(full, "FULL", 365, false);
        jobs.runAll(pi.getId());
        Jobs.moveClockJustAfter(new Date(ClockUtil.getCurrentTime().getTime() + 89 * DAY));
        assertThat(jobs.runAll(pi.getId())).isZero();
        Jobs.moveClockJustAfter(new Date(ClockUtil.getCurrentTime().getTime() + 2 * DAY));
        jobs.runAll(pi.getId());
        assertThat(pi).isEnded().hasPassed("Boundary_NoAnswer", "Task_TellRequestExpired", "End_RequestExpired");
        long id = (Long) history.variable(pi, "relationshipId");
        assertThat(relationships.findById(id).orElseThrow().status()).isEqualTo(Relationship.Status.EXPIRED);
        assertThat(recipients()).contains(customer.admin().email(), full.email());
    }

    @Test
    void eitherSideCanEndItEarlyAndAccessGoesAtOnce() {
        for (DelegatedAdminService.Side side : DelegatedAdminService.Side.values()) {
            CustomerWithAdmin other = data.customerOf(partner);
            customer = other;
            ProcessInstance pi = request(full, "FULL", 365, false);
            jobs.runAll(pi.getId());
            answer(pi, "ACCEPT", null);
            jobs.runAll(pi.getId());
            long id = (Long) runtime.getVariable(pi.getId(), "relationshipId");
            // the partner's global admin, or the customer's admin; a Limited partner user may not, a stranger does
            // not see the relationship
            String actor = side == DelegatedAdminService.Side.PARTNER ? full.userId() : other.admin().userId();
            assertThatThrownBy(() -> service.end(id, limited.userId(), null)).isInstanceOf(SecurityException.class);
            String stranger = data.customerOf(partner).admin().userId();
            assertThatThrownBy(() -> service.end(id, stranger, null)).isInstanceOf(java.util.NoSuchElementException.class);

            service.end(id, actor, "moving on");
            jobs.runAll(pi.getId());

            assertThat(pi).isEnded().hasPassed("Boundary_EndedEarly", "Task_CloseTerminated", "End_EndedEarly");
            assertThat(relationships.findById(id).orElseThrow().status()).isEqualTo(Relationship.Status.TERMINATED);
            assertThat(relationships.roleOn(full.id(), other.customer().id())).isEmpty();
            assertThat(history.variable(pi, "endReason")).isEqualTo("ENDED_BY_" + side);
            assertThatThrownBy(() -> service.end(id, actor, null)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void changingAUsersAccessUpdatesItsGrants() {
        ProcessInstance pi = request(full, "FULL", 365, false);
        jobs.runAll(pi.getId());
        answer(pi, "ACCEPT", null);
        long customerId = customer.customer().id();
        assertThat(relationships.roleOn(none.id(), customerId)).isEmpty();

        roles.reassign(withAccess(none, SupportedAccess.FULL));
        assertThat(relationships.roleOn(none.id(), customerId)).contains(AdminRole.GrantedRole.GLOBAL_ADMIN);
        roles.reassign(withAccess(none, SupportedAccess.LIMITED));
        assertThat(relationships.roleOn(none.id(), customerId)).contains(AdminRole.GrantedRole.PASSWORD_ADMIN);
        roles.reassign(withAccess(none, SupportedAccess.NONE));
        assertThat(relationships.roleOn(none.id(), customerId)).isEmpty();
    }

    @Test
    void onlyTheCustomersAdminsSeeAndAnswerTheReviewTask() {
        ProcessInstance pi = request(full, "LIMITED", 365, false);
        jobs.runAll(pi.getId());
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        CustomerWithAdmin otherCustomer = data.customerOf(partner);

        assertThat(visibleTasks(customer.admin().userId(), customer.customer().groupId())).contains(task.getId());
        assertThat(visibleTasks(otherCustomer.admin().userId(), otherCustomer.customer().groupId()))
                .doesNotContain(task.getId());
        assertThat(visibleTasksOfPartnerUser(full)).doesNotContain(task.getId());

        identity.setAuthentication(otherCustomer.admin().userId(),
                List.of(Groups.CUSTOMERS, otherCustomer.customer().groupId()), List.of(partner.tenantId()));
        try {
            // another customer's task does not exist for it: 404 on every REST endpoint
            assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("decision", "ACCEPT")))
                    .isInstanceOf(org.camunda.bpm.engine.rest.exception.InvalidRequestException.class)
                    .hasMessageContaining("n’existe pas ou ne vous est pas visible");
        } finally {
            identity.clearAuthentication();
        }
        assertThat(pi).isWaitingAt("Task_Review");

        identity.setAuthentication(customer.admin().userId(), List.of(Groups.CUSTOMERS, customer.customer().groupId()),
                List.of(partner.tenantId()));
        try {
            assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("decision", "MAYBE")))
                    .isInstanceOf(com.partnercenter.guard.CommandRefusedException.class)
                    .hasMessageContaining("« MAYBE » ne fait pas partie des choix");
        } finally {
            identity.clearAuthentication();
        }
        assertThat(pi).isWaitingAt("Task_Review");
    }

    @Test
    void aReviewerCannotRewriteTheRequestWithTaskVariables() {
        CustomerWithAdmin victim = data.customerOf(partner);
        CustomerWithAdmin own = customer;
        customer = victim;
        ProcessInstance victimRequest = request(full, "LIMITED", 30, false);
        long victimRelationship = (Long) runtime.getVariable(victimRequest.getId(), "relationshipId");
        customer = own;
        ProcessInstance pi = request(full, "LIMITED", 30, false);
        jobs.runAll(pi.getId());
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        Map<String, Object> forged = new HashMap<>();
        forged.put("decision", "ACCEPT");
        forged.put("relationshipId", victimRelationship);
        forged.put("customerId", victim.customer().id());
        forged.put("durationDays", 100000);
        forged.put("adminRole", "FULL");
        identity.setAuthentication(own.admin().userId(), List.of(Groups.CUSTOMERS, own.customer().groupId()),
                List.of(partner.tenantId()));
        try {
            // the reviewer's completion carries only the review form's fields
            assertThatThrownBy(() -> tasks.complete(task.getId(), forged))
                    .isInstanceOf(com.partnercenter.guard.CommandRefusedException.class)
                    // in the reviewer's language: its organization's, French
                    .hasMessageContaining("Le formulaire n’a pas de champ « relationshipId »")
                    .hasMessageContaining("Le formulaire n’a pas de champ « adminRole »");
        } finally {
            identity.clearAuthentication();
        }
        assertThat(pi).isWaitingAt("Task_Review");
        // and were variables written all the same (by the application or an operator), the terms are the row's
        tasks.complete(task.getId(), forged);
        assertThat(relationships.findById(victimRelationship).orElseThrow().status())
                .isEqualTo(Relationship.Status.PENDING);
        assertThat(relationships.roleOn(full.id(), victim.customer().id())).isEmpty();
        Relationship mine = relationships.findByProcessInstance(pi.getId()).orElseThrow();
        assertThat(mine.status()).isEqualTo(Relationship.Status.ACTIVE);
        assertThat(mine.role()).isEqualTo(AdminRole.LIMITED);
        assertThat(java.time.Duration.between(mine.startsAt(), mine.endsAt()).toDays()).isEqualTo(30);
        assertThat(runtime.getVariable(pi.getId(), "customerId")).isEqualTo(own.customer().id());
    }

    @Test
    void aPartnerUsersBadRequestIsRefusedAtOnceWithTheReasonAndNothingIsStored() {
        Partner noDelegation = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser advisor = data.user(noDelegation, SupportedAccess.FULL);
        assertThat(refused(advisor, noDelegation, customer.customer().domain(), "FULL", 365, false))
                .contains("does not hold the program authorization Delegated administration");
        assertThat(refused(full, partner, customer.customer().domain(), "FULL", 365, true))
                .contains("cannot be renewed automatically");
        assertThat(refused(full, partner, customer.customer().domain(), "LIMITED", 0, false)).contains("takes at least 1");
        assertThat(refused(full, partner, customer.customer().domain(), "LIMITED", 731, false))
                .contains("takes at most 730");
        assertThat(refused(full, partner, customer.customer().domain(), "OWNER", 30, false))
                .contains("'OWNER' is not one of the choices");
        assertThat(refused(full, partner, data.customer().domain(), "LIMITED", 30, false)).contains("is not one of");
        assertThat(refused(full, partner, "nobody.example", "LIMITED", 30, false)).contains("is not one of");
        assertThat(relationships.findOpen(partner.id(), customer.customer().id())).isEmpty();

        ProcessInstance first = request(full, "LIMITED", 30, false);
        assertThat(first).isWaitingAt("Task_AskCustomer");
        assertThat(refused(limited, partner, customer.customer().domain(), "FULL", 30, false)).contains("already waiting");
    }

    @Test
    void aBadRequestStartedByTheApplicationEndsOnTheModelledRefusalPath() {
        Partner noDelegation = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser advisor = data.user(noDelegation, SupportedAccess.FULL);
        ProcessInstance refused = startAsApplication(advisor, noDelegation, customer.customer().domain(), "FULL", 365,
                false);
        RefusalPath.tellingThePartner(refused);
        assertThat((String) runtime.getVariable(refused.getId(), "refusalReason")).contains("Delegated administration");
        jobs.runAll(refused.getId());
        assertThat(refused).isEnded().hasPassed("End_Refused");
        assertThat(recipients()).contains(advisor.email());

        assertRefused(startAsApplication(full, partner, customer.customer().domain(), "FULL", 365, true),
                "cannot be renewed automatically");
        assertRefused(startAsApplication(full, partner, customer.customer().domain(), "LIMITED", 0, false),
                "outside 1 to 730 days");
        assertRefused(startAsApplication(full, partner, customer.customer().domain(), "OWNER", 30, false),
                "not an administration level");
        assertRefused(startAsApplication(full, partner, "nobody.example", "LIMITED", 30, false), "is not one of");
        assertThat(relationships.findOpen(partner.id(), customer.customer().id())).isEmpty();

        ProcessInstance first = request(full, "LIMITED", 30, false);
        assertThat(first).isWaitingAt("Task_AskCustomer");
        assertRefused(startAsApplication(limited, partner, customer.customer().domain(), "FULL", 30, false),
                "already waiting");
    }

    @Test
    void calledByAnotherFlowItRunsForTheCallersPartnerAndCustomer() {
        engine.getRepositoryService().createDeployment()
                .addClasspathResource("bpmn/delegation-caller.bpmn").enableDuplicateFiltering(true).deploy();
        Map<String, Object> vars = new HashMap<>();
        vars.put("partnerTenantId", partner.tenantId());
        vars.put("partnerId", partner.id());
        vars.put("customerId", customer.customer().id());
        vars.put("adminRole", "LIMITED");
        vars.put("partnerUserEmail", full.email());
        ProcessInstance caller = runtime.startProcessInstanceByKey("delegationCaller", "CALLER-" + partner.advisorCode(),
                vars);
        ProcessInstance called = runtime.createProcessInstanceQuery().superProcessInstanceId(caller.getId())
                .singleResult();
        assertThat(called).isNotNull();
        assertThat(called.getTenantId()).isEqualTo(partner.tenantId());
        assertThat(called).hasPassed("Task_RecordRequest").isWaitingAt("Task_AskCustomer");
        assertThat(runtime.getVariable(called.getId(), "durationDays")).isEqualTo(365);
    }

    // ---- helpers

    private ProcessInstance request(PartnerUser user, String role, int days, boolean autoExtend) {
        return start(user, partner, customer.customer().domain(), role, days, autoExtend);
    }

    private ProcessInstance start(PartnerUser user, Partner p, String domain, String role, int days, boolean autoExtend) {
        return signedIn.start(user, p, "delegatedAdmin", values(domain, role, days, autoExtend));
    }

    private String refused(PartnerUser user, Partner p, String domain, String role, int days, boolean autoExtend) {
        return signedIn.refusedStart(user, p, "delegatedAdmin", values(domain, role, days, autoExtend));
    }

    private ProcessInstance startAsApplication(PartnerUser user, Partner p, String domain, String role, int days,
            boolean autoExtend) {
        return signedIn.startAsApplication(user, p, "delegatedAdmin", values(domain, role, days, autoExtend));
    }

    private static Map<String, Object> values(String domain, String role, int days, boolean autoExtend) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("customerDomain", domain);
        vars.put("adminRole", role);
        vars.put("durationDays", days);
        vars.put("autoExtend", autoExtend);
        return vars;
    }

    private void assertRefused(ProcessInstance pi, String reason) {
        assertThat(pi).hasPassed("Boundary_InvalidRequest");
        RefusalPath.tellingThePartner(pi);
        assertThat((String) runtime.getVariable(pi.getId(), "refusalReason")).contains(reason);
    }

    private void answer(ProcessInstance pi, String decision, String comment) {
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        Map<String, Object> vars = new HashMap<>();
        vars.put("decision", decision);
        vars.put("reviewComment", comment);
        identity.setAuthentication(customer.admin().userId(), List.of(Groups.CUSTOMERS, customer.customer().groupId()),
                List.of(partner.tenantId()));
        try {
            tasks.complete(task.getId(), vars);
        } finally {
            identity.clearAuthentication();
        }
    }

    private List<String> visibleTasks(String userId, String group) {
        identity.setAuthentication(userId, List.of(Groups.CUSTOMERS, group), List.of(partner.tenantId()));
        try {
            return tasks.createTaskQuery().list().stream().map(Task::getId).toList();
        } finally {
            identity.clearAuthentication();
        }
    }

    private List<String> visibleTasksOfPartnerUser(PartnerUser user) {
        return signedIn.as(user, partner, () -> tasks.createTaskQuery().list().stream().map(Task::getId).toList());
    }

    private PartnerUser withAccess(PartnerUser user, SupportedAccess access) {
        return new PartnerUser(user.id(), user.partnerId(), user.userId(), user.firstName(), user.lastName(),
                user.email(), user.language(), user.companyRole(), access);
    }

    private List<String> recipients() {
        return Mailbox.recipients(mail);
    }

    private MimeMessage lastTo(String address) {
        return Mailbox.lastTo(mail, address);
    }
}
