package com.partnercenter.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.support.TestMail;
import com.partnercenter.support.http.CustomerFlowOverHttp;
import com.partnercenter.support.http.CustomerFlowOverHttp.Kind;
import com.partnercenter.support.http.MailCatcher;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The short version of {@link PartnerCenterBenchmark} in {@code mvn verify}: the same harness on the same
 * application (embedded PostgreSQL, job executor and worker on, real HTTP, mail to an SMTP server) with two
 * flows per batch, so that the benchmark keeps running; and its checks shown to see a lost, a duplicated
 * and a waiting flow. No figure is asserted beyond "it ran and counted".
 *
 * <p>An {@code *IT} run by its own failsafe execution, in a JVM of its own (see pom.xml): Camunda's REST API and
 * webapps keep JVM-wide state (the external tasks' long polling, the webapps' runtime delegates) of the
 * application context that started them first, so a context that starts and closes beside others (this one)
 * leaves Tasklist answering 500 and long polling stopped for them.
 */
class BenchmarkHarnessIT {

    static MailCatcher mail;
    static BenchmarkApp app;
    static FlowBenchmark bench;

    @BeforeAll
    static void start() {
        mail = new MailCatcher(TestMail.SMTP_PORT);
        BareShape.Signals signals = new BareShape.Signals();
        // background jobs (the outbox's dispatcher of mails that could not leave, the partner-of-record retry) off in
        // the smoke version only: its mails leave from the flows and pages themselves; the full benchmark runs them
        app = BenchmarkApp.start(TestMail.SMTP_PORT, Map.of("benchBareShapeSignals", signals),
                Map.of("partner-center.background-jobs.enabled", "false"));
        bench = new FlowBenchmark(app, mail, signals, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (bench != null) {
            bench.close();
        }
        if (app != null) {
            app.close();
        }
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    void theAlternatingRunDrivesEveryFlowAndCountsItsCost() throws Exception {
        Report report = new Report("benchmark-smoke.txt");
        // 2 client threads, 4 flows per batch: in the working-day variants each partner user runs two flows
        List<FlowBenchmark.Batch> batches = bench.alternate(new int[] {2}, 1, 4, FlowBenchmark.REAL, report);
        report.write();

        assertThat(batches).extracting(FlowBenchmark.Batch::kind).containsExactly(FlowBenchmark.BARE,
                FlowBenchmark.OFFER, FlowBenchmark.BARE, FlowBenchmark.OFFER_DAY, FlowBenchmark.BARE,
                FlowBenchmark.TRIAL, FlowBenchmark.BARE, FlowBenchmark.TRIAL_DAY);
        for (FlowBenchmark.Batch b : batches) {
            assertThat(b.verdicts()).as(b.kind()).hasSize(4).allSatisfy(v -> assertThat(v.why()).isEmpty());
            assertThat(b.flowsPerSecond()).isPositive();
            assertThat(b.sql().statements()).isPositive();
            assertThat(b.steps().get("total")).hasSize(4);
            boolean bare = b.kind().equals(FlowBenchmark.BARE);
            assertThat(b.mails()).isEqualTo(bare ? 0 : 24);
            // per real flow, as the bare shape: 1 external task (a new customer and its subscriptions in one
            // provisioning task) and 2 jobs (the recipients' and partner's link mails share one; the welcome and the
            // two confirmations share the other)
            assertThat(b.externalTasks()).isEqualTo(4);
            assertThat(b.jobs()).isEqualTo(8);
        }
        // the working day: the batch's four flows ran as two partner users (one per client thread), and each
        // partner user's mails are two per flow it ran, each told to its flow
        for (FlowBenchmark.Batch b : batches) {
            Map<String, Long> flowsPerPartner = b.verdicts().stream().filter(v -> v.flow().customer() != null)
                    .collect(Collectors.groupingBy(v -> v.flow().customer().partnerEmail(), Collectors.counting()));
            if (FlowBenchmark.workingDay(b.kind())) {
                assertThat(flowsPerPartner).as(b.kind()).hasSizeLessThanOrEqualTo(2);
                assertThat(flowsPerPartner.values()).as(b.kind()).anySatisfy(n -> assertThat(n).isGreaterThan(1));
                flowsPerPartner.forEach((partner, n) -> assertThat(mail.to(partner)).as(partner).hasSize(2 * n.intValue()));
            } else if (!b.kind().equals(FlowBenchmark.BARE)) {
                assertThat(flowsPerPartner).as(b.kind()).hasSize(4);
            }
        }
        assertThat(report.file()).exists();
    }

    @Test
    void theAcceptPageLoadAndTheGrowthRunAtSmallSizes() throws Exception {
        Report report = new Report("benchmark-smoke-page-growth.txt");
        AcceptPageLoad load = new AcceptPageLoad(app.baseUrl());
        List<AcceptPageLoad.Result> results = load.compare(PartnerCenterBenchmark.openOfferPage(bench, mail),
                new int[] {1, 4}, 20, report);
        load.close();
        assertThat(results).hasSize(6).allSatisfy(r -> {
            assertThat(r.errors()).as(r.target() + " " + r.statuses()).isZero();
            assertThat(r.p99()).isPositive();
        });

        Growth growth = new Growth(app, bench);
        double seconds = growth.fillTo(30);
        Growth.Size small = growth.measure(1, seconds);
        Growth.Size large = growth.measure(1, growth.fillTo(130));
        assertThat(growth.waitingOffers()).as("copies and the measured flows' own open offers")
                .isGreaterThanOrEqualTo(130);
        assertThat(large.waiting()).isEqualTo(130);
        Growth.print(report, small, large);
        assertThat(large.steps().get("confirm POST")).hasSize(1);
        report.write();
    }

    @Test
    void theChecksSeeALostADuplicatedAndAWaitingFlow() throws Exception {
        FlowChecks checks = bench.checks();
        // waiting: a bare instance whose message never comes
        FlowChecks.Flow waiting = new FlowChecks.Flow(FlowBenchmark.BARE, "w", bench.bare().startOnly(), null, null);
        assertThat(checks.check(waiting).waiting()).isTrue();

        List<FlowChecks.Flow> flows = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            flows.add(bench.one(Kind.PURCHASE_OFFER.label, bench.partnerUser(), new java.util.HashMap<>()));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> checks.settled(flows));
        assertThat(flows).allSatisfy(f -> assertThat(checks.check(f).why()).isEmpty());

        // duplicated: the admin of the first flow gets one mail more than the flow sends
        CustomerFlowOverHttp.Run first = flows.get(0).customer();
        mail.deliver(first.adminEmail(), "Once more", "a second copy");
        FlowChecks.Verdict duplicated = checks.check(flows.get(0));
        assertThat(duplicated.duplicated()).isTrue();
        assertThat(duplicated.lost()).isFalse();

        // lost: the second flow's subscription disappears
        CustomerFlowOverHttp.Run second = flows.get(1).customer();
        try (Statement st = bench.counters().connection().createStatement()) {
            String ofCustomer = "(select s.id from pc_subscription s join pc_customer c on c.id = s.customer_id "
                    + "where c.domain = '" + second.domain() + "')";
            st.executeUpdate("delete from pc_offer_acceptance_line where subscription_id in " + ofCustomer);
            st.executeUpdate("delete from pc_subscription where id in " + ofCustomer);
        }
        FlowChecks.Verdict lost = checks.check(flows.get(1));
        assertThat(lost.lost()).isTrue();
        assertThat(lost.why()).contains("no subscription");
    }
}
