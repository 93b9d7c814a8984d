package com.partnercenter.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.support.TestMail;
import com.partnercenter.support.http.AppHttp;
import com.partnercenter.support.http.CustomerFlowOverHttp;
import com.partnercenter.support.http.MailCatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark of the real flows (not part of {@code mvn verify}; {@code mvn -Pbenchmark verify}, see the
 * README): in one run, against the application's own configuration on an embedded PostgreSQL with the job
 * executor and the in-process provisioning worker running and every mail delivered to an SMTP server,
 * <ol>
 *   <li>the bare shape (baseline) and the real purchase offer and trial acceptance, driven over HTTP, A B A B,
 *       N flows at each client-thread count, each with a new partner user per flow and as a partner's working
 *       day, one signed-in partner user per client thread ({@link FlowBenchmark});</li>
 *   <li>the statements one purchase offer costs, most frequent first;</li>
 *   <li>the accept page under 1 to 200 concurrent clients against the health endpoint ({@link AcceptPageLoad});</li>
 *   <li>growth: the confirmation with 1,000 and with 100,000 offers waiting ({@link Growth}).</li>
 * </ol>
 * Start-up and memory of the packaged jar are {@link StartupBenchmark}'s. The table is printed and written to
 * {@code target/benchmark/}. It stops by itself and fails when a flow is lost, duplicated or left waiting, or
 * the accept page answers an error. Sizes: {@code -Dbench.flows}, {@code -Dbench.rounds}, {@code -Dbench.threads},
 * {@code -Dbench.pageClients}, {@code -Dbench.pageRequests}, {@code -Dbench.growth}, {@code -Dbench.growthFlows};
 * which real flows: {@code -Dbench.kinds} (e.g. {@code "purchase offer, day|trial acceptance"}).
 */
class PartnerCenterBenchmark {

    static final int FLOWS = Integer.getInteger("bench.flows", 30);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 2);
    static final int[] THREADS = ints(System.getProperty("bench.threads", "1,4,8"));
    static final int[] PAGE_CLIENTS = ints(System.getProperty("bench.pageClients", "1,10,50,200"));
    static final int PAGE_REQUESTS = Integer.getInteger("bench.pageRequests", 2000);
    static final int[] GROWTH = ints(System.getProperty("bench.growth", "1000,100000"));
    static final int GROWTH_FLOWS = Integer.getInteger("bench.growthFlows", 20);
    /** The real flows run against the bare shape, labels separated by "|" (default: all of {@link FlowBenchmark#REAL}). */
    static final List<String> KINDS = System.getProperty("bench.kinds") == null ? FlowBenchmark.REAL
            : Arrays.stream(System.getProperty("bench.kinds").split("\\|")).map(String::trim).toList();

    @Test
    void realFlowsAgainstTheBareEngine() throws Exception {
        Report report = new Report("benchmark/partner-center-benchmark.txt");
        List<String> problems = new ArrayList<>();
        try (MailCatcher mail = new MailCatcher(TestMail.SMTP_PORT)) {
            BareShape.Signals signals = new BareShape.Signals();
            try (BenchmarkApp app = BenchmarkApp.start(TestMail.SMTP_PORT, Map.of("benchBareShapeSignals", signals),
                    Map.of()); FlowBenchmark bench = new FlowBenchmark(app, mail, signals, Duration.ofSeconds(90))) {
                run(app, mail, bench, report, problems);
            }
        } finally {
            report.write();
        }
        assertThat(problems).as("lost, duplicated or waiting flows, accept-page errors (see " + report.file() + ")")
                .isEmpty();
    }

    static void run(BenchmarkApp app, MailCatcher mail, FlowBenchmark bench, Report report, List<String> problems)
            throws Exception {
        assertThat(FlowBenchmark.REAL).as("-Dbench.kinds: labels of the real flows").containsAll(KINDS);
        Machine.describe(report, app);
        report.line("load: N = %d flows per batch, %d round(s) of A B A B at %s client threads (%s); accept page %s "
                + "concurrent clients, %d requests per target and level; growth %s waiting offers, %d flows each",
                FLOWS, ROUNDS, Arrays.toString(THREADS), String.join(" | ", KINDS), Arrays.toString(PAGE_CLIENTS),
                PAGE_REQUESTS,
                Arrays.toString(GROWTH), GROWTH_FLOWS);
        report.line("");
        for (String kind : List.of(FlowBenchmark.BARE, CustomerFlowOverHttp.Kind.PURCHASE_OFFER.label,
                CustomerFlowOverHttp.Kind.TRIAL_ACCEPTANCE.label)) {
            bench.batch(kind, 2, 6); // warm-up, not reported
        }

        report.line("== 1. Flows, closed loop (each client thread runs one flow to its end, then the next)");
        List<FlowBenchmark.Batch> batches = bench.alternate(THREADS, ROUNDS, FLOWS, KINDS, report);
        for (FlowBenchmark.Batch b : batches) {
            b.verdicts().stream().filter(v -> !v.why().isEmpty())
                    .forEach(v -> problems.add(b.kind() + " " + v.flow().tag() + ": " + v.why()));
        }

        report.line("");
        report.line("== 2. Statements of one purchase offer (a batch at 4 threads), most frequent first");
        bench.counters().reset();
        FlowBenchmark.Batch profiled = bench.batch(CustomerFlowOverHttp.Kind.PURCHASE_OFFER.label, 4, FLOWS);
        report.line("%9s %10s  %s   (calls per flow = calls / %d)", "calls", "total ms", "statement", profiled.flows());
        bench.counters().top(40).forEach(l -> report.line("%s", l));

        report.line("");
        report.line("== 3. Accept page under concurrent clients (GET of an open offer, POST refused with 400)");
        AcceptPageLoad load = new AcceptPageLoad(app.baseUrl());
        List<AcceptPageLoad.Result> results = load.compare(openOfferPage(bench, mail), PAGE_CLIENTS, PAGE_REQUESTS,
                report);
        load.close();
        for (AcceptPageLoad.Result r : results) {
            if (r.errors() > 0) {
                problems.add(r.target() + " at " + r.clients() + " clients: " + r.errors() + " errors " + r.statuses());
            }
        }
        for (int clients : PAGE_CLIENTS) {
            double health = results.stream().filter(r -> r.clients() == clients && r.target().equals("health"))
                    .findFirst().orElseThrow().p99();
            double page = results.stream().filter(r -> r.clients() == clients && r.target().equals("accept GET"))
                    .findFirst().orElseThrow().p99();
            report.line("accept GET p99 / health p99 at %d clients: %.1f", clients, page / health);
        }

        report.line("");
        report.line("== 4. Growth: the confirmation with many purchase offers waiting");
        Growth growth = new Growth(app, bench);
        List<Growth.Size> sizes = new ArrayList<>();
        for (int size : GROWTH) {
            double seconds = growth.fillTo(size);
            sizes.add(growth.measure(GROWTH_FLOWS, seconds));
            report.line("%,d offers waiting (loaded in %.0f s), %d flows measured", growth.waitingOffers(), seconds,
                    GROWTH_FLOWS);
        }
        Growth.print(report, sizes.get(0), sizes.get(sizes.size() - 1));
    }

    /** The page of a fresh open offer, from its mail (the page the load test opens). */
    static String openOfferPage(FlowBenchmark bench, MailCatcher mail) throws Exception {
        CustomerFlowOverHttp.PartnerLogin login = bench.partnerUser();
        String recipient = "load-" + System.nanoTime() + "@bench.example";
        AppHttp.Answer started = bench.http().startProcess("purchaseOffer", Map.of("line1Sku", bench.sku().code(),
                "line1Licenses", 10L, "recipientEmails", recipient, "linkValidityDays", 30L), login.userId(),
                login.password());
        assertThat(started.status()).isEqualTo(200);
        return MailCatcher.link(mail.await(recipient, 1, Duration.ofSeconds(60)).get(0),
                MailCatcher.invitationLink(bench.http().baseUrl())).orElseThrow();
    }

    static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    /** What the run ran on, for the report's head. */
    static final class Machine {
        static void describe(Report report, BenchmarkApp app) throws Exception {
            String load = Files.exists(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).trim() : "?";
            report.line("Partner Center benchmark, %s", java.time.Instant.now());
            report.line("machine: %d cores, load average at start %s; Java %s; PostgreSQL %s (embedded, fsync off)",
                    Runtime.getRuntime().availableProcessors(), load, System.getProperty("java.version"),
                    app.bean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("show server_version")
                            .query(String.class).single());
        }
    }
}
