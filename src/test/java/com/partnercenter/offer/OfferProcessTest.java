package com.partnercenter.offer;

import static com.partnercenter.support.Mailbox.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.acceptance.AcceptanceForm;
import com.partnercenter.acceptance.AcceptanceService;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.delegation.Relationship;
import com.partnercenter.delegation.RelationshipRepository;
import com.partnercenter.link.Link;
import com.partnercenter.link.LinkResolution;
import com.partnercenter.link.LinkService;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.partnerofrecord.PartnerOfRecordService;
import com.partnercenter.partnerofrecord.SubscriptionChange;
import com.partnercenter.platform.PartnerTenantIdProvider;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.Confirmations;
import com.partnercenter.support.RefusalPath;
import com.partnercenter.support.History;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.ProvisioningDriver;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestMail;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every path of processes/purchase-offer.bpmn and processes/purchase-offer-acceptance.bpmn. */
@IntegrationTest
class OfferProcessTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    private static final Pattern CONFIRM = Pattern.compile("https://partners\\.test/p/([A-Z0-9]+)/confirm/([A-Za-z0-9_-]{43})");

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired org.camunda.bpm.engine.HistoryService historyService;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired History history;
    @Autowired ProvisioningDriver provisioning;
    @Autowired CustomerRepository customers;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired RelationshipRepository relationships;
    @Autowired LinkService links;
    @Autowired OfferRepository offers;
    @Autowired OfferAcceptances offerAcceptances;
    @Autowired AcceptanceService acceptances;
    @Autowired PartnerOfRecordService partnerOfRecord;
    @Autowired JdbcClient jdbc;
    @Autowired javax.sql.DataSource dataSource;
    @Autowired org.camunda.bpm.engine.ExternalTaskService externalTasks;
    @Autowired com.partnercenter.request.FlowRequests requests;
    @Autowired com.partnercenter.provisioning.ProvisioningService provisioningService;
    @Autowired com.partnercenter.support.Confirmations confirmations;

    private Partner partner;
    private PartnerUser user;
    private Sku basic;
    private Sku e3;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN);
        user = data.user(partner, SupportedAccess.FULL);
        basic = data.sku(true, 1, 300);
        e3 = data.sku(false, 5, 10000);
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
    }

    // ---- the offer

    @Test
    void anOpenOfferMailsRecipientsAndPartnerAndClosesWhenWithdrawnInTasklist() throws Exception {
        ProcessInstance pi = offer(Map.of("recipientEmails", "buyer@one.example", "personalMessage", "À bientôt"));
        assertThat(pi.getBusinessKey()).startsWith("OFFER-" + partner.advisorCode());
        assertThat(runtime.getVariable(pi.getId(), "offerLines")).isEqualTo(basic.code() + ":10;" + e3.code() + ":20");
        jobs.runAll(pi.getId());
        assertThat(pi).isWaitingAt("Task_ManageOffer");
        assertThat(Mailbox.recipients(mail)).containsExactlyInAnyOrder("buyer@one.example", user.email());
        String url = com.partnercenter.support.TestLinks.invitationUrl(links, runtime, pi.getId());
        assertThat(body(Mailbox.lastTo(mail, "buyer@one.example"))).contains(url, basic.name(), "1 to 300");
        PurchaseOffer recorded = offers.findByProcessInstance(pi.getId()).orElseThrow();
        assertThat(recorded.targeted()).isFalse();
        assertThat(recorded.lines()).extracting(PurchaseOffer.Line::licenses).containsExactly(10, 20);

        var task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        // the form's day, written by the one writer of days (modelDays, ReaderFormat.isoDay), as the mails read it
        assertThat(tasks.getVariable(task.getId(), "linkExpiresAtText")).isEqualTo(com.partnercenter.platform.ReaderFormat
                .isoDay(((java.util.Date) runtime.getVariable(pi.getId(), "linkExpiresAt")).toInstant()));
        assertThat(task.getAssignee()).isEqualTo(user.userId());
        tasks.complete(task.getId(), Map.of("revokeConfirmed", true));
        jobs.runAll(pi.getId());

        assertThat(pi).isEnded().hasPassed("Task_CloseRevoked", "Task_TellPartnerClosed", "End_Closed");
        assertThat(history.variable(pi, "closeReason")).isEqualTo("REVOKED");
        assertThat(links.findById(recorded.linkId()).orElseThrow().revokedAt()).isNotNull();
        assertThat(offers.findById(recorded.id()).orElseThrow().status()).isEqualTo(PurchaseOffer.Status.REVOKED);
    }

    @Test
    void theOfferExpires() {
        ProcessInstance pi = offer(Map.of("linkValidityDays", 3));
        jobs.runAll(pi.getId());
        Jobs.moveClockJustAfter((Date) runtime.getVariable(pi.getId(), "linkExpiresAt"));
        jobs.runAll(pi.getId());
        assertThat(pi).isEnded().hasPassed("Boundary_Expired", "Task_CloseExpired", "Task_TellPartnerClosed", "End_Closed");
        assertThat(history.variable(pi, "closeReason")).isEqualTo("EXPIRED");
        assertThat(body(Mailbox.lastTo(mail, user.email()))).contains("end of its validity");
    }

    @Test
    void theRevokeMessageWithdrawsTheOffer() {
        ProcessInstance pi = offer(Map.of());
        jobs.runAll(pi.getId());
        runtime.createMessageCorrelation("RevokeLink").processInstanceId(pi.getId()).correlate();
        jobs.runAll(pi.getId());
        assertThat(pi).isEnded().hasPassed("Boundary_Revoked", "Task_CloseRevoked", "End_Closed");
    }

    @Test
    void aNewOfferToTheSameCustomerForTheSameSkuSupersedesTheOlderOne() {
        var customer = data.customerOf(partner);
        var other = data.customerOf(partner);
        ProcessInstance older = offer(lines(basic, 10, null, null, Map.of("targetCustomerDomain", customer.customer().domain())));
        ProcessInstance otherCustomer = offer(Map.of("targetCustomerDomain", other.customer().domain()));
        ProcessInstance otherSku = offer(lines(e3, 5, null, null, Map.of("targetCustomerDomain", customer.customer().domain())));
        jobs.runAll(older.getId());
        jobs.runAll(otherCustomer.getId());
        jobs.runAll(otherSku.getId());
        long olderLink = offers.findByProcessInstance(older.getId()).orElseThrow().linkId();

        ProcessInstance newer = offer(lines(basic, 50, null, null,
                Map.of("targetCustomerDomain", customer.customer().domain().toUpperCase())));
        jobs.runAll(newer.getId());

        assertThat(older).isEnded().hasPassed("Boundary_Superseded", "Task_CloseSuperseded", "End_Superseded");
        assertThat(history.variable(older, "closeReason")).isEqualTo("SUPERSEDED");
        assertThat(history.variable(older, "supersededBy")).isEqualTo(newer.getBusinessKey());
        assertThat(links.findById(olderLink).orElseThrow().revokedAt()).isNotNull();
        assertThat(runtime.getVariable(newer.getId(), "supersededCount")).isEqualTo(1);
        assertThat(otherCustomer).isWaitingAt("Task_ManageOffer");
        assertThat(otherSku).as("an offer for other SKUs stands").isWaitingAt("Task_ManageOffer");
        assertThat(newer).isWaitingAt("Task_ManageOffer");
        assertThat(body(Mailbox.lastTo(mail, user.email()))).contains("superseded");
    }

    @Test
    void anOfferSupersededBeforeItsMailsLeftEndsWhenTheyHave() {
        var customer = data.customerOf(partner);
        ProcessInstance older = offer(Map.of("targetCustomerDomain", customer.customer().domain()));
        ProcessInstance newer = offer(Map.of("targetCustomerDomain", customer.customer().domain()));
        assertThat(runtime.getVariable(newer.getId(), "supersededCount")).isEqualTo(1);
        jobs.runAll(older.getId());
        assertThat(older).isEnded().hasPassed("Gateway_StillOpen", "End_ClosedMeanwhile").hasNotPassed("Task_ManageOffer");
    }

    @Test
    void anOpenOfferSupersedesNothing() {
        var customer = data.customerOf(partner);
        ProcessInstance targeted = offer(Map.of("targetCustomerDomain", customer.customer().domain()));
        ProcessInstance open = offer(Map.of());
        jobs.runAll(open.getId());
        assertThat(targeted).isNotEnded();
        assertThat(runtime.getVariable(open.getId(), "supersededCount")).isEqualTo(0);
    }

    @Test
    void aPartnerUsersBadLinesAreRefusedAtOnceNamingTheLineAndTheBound() {
        assertThat(refused(lines(null, null, null, null, Map.of()))).contains("at least one line");
        assertThat(refused(lines(basic, 10, null, null, Map.of("line2Licenses", 5)))).contains(
                "Line 2: choose the subscription");
        assertThat(refused(Map.of("line1Sku", "NO_SUCH_SKU"))).contains("'NO_SUCH_SKU' is not one of the choices");
        assertThat(refused(lines(basic, 10, basic, 20, Map.of()))).contains(
                "Line 2: " + basic.name() + " is already on another line");
        assertThat(refused(lines(basic, 10, e3, 4, Map.of()))).contains("Line 2: " + e3.name()
                + " needs at least 5 licenses");
        assertThat(refused(lines(basic, 301, null, null, Map.of()))).contains("Line 1: " + basic.name()
                + " allows at most 300 licenses");
        assertThat(refused(lines(basic, 0, null, null, Map.of()))).contains("takes at least 1");
        assertThat(refused(lines(basic, 2.5, null, null, Map.of()))).contains("whole number of licenses");
        assertThat(refused(lines(basic, "ten", null, null, Map.of()))).contains("takes a number, not 'ten'");
        assertThat(refused(lines(basic, 99999999999L, null, null, Map.of()))).contains("takes at most 50,000");
        assertThat(offers.findOpenOverlapping(partner.id(), 0, 0, List.of(basic.code()))).isEmpty();
    }

    @Test
    void badLinesStartedByTheApplicationEndOnTheModelledRefusalPath() {
        assertRefused(offerAsApplication(lines(null, null, null, null, Map.of("line1Sku", "", "line1Licenses", ""))),
                "at least one line");
        assertRefused(offerAsApplication(Map.of("line1Sku", "NO_SUCH_SKU")),
                "'NO_SUCH_SKU' is not a subscription of the catalogue");
        Sku unsellable = new Sku(TestData.unique("OLD"), "Old offer", false, 30, 25, 1, 10, 12, false);
        jdbc.sql("insert into pc_sku (code, name, trial_allowed, trial_days, trial_licenses, min_licenses, max_licenses, "
                + "term_months, sellable) values (?,?,?,?,?,?,?,?,?)").params(unsellable.code(), unsellable.name(), false,
                30, 25, 1, 10, 12, false).update();
        assertRefused(offerAsApplication(Map.of("line1Sku", unsellable.code())), "Old offer cannot be sold");
        assertRefused(offerAsApplication(lines(basic, -3, null, null, Map.of())), basic.name()
                + " needs at least 1 license.");
        assertRefused(offerAsApplication(lines(basic, "", null, null, Map.of())), "Line 1: Enter the number of "
                + "licenses for " + basic.name() + " (1 to 300)");
    }

    @Test
    void aPartnerUsersBadOfferIsRefusedAtOnceWithTheReason() {
        var notOurs = data.customer();
        assertThat(refused(Map.of("targetCustomerDomain", notOurs.domain()))).contains("is not the domain of one of");
        assertThat(refused(Map.of("recipientEmails", "not-an-address"))).contains("'not-an-address'");
        assertThat(refused(Map.of("linkValidityDays", 91))).contains("takes at most 90");
        assertThat(refused(Map.of("includeDelegatedAdmin", true, "delegatedAdminRole", "OWNER"))).contains("'OWNER'");
        assertThat(refused(Map.of("targetCustomerId", 1L))).contains("no field 'targetCustomerId'");
        partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        user = data.user(partner, SupportedAccess.FULL);
        assertThat(refused(Map.of("includeDelegatedAdmin", true))).contains("Delegated administration");
        partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        user = data.user(partner, SupportedAccess.FULL);
        assertThat(refused(Map.of())).contains("does not hold the program authorization Subscription advisor");
    }

    @Test
    void badOffersStartedByTheApplicationEndOnTheModelledRefusalPath() {
        var notOurs = data.customer();
        assertRefused(offerAsApplication(Map.of("targetCustomerDomain", notOurs.domain())), "is not the domain of one of");
        assertRefused(offerAsApplication(Map.of("linkValidityDays", 91)), "outside the allowed");
        partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        user = data.user(partner, SupportedAccess.FULL);
        assertRefused(offerAsApplication(Map.of("includeDelegatedAdmin", true)), "Delegated administration");

        partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        user = data.user(partner, SupportedAccess.FULL);
        ProcessInstance notAdvisor = offerAsApplication(Map.of());
        assertThat(notAdvisor).hasNotPassed("Task_CheckCounts");
        RefusalPath.tellingThePartner(notAdvisor);
        jobs.runAll(notAdvisor.getId());
        assertThat(notAdvisor).isEnded().hasPassed("End_Refused");
    }

    // ---- one customer's purchase

    @Test
    void aNewCustomerBuysWithItsOwnCountsAndThePartnerBecomesPartnerOfRecord() throws Exception {
        ProcessInstance pi = offer(Map.of());
        jobs.runAll(pi.getId());
        String domain = TestData.unique("buy") + ".example";
        ProcessInstance purchase = acceptAndConfirm(pi, form(domain, "ada@" + domain), Map.of(basic.code(), "12", e3.code(), "7"));
        assertThat(purchase.getTenantId()).isEqualTo(partner.tenantId());
        assertThat(purchase.getBusinessKey()).startsWith(pi.getBusinessKey() + "-A");
        runProvisioning(purchase);

        // a new customer and all its subscriptions in one provisioning task, then one job for its three mails
        assertThat(purchase).isEnded().hasPassed("Task_CreateCustomer", "Task_EmailWelcome", "Gateway_Provisioned",
                "Task_TellCustomer", "Task_TellPartner", "End_Purchased")
                .hasNotPassed("Task_PlanPurchase", "SubProcess_Lines", "Task_CreateSubscription", "Task_StartDelegatedAdmin");
        assertThat(historyService.createHistoricExternalTaskLogQuery().processInstanceId(purchase.getId())
                .creationLog().count()).as("provisioning round trips").isEqualTo(1);
        assertThat(historyService.createHistoricJobLogQuery().processInstanceId(purchase.getId()).creationLog()
                .count()).as("jobs").isEqualTo(1);
        long acceptanceId = requests.find(purchase.getId()).orElseThrow().acceptanceId();
        assertThat(offers.acceptedLines(acceptanceId)).as("each line names its subscription").allSatisfy(line -> {
            assertThat(line.action()).isEqualTo("CREATE");
            assertThat(subscriptions.findById(line.subscriptionId()).orElseThrow().skuCode()).isEqualTo(line.skuCode());
        });
        var customer = customers.findByDomain(domain).orElseThrow();
        assertThat(subscriptions.findByCustomer(customer.id())).extracting(Subscription::skuCode, Subscription::licenses,
                Subscription::status, Subscription::partnerOfRecordId, Subscription::origin)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(basic.code(), 12, Subscription.Status.ACTIVE, partner.id(), Subscription.Origin.PURCHASE_OFFER),
                        org.assertj.core.groups.Tuple.tuple(e3.code(), 7, Subscription.Status.ACTIVE, partner.id(), Subscription.Origin.PURCHASE_OFFER));
        String customerMail = body(Mailbox.lastTo(mail, "ada@" + domain));
        assertThat(customerMail).contains(basic.name(), "12 licenses", e3.name(), "7 licenses", "new subscription until");
        assertThat(body(Mailbox.lastTo(mail, user.email()))).contains("accepted your purchase offer", "12 licenses");
        assertThat(pi).as("an open offer stays open for other customers").isWaitingAt("Task_ManageOffer");
    }

    @Test
    void aForgedSkuOnAPurchaseLineChangesNeitherWhatIsProvisionedNorWhatIsRecorded() {
        var existing = data.customerOf(partner);
        String domain = existing.customer().domain();
        ProcessInstance pi = offer(Map.of("targetCustomerDomain", domain));
        jobs.runAll(pi.getId());
        ProcessInstance purchase = acceptAndConfirm(pi, form(domain, existing.admin().email()), Map.of(basic.code(),
                "12", e3.code(), "7"));
        for (int i = 0; i < 10 && !waitsForASubscription(purchase); i++) {
            jobs.runAll(purchase.getId());
            if (!waitsForASubscription(purchase)) {
                provisioning.runFor(purchase.getBusinessKey());
            }
        }
        // the first line waits for its subscription: an operator-style write names the other line's SKU on it
        var waiting = externalTasks.createExternalTaskQuery().processInstanceId(purchase.getId())
                .activityId("Task_CreateSubscription").singleResult();
        assertThat(runtime.getVariable(waiting.getExecutionId(), "skuCode")).isEqualTo(basic.code());
        runtime.setVariableLocal(waiting.getExecutionId(), "skuCode", e3.code());
        runProvisioning(purchase);

        assertThat(purchase).isEnded().hasPassed("End_Purchased");
        var customer = customers.findByDomain(domain).orElseThrow();
        assertThat(subscriptions.findByCustomer(customer.id())).extracting(Subscription::skuCode, Subscription::licenses)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(basic.code(), 12),
                        org.assertj.core.groups.Tuple.tuple(e3.code(), 7));
        long acceptanceId = requests.find(purchase.getId()).orElseThrow().acceptanceId();
        assertThat(offers.acceptedLines(acceptanceId)).allSatisfy(line -> assertThat(subscriptions
                .findById(line.subscriptionId()).orElseThrow().skuCode()).isEqualTo(line.skuCode()));
    }

    @Test
    void aPurchaseInsideItsLoopWhenV10_5ArrivedGetsItsLinesBound() throws Exception {
        var existing = data.customerOf(partner);
        String domain = existing.customer().domain();
        ProcessInstance pi = offer(Map.of("targetCustomerDomain", domain));
        jobs.runAll(pi.getId());
        ProcessInstance purchase = acceptAndConfirm(pi, form(domain, existing.admin().email()), Map.of(basic.code(),
                "12", e3.code(), "7"));
        for (int i = 0; i < 10 && !waitsForASubscription(purchase); i++) {
            jobs.runAll(purchase.getId());
            if (!waitsForASubscription(purchase)) {
                provisioning.runFor(purchase.getBusinessKey());
            }
        }
        // the first line is provisioned, the second waits: as before V10_5, no line is bound
        provisioning.runFor(purchase.getBusinessKey());
        jobs.runAll(purchase.getId());
        assertThat(waitsForASubscription(purchase)).isTrue();
        long acceptanceId = requests.find(purchase.getId()).orElseThrow().acceptanceId();
        jdbc.sql("update pc_offer_acceptance_line set execution_id = null where acceptance_id = ?")
                .param(acceptanceId).update();
        try (java.sql.Connection connection = dataSource.getConnection()) {
            assertThat(db.migration.V10_6__offer_lines_of_running_purchases.bind(connection)).isEqualTo(2);
        }
        runProvisioning(purchase);

        assertThat(purchase).isEnded().hasPassed("End_Purchased");
        var customer = customers.findByDomain(domain).orElseThrow();
        assertThat(subscriptions.findByCustomer(customer.id())).extracting(Subscription::skuCode, Subscription::licenses)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(basic.code(), 12),
                        org.assertj.core.groups.Tuple.tuple(e3.code(), 7));
    }

    @Test
    void anExistingCustomersRunningTrialIsConvertedAndItsRemindersStop() {
        ProcessInstance trial = runningTrial();
        long trialSubscription = (Long) runtime.getVariable(trial.getId(), "subscriptionId");
        String domain = (String) runtime.getVariable(trial.getId(), "customerDomain");

        ProcessInstance pi = offer(lines(basic, 40, null, null, Map.of("targetCustomerDomain", domain)));
        jobs.runAll(pi.getId());
        ProcessInstance purchase = acceptAndConfirm(pi, form(domain, "admin@" + domain), Map.of(basic.code(), "45"));
        assertThat(pi).as("an offer to one customer is accepted once").isEnded()
                .hasPassed("Boundary_Accepted", "Task_CloseAccepted", "End_Accepted");
        runProvisioning(purchase);

        assertThat(purchase).isEnded().hasPassed("Task_ConvertTrial", "Task_FinishConversion", "End_Purchased")
                .hasNotPassed("Task_CreateCustomer", "Task_CreateSubscription");
        Subscription converted = subscriptions.findById(trialSubscription).orElseThrow();
        assertThat(converted.status()).isEqualTo(Subscription.Status.ACTIVE);
        assertThat(converted.licenses()).isEqualTo(45);
        assertThat(converted.partnerOfRecordId()).isEqualTo(partner.id());
        assertThat(subscriptions.findByCustomer(converted.customerId())).hasSize(1);
        assertThat(trial).isEnded().hasPassed("Boundary_Converted", "End_Converted").hasNotPassed("Task_Remind7");
        assertThat(partnerOfRecord.history(trialSubscription)).extracting(SubscriptionChange::kind)
                .contains(SubscriptionChange.Kind.TRIAL_CONVERTED);
        assertThat(body(Mailbox.lastTo(mail, "admin@" + domain))).contains("trial converted");
    }

    @Test
    void aSkuTheCustomerAlreadyHasActiveIsNotIncreasedAndThePartnerIsTold() {
        var customer = data.customerOf(partner);
        subscriptions.insert(customer.customer().id(), basic.code(), 8, Subscription.Status.ACTIVE,
                Subscription.Origin.PRODUCT_KEY, java.time.LocalDate.now(), java.time.LocalDate.now().plusMonths(12),
                partner.id(), TestData.unique("key"));
        ProcessInstance pi = offer(Map.of("targetCustomerDomain", customer.customer().domain()));
        jobs.runAll(pi.getId());
        ProcessInstance purchase = acceptAndConfirm(pi, form(customer.customer().domain(), customer.admin().email()),
                Map.of(basic.code(), "10", e3.code(), "20"));
        runProvisioning(purchase);

        assertThat(purchase).isEnded().hasPassed("End_LineUnchanged", "Task_CreateSubscription");
        assertThat(subscriptions.findByCustomer(customer.customer().id())).extracting(Subscription::skuCode,
                Subscription::licenses).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(basic.code(), 8), org.assertj.core.groups.Tuple.tuple(e3.code(), 20));
        assertThat(body(Mailbox.lastTo(mail, user.email()))).contains("already had some of these subscriptions active",
                "already active with 8 licenses");
    }

    @Test
    void twoAdminsOfAnExistingCustomerAcceptingAnOpenOfferGetOneSetOfSubscriptions() {
        var customer = data.customerOf(partner);
        var second = customers.insertAdmin(customer.customer().id(), TestData.unique("u2").toLowerCase(),
                "Second", "Admin", "second@" + customer.customer().domain(), true);
        ProcessInstance pi = offer(Map.of());
        jobs.runAll(pi.getId());
        Link link = links.findById((Long) runtime.getVariable(pi.getId(), "linkId")).orElseThrow();
        // both admins accept before either confirms; the first purchase is still being provisioned when the
        // second admin confirms
        AcceptanceForm firstForm = form(customer.customer().domain(), customer.admin().email());
        firstForm.getLicenses().putAll(Map.of(basic.code(), "10", e3.code(), "20"));
        AcceptanceForm secondForm = form(customer.customer().domain(), second.email());
        secondForm.getLicenses().putAll(Map.of(basic.code(), "11", e3.code(), "21"));
        assertThat(offerAcceptances.submit(link, firstForm)).isInstanceOf(AcceptanceService.Submitted.AwaitingConfirmation.class);
        Link firstConfirmation = confirmationLinkMailedTo(firstForm.getAdminEmail());
        assertThat(offerAcceptances.submit(link, secondForm)).isInstanceOf(AcceptanceService.Submitted.AwaitingConfirmation.class);
        Link secondConfirmation = confirmationLinkMailedTo(secondForm.getAdminEmail());

        assertThat(acceptances.confirm(firstConfirmation)).isEqualTo(AcceptanceService.Confirmed.CONFIRMED);
        assertThat(acceptances.confirm(secondConfirmation)).as("the customer already bought this offer")
                .isEqualTo(AcceptanceService.Confirmed.NO_LONGER_OPEN);
        runtime.createProcessInstanceQuery().processDefinitionKey(OfferAcceptances.PROCESS).list().stream()
                .filter(p -> p.getBusinessKey().startsWith(link.businessKey() + "-A")).forEach(this::runProvisioning);

        assertThat(subscriptions.findByCustomer(customer.customer().id())).extracting(Subscription::skuCode)
                .as("double accept: one set of subscriptions").containsExactlyInAnyOrder(basic.code(), e3.code());
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(OfferAcceptances.PROCESS)
                .processInstanceBusinessKeyLike(link.businessKey() + "-A%").count()
                + historyService.createHistoricProcessInstanceQuery().processDefinitionKey(OfferAcceptances.PROCESS)
                .processInstanceBusinessKeyLike(link.businessKey() + "-A%").finished().count())
                .as("one purchase").isEqualTo(1);

        // once bought, a third attempt by an admin of the same customer is refused on the page, nothing stored
        AcceptanceForm again = form(customer.customer().domain(), second.email());
        again.getLicenses().putAll(Map.of(basic.code(), "12", e3.code(), "22"));
        assertThat(offerAcceptances.submit(link, again)).isEqualTo(
                new AcceptanceService.Submitted.Refused("adminEmail", "offer.alreadyAccepted"));
    }

    private Link confirmationLinkMailedTo(String email) {
        Matcher m = CONFIRM.matcher(body(Mailbox.lastTo(mail, email.toLowerCase())));
        assertThat(m.find()).isTrue();
        return ((LinkResolution.Usable) links.resolve(m.group(1), m.group(2))).link();
    }

    @Test
    void thePartnerContactOfAPurchaseComesFromThePartnerRowsNotFromTheOffersVariables() {
        ProcessInstance pi = offer(Map.of());
        jobs.runAll(pi.getId());
        // the assignee of "Manage the offer" can set variables on its offer instance
        runtime.setVariable(pi.getId(), "partnerUserEmail", "someone@elsewhere.example");
        runtime.setVariable(pi.getId(), "partnerName", "Not The Partner");
        String domain = TestData.unique("pc") + ".example";
        ProcessInstance purchase = acceptAndConfirm(pi, form(domain, "ada@" + domain),
                Map.of(basic.code(), "10", e3.code(), "20"));
        assertThat(runtime.getVariable(purchase.getId(), "partnerUserEmail")).isEqualTo(user.email());
        assertThat(runtime.getVariable(purchase.getId(), "partnerUserLanguage")).isEqualTo(user.language());
        assertThat(runtime.getVariable(purchase.getId(), "partnerName")).isEqualTo(partner.name());
    }

    @Test
    void agreedDelegatedAdministrationIsGrantedWithoutAReview() {
        ProcessInstance pi = offer(Map.of("includeDelegatedAdmin", true, "delegatedAdminRole", "FULL"));
        jobs.runAll(pi.getId());
        String domain = TestData.unique("dap") + ".example";
        AcceptanceForm form = form(domain, "ada@" + domain);
        form.setDelegatedAdminConsent(true);
        ProcessInstance purchase = acceptAndConfirm(pi, form, Map.of(basic.code(), "10", e3.code(), "20"));
        runProvisioning(purchase);
        assertThat(purchase).isEnded().hasPassed("Task_StartDelegatedAdmin");
        long customerId = customers.findByDomain(domain).orElseThrow().id();
        Relationship relationship = relationships.findOpen(partner.id(), customerId).orElseThrow();
        assertThat(relationship.status()).isEqualTo(Relationship.Status.ACTIVE);
    }

    @Test
    void delegatedAdministrationAcceptedByAnExistingCustomerWaitsForItsAdminsReviewSignedIn() {
        var customer = data.customerOf(partner);
        ProcessInstance pi = offer(Map.of("targetCustomerDomain", customer.customer().domain(),
                "includeDelegatedAdmin", true, "delegatedAdminRole", "FULL"));
        jobs.runAll(pi.getId());
        AcceptanceForm form = form(customer.customer().domain(), customer.admin().email());
        form.setDelegatedAdminConsent(true);
        ProcessInstance purchase = acceptAndConfirm(pi, form, Map.of(basic.code(), "10", e3.code(), "20"));
        runProvisioning(purchase);

        assertThat(purchase).isEnded().hasPassed("Task_StartDelegatedAdmin", "End_Purchased");
        Relationship pending = relationships.findOpen(partner.id(), customer.customer().id()).orElseThrow();
        assertThat(pending.status()).as("the tick box is a request: nothing is granted yet")
                .isEqualTo(Relationship.Status.PENDING);
        assertThat(relationships.roleOn(user.id(), customer.customer().id())).isEmpty();
        ProcessInstance review = runtime.createProcessInstanceQuery().processInstanceId(pending.processInstanceId())
                .singleResult();
        assertThat(review.getBusinessKey()).isEqualTo(purchase.getBusinessKey() + "-DA");
        jobs.runAll(review.getId());
        var task = tasks.createTaskQuery().processInstanceId(review.getId()).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_Review");
        assertThat(tasks.getIdentityLinksForTask(task.getId()))
                .anyMatch(link -> customer.customer().groupId().equals(link.getGroupId()));

        engine.getIdentityService().setAuthentication(customer.admin().userId(),
                List.of(com.partnercenter.security.Groups.CUSTOMERS, customer.customer().groupId()),
                List.of(partner.tenantId()));
        try {
            tasks.complete(task.getId(), Map.of("decision", "ACCEPT"));
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(relationships.findById(pending.id()).orElseThrow().status()).isEqualTo(Relationship.Status.ACTIVE);
        assertThat(relationships.roleOn(user.id(), customer.customer().id()))
                .contains(com.partnercenter.delegation.AdminRole.GrantedRole.GLOBAL_ADMIN);
    }

    @Test
    void delegatedAdministrationNotAgreedIsNotStarted() {
        ProcessInstance pi = offer(Map.of("includeDelegatedAdmin", true, "delegatedAdminRole", "FULL"));
        jobs.runAll(pi.getId());
        String domain = TestData.unique("dan") + ".example";
        ProcessInstance purchase = acceptAndConfirm(pi, form(domain, "ada@" + domain), Map.of(basic.code(), "10", e3.code(), "20"));
        runProvisioning(purchase);
        assertThat(purchase).isEnded().hasNotPassed("Task_StartDelegatedAdmin");
        assertThat(relationships.findOpen(partner.id(), customers.findByDomain(domain).orElseThrow().id())).isEmpty();
    }

    @Test
    void aProvisioningFailureOfANewCustomerBecomesAnIncidentAndTheRetryCreatesNothingTwice() {
        String domain = TestData.unique("inc") + ".example";
        ProcessInstance purchase = openOfferBoughtBy(domain, Map.of(basic.code(), "250", e3.code(), "20"));
        // the catalogue changes after the counts were checked: provisioning creates the customer and the first line,
        // then refuses the second line's count
        jdbc.sql("update pc_sku set max_licenses = 10 where code = ?").param(e3.code()).update();
        runProvisioning(purchase);
        var incident = runtime.createIncidentQuery().processInstanceId(purchase.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo("Task_CreateCustomer");
        assertThat(incident.getIncidentMessage()).contains("License count 20", "outside 5..10");
        long customerId = customers.findByDomain(domain).orElseThrow().id();
        assertThat(subscriptions.findByCustomer(customerId)).extracting(Subscription::skuCode).containsExactly(basic.code());

        jdbc.sql("update pc_sku set max_licenses = 10000 where code = ?").param(e3.code()).update();
        retryProvisioning(purchase);
        assertThat(purchase).isEnded().hasPassed("End_Purchased");
        assertThat(customers.findByDomain(domain).orElseThrow().id()).as("the same customer").isEqualTo(customerId);
        assertThat(subscriptions.findByCustomer(customerId)).extracting(Subscription::skuCode, Subscription::licenses)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(basic.code(), 250),
                        org.assertj.core.groups.Tuple.tuple(e3.code(), 20));
    }

    @Test
    void aProvisioningFailureOfAnExistingCustomersLineBecomesAnIncidentAndTheRetryCompletesIt() {
        var existing = data.customerOf(partner);
        String domain = existing.customer().domain();
        ProcessInstance pi = offer(Map.of("targetCustomerDomain", domain));
        jobs.runAll(pi.getId());
        ProcessInstance purchase = acceptAndConfirm(pi, form(domain, existing.admin().email()),
                Map.of(basic.code(), "250", e3.code(), "20"));
        jdbc.sql("update pc_sku set max_licenses = 200 where code = ?").param(basic.code()).update();
        runProvisioning(purchase);
        var incident = runtime.createIncidentQuery().processInstanceId(purchase.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getActivityId()).isEqualTo("Task_CreateSubscription");
        assertThat(incident.getIncidentMessage()).contains("License count 250", "outside 1..200");

        jdbc.sql("update pc_sku set max_licenses = 300 where code = ?").param(basic.code()).update();
        retryProvisioning(purchase);
        assertThat(purchase).isEnded().hasPassed("SubProcess_Lines", "Gateway_Provisioned", "End_Purchased")
                .hasNotPassed("Task_CreateCustomer", "Task_EmailWelcome");
        assertThat(subscriptions.findByCustomer(existing.customer().id())).hasSize(2);
    }

    @Test
    void countsOutOfBoundsAtConfirmationBuyNothing() {
        ProcessInstance pi = offer(Map.of());
        jobs.runAll(pi.getId());
        String domain = TestData.unique("oob") + ".example";
        jdbc.sql("update pc_sku set min_licenses = 50 where code = ?").param(e3.code()).update();
        ProcessInstance purchase = acceptWithoutPageChecks(pi, form(domain, "ada@" + domain), Map.of(basic.code(), "10", e3.code(), "20"));
        jobs.runAll(purchase.getId());
        assertThat(purchase).isEnded().hasPassed("Boundary_InvalidCounts", "Task_TellCountsRefused", "End_Refused")
                .hasNotPassed("Task_CreateCustomer");
        assertThat(customers.findByDomain(domain)).isEmpty();
        assertThat(body(Mailbox.lastTo(mail, "ada@" + domain))).contains("no longer within the bounds");
    }

    @Test
    void aDomainRegisteredMeanwhileIsRefusedAndNothingIsBought() {
        String domain = TestData.unique("dom") + ".example";
        ProcessInstance purchase = openOfferBoughtBy(domain, Map.of(basic.code(), "10", e3.code(), "20"));
        customers.insert("Someone else", domain, "FR", "fr", null);
        runProvisioning(purchase);
        jobs.runAll(purchase.getId());
        assertThat(purchase).isEnded().hasPassed("Boundary_DomainTaken", "Task_TellDomainRefused", "End_Refused");
        assertThat(subscriptions.findByCustomer(customers.findByDomain(domain).orElseThrow().id())).isEmpty();
    }

    @Test
    void aReplayedConversionConvertsOnceAndAnEndedTrialIsNotConverted() {
        ProcessInstance trial = runningTrial();
        long id = (Long) runtime.getVariable(trial.getId(), "subscriptionId");
        var first = provisioningService.convertTrial(id, 30, "OFFER/test/" + id);
        var replay = provisioningService.convertTrial(id, 30, "OFFER/test/" + id);
        assertThat(replay).isEqualTo(first);
        assertThat(first.status()).isEqualTo(Subscription.Status.ACTIVE);
        assertThat(first.endDate()).isEqualTo(first.startDate().plusMonths(basic.termMonths()));

        ProcessInstance other = runningTrial();
        long expired = (Long) runtime.getVariable(other.getId(), "subscriptionId");
        subscriptions.expireTrial(expired);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> provisioningService.convertTrial(expired, 30, "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no longer a running trial");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> provisioningService.convertTrial(id, 301, "k2"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers

    private Map<String, Object> lines(Sku sku1, Object count1, Sku sku2, Object count2, Map<String, Object> more) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("line1Sku", sku1 == null ? null : sku1.code());
        vars.put("line1Licenses", count1);
        vars.put("line2Sku", sku2 == null ? null : sku2.code());
        vars.put("line2Licenses", count2);
        vars.putAll(more);
        return vars;
    }

    private String refused(Map<String, Object> overrides) {
        return signedIn.refusedStart(user, partner, "purchaseOffer", offerValues(overrides));
    }

    private ProcessInstance offerAsApplication(Map<String, Object> overrides) {
        return signedIn.startAsApplication(user, partner, "purchaseOffer", offerValues(overrides));
    }

    private Map<String, Object> offerValues(Map<String, Object> overrides) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("line1Sku", basic.code());
        vars.put("line1Licenses", 10L);
        vars.put("line2Sku", e3.code());
        vars.put("line2Licenses", 20L);
        vars.put("linkValidityDays", 30L);
        vars.putAll(overrides);
        return vars;
    }

    private ProcessInstance offer(Map<String, Object> overrides) {
        return signedIn.start(user, partner, "purchaseOffer", offerValues(overrides));
    }

    static AcceptanceForm form(String domain, String adminEmail) {
        AcceptanceForm form = new AcceptanceForm();
        form.setOrganizationName("Buyer " + domain);
        form.setDomain(domain);
        form.setCountry("FR");
        form.setLanguage("en");
        form.setAdminFirstName("Ada");
        form.setAdminLastName("Lovelace");
        form.setAdminEmail(adminEmail);
        return form;
    }

    /** An open offer, accepted and confirmed by a new customer of the domain with these counts. */
    private ProcessInstance openOfferBoughtBy(String domain, Map<String, String> counts) {
        ProcessInstance pi = offer(Map.of());
        jobs.runAll(pi.getId());
        return acceptAndConfirm(pi, form(domain, "ada@" + domain), counts);
    }

    /** Submits as the accept page does, then confirms through the link mailed to the admin. */
    private ProcessInstance acceptAndConfirm(ProcessInstance offer, AcceptanceForm form, Map<String, String> counts) {
        form.getLicenses().putAll(counts);
        Link link = links.findById((Long) runtime.getVariable(offer.getId(), "linkId")).orElseThrow();
        var errors = new org.springframework.validation.BeanPropertyBindingResult(form, "form");
        offerAcceptances.validate(link, form, errors);
        assertThat(errors.getAllErrors()).isEmpty();
        return submitAndConfirm(link, form);
    }

    /** The page's checks passed earlier (the catalogue changed since). */
    private ProcessInstance acceptWithoutPageChecks(ProcessInstance offer, AcceptanceForm form, Map<String, String> counts) {
        Link link = links.findById((Long) runtime.getVariable(offer.getId(), "linkId")).orElseThrow();
        long offerId = offers.findByLink(link.id()).orElseThrow().id();
        long acceptanceId = jdbc.sql("insert into pc_acceptance (link_id, organization_name, domain, country, language, "
                        + "admin_first_name, admin_last_name, admin_email) values (?,?,?,?,?,?,?,?)")
                .params(link.id(), form.getOrganizationName(), form.getDomain(), "FR", "en", "Ada", "Lovelace",
                        form.getAdminEmail())
                .update(new org.springframework.jdbc.support.GeneratedKeyHolder(), "id") * 0L;
        jdbc.sql("update pc_acceptance set status = 'CONFIRMED' where link_id = ?").param(link.id()).update();
        acceptanceId = jdbc.sql("select max(id) from pc_acceptance where link_id = ?").param(link.id()).query(Long.class).single();
        int n = 0;
        List<PurchaseOffer.Line> lines = new java.util.ArrayList<>();
        for (var e : new java.util.TreeMap<>(counts).entrySet()) {
            lines.add(new PurchaseOffer.Line(++n, e.getKey(), Integer.parseInt(e.getValue())));
        }
        offers.insertAcceptance(acceptanceId, offerId, null, lines);
        Map<String, Object> vars = new HashMap<>(AcceptanceService.variables(
                new com.partnercenter.acceptance.Acceptance(acceptanceId, link.id(), form.getOrganizationName(),
                        form.getDomain(), "FR", "en", "Ada", "Lovelace", form.getAdminEmail(), false, "CONFIRMED", null)));
        vars.putAll(partnerTerms());
        vars.put("offerId", offerId);
        vars.put("offerBusinessKey", offer.getBusinessKey());
        vars.put("includeDelegatedAdmin", false);
        vars.put("existingCustomer", false);
        return runtime.createProcessInstanceByKey(OfferAcceptances.PROCESS).businessKey(offer.getBusinessKey() + "-T")
                .setVariables(vars).execute();
    }

    private ProcessInstance submitAndConfirm(Link link, AcceptanceForm form) {
        var submitted = offerAcceptances.submit(link, form);
        assertThat(submitted).isInstanceOf(AcceptanceService.Submitted.AwaitingConfirmation.class);
        var confirmation = confirmationLinkMailedTo(form.getAdminEmail());
        assertThat(acceptances.confirm(confirmation)).isEqualTo(AcceptanceService.Confirmed.CONFIRMED);
        long acceptanceId = ((AcceptanceService.Submitted.AwaitingConfirmation) submitted).acceptanceId();
        return runtime.createProcessInstanceQuery().processDefinitionKey(OfferAcceptances.PROCESS)
                .processInstanceBusinessKey(link.businessKey() + "-A" + acceptanceId).singleResult();
    }

    /** A customer of the partner with a running trial of {@code basic} (its instance waiting for the reminder). */
    private ProcessInstance runningTrial() {
        String domain = TestData.unique("trl") + ".example";
        ProcessInstance invitation = signedIn.start(user, partner, "trialInvitation",
                Map.of("skuCode", basic.code(), "linkValidityDays", 30));
        Link link = links.findById((Long) runtime.getVariable(invitation.getId(), "linkId")).orElseThrow();
        long acceptanceId = confirmations.confirm(link, Confirmations.form(domain, false));
        ProcessInstance trial = runtime.createProcessInstanceQuery().processDefinitionKey("trialAcceptance")
                .processInstanceBusinessKey(link.businessKey() + "-A" + acceptanceId).singleResult();
        runProvisioning(trial);
        assertThat(trial).isWaitingAt("Timer_Reminder7");
        return trial;
    }

    /** The partner's variables that the application passes to a customer's instance. */
    private Map<String, Object> partnerTerms() {
        return Map.of(PartnerTenantIdProvider.TENANT_VARIABLE, partner.tenantId(), "partnerId", partner.id(),
                "partnerUserEmail", user.email(), "partnerUserLanguage", "en");
    }

    private boolean waitsForASubscription(ProcessInstance pi) {
        return externalTasks.createExternalTaskQuery().processInstanceId(pi.getId())
                .activityId("Task_CreateSubscription").count() > 0;
    }

    /** An operator's "set retries" on the instance's failed provisioning task, then the provisioning it lets run. */
    private void retryProvisioning(ProcessInstance pi) {
        var task = engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(pi.getId()).singleResult();
        engine.getExternalTaskService().setRetries(task.getId(), 1);
        runProvisioning(pi);
    }

    private void runProvisioning(ProcessInstance pi) {
        for (int i = 0; i < 10; i++) {
            jobs.runAll(pi.getId());
            if (provisioning.runFor(pi.getBusinessKey()) == 0) {
                jobs.runAll(pi.getId());
                return;
            }
        }
    }

    private void assertRefused(ProcessInstance pi, String reason) {
        RefusalPath.tellingThePartner(pi);
        assertThat((String) runtime.getVariable(pi.getId(), "refusalReason")).contains(reason);
    }
}
