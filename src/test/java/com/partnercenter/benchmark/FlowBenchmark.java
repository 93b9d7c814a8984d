package com.partnercenter.benchmark;

import com.partnercenter.catalogue.Sku;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.TestData;
import com.partnercenter.support.http.AppHttp;
import com.partnercenter.support.http.CustomerFlowOverHttp;
import com.partnercenter.support.http.CustomerFlowOverHttp.Kind;
import com.partnercenter.support.http.MailCatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RepositoryService;

/**
 * Batches of flows against the running application, closed loop: each client thread runs one whole flow,
 * waits until it is done (for the real flows: every mail delivered), and starts the next, until the batch's N
 * flows ran. Per batch: flows per second (N over the time from the first start to the last flow done), each
 * step's latency, and per flow the jobs, external tasks, mails, SQL statements and commits it cost. After
 * each batch the application is left to settle and every flow is checked ({@link FlowChecks}).
 *
 * <p>Each real flow runs in two variants: <b>a new partner user per flow</b> (its label, e.g. "purchase offer":
 * each flow's first REST call verifies a password no one has used yet, one Argon2 hash per flow), and <b>a
 * partner's working day</b> (the label with {@link #DAY}: one partner user per client thread, signed in once
 * before the batch, who runs all of the thread's flows, so the verified-password cache applies as it does for a
 * partner who works all day).
 */
final class FlowBenchmark implements AutoCloseable {

    static final String BARE = "bare shape";
    /** The suffix of a real flow's label in its working-day variant (one partner user per client thread). */
    static final String DAY = ", day";
    static final String OFFER = Kind.PURCHASE_OFFER.label;
    static final String OFFER_DAY = OFFER + DAY;
    static final String TRIAL = Kind.TRIAL_ACCEPTANCE.label;
    static final String TRIAL_DAY = TRIAL + DAY;
    /** Every real flow and variant, in the order each is run after its bare-shape batch. */
    static final List<String> REAL = List.of(OFFER, OFFER_DAY, TRIAL, TRIAL_DAY);

    /** One batch's numbers. */
    record Batch(String kind, int threads, int flows, double seconds, Map<String, List<Double>> steps, long jobs,
            long jobFailures, long externalTasks, long mails, DatabaseCounters.Snapshot sql,
            List<FlowChecks.Verdict> verdicts) {
        double flowsPerSecond() {
            return flows / seconds;
        }

        long count(java.util.function.Predicate<FlowChecks.Verdict> p) {
            return verdicts.stream().filter(p).count();
        }
    }

    private final BenchmarkApp app;
    private final MailCatcher mail;
    private final AppHttp http;
    private final DatabaseCounters counters;
    private final FlowChecks checks;
    private final TestData data;
    private final Duration timeout;
    private final Partner partner;
    private final Sku sku;
    private final BareShape bare;
    private final CustomerFlowOverHttp customers;
    private final AtomicInteger seq = new AtomicInteger();
    private final String operator;

    FlowBenchmark(BenchmarkApp app, MailCatcher mail, BareShape.Signals signals, Duration timeout) {
        this.app = app;
        this.mail = mail;
        this.timeout = timeout;
        this.http = new AppHttp(app.baseUrl(), BenchmarkApp.ENGINE, Duration.ofSeconds(60));
        this.counters = new DatabaseCounters(app.database);
        this.checks = new FlowChecks(counters.connection(), mail);
        this.data = app.bean(TestData.class);
        this.partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN);
        this.sku = data.sku(true, 1, 300);
        this.operator = data.operator();
        this.bare = new BareShape(http, signals, app.bean(RepositoryService.class), operator, TestData.PASSWORD,
                partner.tenantId(), timeout);
        this.customers = new CustomerFlowOverHttp(http, mail, timeout);
    }

    /** The operator (password {@link TestData#PASSWORD}) the baseline runs as. */
    String operator() {
        return operator;
    }

    BareShape bare() {
        return bare;
    }

    AppHttp http() {
        return http;
    }

    DatabaseCounters counters() {
        return counters;
    }

    FlowChecks checks() {
        return checks;
    }

    Partner partner() {
        return partner;
    }

    Sku sku() {
        return sku;
    }

    static List<String> steps(String kind) {
        return BARE.equals(kind) ? BareShape.STEPS : CustomerFlowOverHttp.STEPS;
    }

    /** A fresh partner user (Full access to supported companies), who has not signed in yet. */
    CustomerFlowOverHttp.PartnerLogin partnerUser() {
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        return new CustomerFlowOverHttp.PartnerLogin(user.userId(), TestData.PASSWORD, user.email());
    }

    /**
     * A fresh partner user who has signed in (one authenticated REST call, as Tasklist makes when the partner
     * opens it in the morning): the start of the working day, outside the timed window.
     */
    CustomerFlowOverHttp.PartnerLogin signedInPartnerUser() {
        CustomerFlowOverHttp.PartnerLogin login = partnerUser();
        AppHttp.Answer signedIn = http.get(http.rest("/process-definition/count?latestVersion=true"), login.userId(),
                login.password());
        if (signedIn.status() != 200) {
            throw new IllegalStateException("partner user " + login.userId() + " could not sign in: HTTP "
                    + signedIn.status());
        }
        return login;
    }

    static boolean workingDay(String kind) {
        return kind.endsWith(DAY);
    }

    /** One flow of the kind, driven to its end (or its failure). */
    FlowChecks.Flow one(String kind, CustomerFlowOverHttp.PartnerLogin login, Map<String, List<Double>> steps) {
        String tag = "b" + seq.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 1_000_000, 36);
        if (BARE.equals(kind)) {
            BareShape.Run run = bare.run();
            if (run.failure() == null) {
                record(steps, run.stepMillis());
            }
            return new FlowChecks.Flow(kind, tag, run.instanceId(), run.failure(), null);
        }
        Kind flowKind = kind.startsWith(OFFER) ? Kind.PURCHASE_OFFER : Kind.TRIAL_ACCEPTANCE;
        try {
            CustomerFlowOverHttp.Run run = customers.run(flowKind, login, sku.code(), tag);
            record(steps, run.stepMillis());
            return new FlowChecks.Flow(kind, tag, run.instanceId(), null, run);
        } catch (CustomerFlowOverHttp.FlowFailed failed) {
            return new FlowChecks.Flow(kind, tag, failed.run.instanceId(), failed.getMessage(), failed.run);
        } catch (RuntimeException e) {
            return new FlowChecks.Flow(kind, tag, null, e.toString(), null);
        }
    }

    private static void record(Map<String, List<Double>> steps, Map<String, Double> run) {
        synchronized (steps) {
            run.forEach((step, ms) -> steps.computeIfAbsent(step, k -> new ArrayList<>()).add(ms));
        }
    }

    /**
     * Runs N flows of the kind on T client threads, lets the application settle, checks and counts them. The
     * partner users are made before the timed window: one per flow, or in the working-day variant one per client
     * thread, signed in.
     */
    Batch batch(String kind, int threads, int flows) throws Exception {
        List<CustomerFlowOverHttp.PartnerLogin> logins = new ArrayList<>();
        boolean day = workingDay(kind);
        if (!BARE.equals(kind)) {
            for (int i = 0; i < (day ? threads : flows); i++) {
                logins.add(day ? signedInPartnerUser() : partnerUser());
            }
        }
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        List<FlowChecks.Flow> done = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        long mailsBefore = mail.delivered();
        DatabaseCounters.Snapshot before = counters.snapshot();
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            clients.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < flows; i = next.getAndIncrement()) {
                    done.add(one(kind, logins.isEmpty() ? null : logins.get(day ? thread : i), steps));
                }
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        pool.shutdown();
        settle(done);
        DatabaseCounters.Snapshot sql = counters.snapshot().minus(before);
        long mails = mail.delivered() - mailsBefore;
        List<String> instances = new ArrayList<>();
        List<FlowChecks.Verdict> verdicts = new ArrayList<>();
        for (FlowChecks.Flow flow : done) {
            instances.addAll(checks.instances(flow));
            verdicts.add(checks.check(flow));
        }
        long[] jobs = checks.jobs(instances);
        return new Batch(kind, threads, flows, seconds, steps, jobs[0], jobs[1], checks.externalTasks(instances), mails,
                sql, verdicts);
    }

    /** Gives the application time to finish what no client waits for (bounded; what is left counts as waiting). */
    private void settle(List<FlowChecks.Flow> flows) {
        try {
            org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .until(() -> checks.settled(flows));
        } catch (org.awaitility.core.ConditionTimeoutException leftWaiting) {
            // reported per flow by the checks
        }
    }

    /**
     * The A B A B run: at each client-thread count, {@code rounds} times, for each of the real flows (labels of
     * {@link #REAL}) the bare shape then that flow, N flows each; prints the table and returns every batch.
     */
    List<Batch> alternate(int[] threadCounts, int rounds, int flows, List<String> reals, Report report)
            throws Exception {
        List<Batch> batches = new ArrayList<>();
        report.line("%-21s %3s %5s %4s %4s %4s %4s %8s %7s %6s %6s %6s %7s %7s", "flow", "thr", "round", "n", "lost",
                "dup", "wait", "flows/s", "ratio", "jobs", "ext", "mails", "sql", "tx");
        for (int threads : threadCounts) {
            for (int round = 1; round <= rounds; round++) {
                for (String real : reals) {
                    Batch baseline = batch(BARE, threads, flows);
                    row(report, baseline, round, null);
                    Batch measured = batch(real, threads, flows);
                    row(report, measured, round, baseline);
                    batches.add(baseline);
                    batches.add(measured);
                }
            }
        }
        report.line("");
        report.line("ratio: the batch's flows/s over the bare-shape batch run just before it (A B A B); jobs, ext "
                + "(external tasks), mails, sql (statements), tx (transactions opened): per flow");
        report.line("flows ending in \"%s\": a partner's working day, one partner user per client thread, signed in "
                + "once before the batch (the others: a new partner user per flow)", DAY);
        report.line("");
        report.line("latency per step, ms (all rounds of a flow and thread count together)");
        report.line("%-21s %3s  %-26s %5s %8s %8s %8s", "flow", "thr", "step", "n", "p50", "p95", "p99");
        List<String> kinds = new ArrayList<>(List.of(BARE));
        kinds.addAll(reals);
        for (int threads : threadCounts) {
            for (String kind : kinds) {
                Map<String, List<Double>> merged = new LinkedHashMap<>();
                batches.stream().filter(b -> b.kind().equals(kind) && b.threads() == threads).forEach(b ->
                        b.steps().forEach((step, ms) -> merged.computeIfAbsent(step, k -> new ArrayList<>()).addAll(ms)));
                for (String step : steps(kind)) {
                    double[] ms = Report.sorted(merged.getOrDefault(step, List.of()));
                    report.line("%-21s %3d  %-26s %5d %8.1f %8.1f %8.1f", kind, threads, step, ms.length,
                            Report.quantile(ms, 0.5), Report.quantile(ms, 0.95), Report.quantile(ms, 0.99));
                }
            }
        }
        return batches;
    }

    static void row(Report report, Batch b, int round, Batch baseline) {
        double n = b.flows();
        report.line("%-21s %3d %5d %4d %4d %4d %4d %8.2f %7s %6.1f %6.1f %6.1f %7.0f %7.1f", b.kind(), b.threads(), round,
                b.flows(), b.count(FlowChecks.Verdict::lost), b.count(FlowChecks.Verdict::duplicated),
                b.count(FlowChecks.Verdict::waiting), b.flowsPerSecond(),
                baseline == null ? "" : String.format(java.util.Locale.ROOT, "%.2f",
                        b.flowsPerSecond() / baseline.flowsPerSecond()),
                b.jobs() / n, b.externalTasks() / n, b.mails() / n, b.sql().statements() / n,
                b.sql().transactions() / n);
        for (FlowChecks.Verdict v : b.verdicts()) {
            if (!v.why().isEmpty()) {
                report.line("    %s %s: %s", v.flow().kind(), v.flow().tag(), String.join("; ", v.why()));
            }
        }
    }

    @Override
    public void close() {
        bare.close();
        counters.close();
        http.close();
    }
}
