package com.partnercenter.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.support.TestMail;
import com.partnercenter.support.http.AppHttp;
import com.partnercenter.support.http.CustomerFlowOverHttp;
import com.partnercenter.support.http.MailCatcher;
import com.partnercenter.support.postgres.EmbeddedPostgresSupport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Start-up time and memory of the packaged application, run as a child process ({@code java -jar}) the way it
 * is deployed: profile {@code postgres} on a fresh database of the embedded PostgreSQL, demo logins on, mail to
 * the benchmark's SMTP server. For the JVM options the README documents ({@link #DOCUMENTED_OPTIONS}) and, as
 * the comparison, none: the time from the process start to a usable Tasklist (its page answers and
 * {@code alice} signs in), on an empty database and again on restart; the resident memory (RSS, and its peak)
 * after start and after driving {@value #LOAD_FLOWS} purchase offers over HTTP at {@value #LOAD_THREADS}
 * client threads. Part of {@code mvn -Pbenchmark verify} (it needs the jar); writes
 * {@code target/benchmark/startup-benchmark.txt}.
 */
class StartupBenchmark {

    /** The JVM options of the README's "Configure for production". */
    static final List<String> DOCUMENTED_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms128m", "-Xmx384m",
            "-XX:MaxMetaspaceSize=200m", "-XX:ReservedCodeCacheSize=96m", "-Xss512k");
    static final int LOAD_FLOWS = Integer.getInteger("bench.startupFlows", 60);
    static final int LOAD_THREADS = 4;

    record Start(double seconds, long rssKb, long peakKb) {}

    @Test
    void startUpAndMemoryOfTheJar() throws Exception {
        Path jar = jar();
        Report report = new Report("benchmark/startup-benchmark.txt");
        report.line("Start-up and memory of %s, %d cores, load average %s", jar.getFileName(),
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
        report.line("%-34s %-16s %10s %10s %10s", "JVM options", "run", "seconds", "RSS MB", "peak MB");
        List<String> problems = new ArrayList<>();
        try (MailCatcher mail = new MailCatcher(TestMail.SMTP_PORT)) {
            for (List<String> options : List.of(List.<String>of(), DOCUMENTED_OPTIONS)) {
                String label = options.isEmpty() ? "(none)" : "documented";
                String database = EmbeddedPostgresSupport.createDatabase("start");
                int port = BenchmarkApp.freePort();
                Child first = Child.start(jar, options, database, port, mail.port(), label + "-empty");
                try {
                    Start empty = first.awaitTasklist();
                    report.line("%-34s %-16s %10.1f %10d %10d", label, "start, empty db", empty.seconds(),
                            empty.rssKb() / 1024, empty.peakKb() / 1024);
                    int failed = load(first, mail, port);
                    long[] afterLoad = first.memory();
                    report.line("%-34s %-16s %10s %10d %10d", label, "after " + LOAD_FLOWS + " flows", "",
                            afterLoad[0] / 1024, afterLoad[1] / 1024);
                    if (failed > 0) {
                        problems.add(label + ": " + failed + " of " + LOAD_FLOWS + " flows failed");
                    }
                } finally {
                    first.stop(); // also when it failed: never leave a child running
                }
                Child second = Child.start(jar, options, database, port, mail.port(), label + "-restart");
                try {
                    Start restart = second.awaitTasklist();
                    report.line("%-34s %-16s %10.1f %10d %10d", label, "restart", restart.seconds(),
                            restart.rssKb() / 1024, restart.peakKb() / 1024);
                } finally {
                    second.stop();
                }
            }
        } finally {
            report.line("documented options: %s", String.join(" ", DOCUMENTED_OPTIONS));
            report.write();
        }
        assertThat(problems).isEmpty();
    }

    /** Drives purchase offers as alice (one demo login: the partner's mails are not counted per flow). */
    private static int load(Child child, MailCatcher mail, int port) throws Exception {
        AppHttp http = new AppHttp("http://localhost:" + port, "default", Duration.ofSeconds(60));
        CustomerFlowOverHttp flows = new CustomerFlowOverHttp(http, mail, Duration.ofSeconds(120), false);
        var alice = new CustomerFlowOverHttp.PartnerLogin("alice", "demo", "alice@contoso.example");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(LOAD_THREADS);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < LOAD_THREADS; t++) {
            clients.add(pool.submit(() -> {
                while (next.getAndIncrement() < LOAD_FLOWS) {
                    try {
                        flows.run(CustomerFlowOverHttp.Kind.PURCHASE_OFFER, alice, "BUSINESS_BASIC",
                                "s" + port + "x" + next.get() + "y" + System.nanoTime() % 100000);
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        System.out.println("startup benchmark flow failed: " + e.getMessage());
                    }
                }
            }));
        }
        for (Future<?> c : clients) {
            c.get();
        }
        pool.shutdown();
        http.close();
        return failed.get();
    }

    static Path jar() throws Exception {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("partner-center-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/partner-center-*.jar: run mvn -Pbenchmark verify "
                            + "(the jar is packaged before this benchmark runs)"));
        }
    }

    /** The application jar as a child process. */
    static final class Child {
        final Process process;
        final long startedAt;
        final int port;

        private Child(Process process, long startedAt, int port) {
            this.process = process;
            this.startedAt = startedAt;
            this.port = port;
        }

        static Child start(Path jar, List<String> options, String database, int port, int smtpPort, String log)
                throws Exception {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(options);
            command.add("-jar");
            command.add(jar.toString());
            // one client address drives every flow (as in BenchmarkApp): the per-address limits (accept-submit 20 per
            // hour, sign-in-failure 10 per 15 minutes while the demo logins do not exist yet on an empty database)
            // would refuse most of the load and hold the in-process worker on the same address behind a 429
            command.add("--partner-center.rate-limits.enabled=false");
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> env = builder.environment();
            // the sign-in throttle has its own switch (README "Rate limits"), on whatever rate-limits.enabled says:
            // the polling sign-ins before the demo logins exist would otherwise empty sign-in-failure and measure up
            // to 90 s of its refusals as start-up
            env.put("SIGN_IN_THROTTLE_ENABLED", "false");
            env.put("SPRING_PROFILES_ACTIVE", "postgres");
            env.put("DB_URL", EmbeddedPostgresSupport.jdbcUrl(database));
            env.put("DB_USERNAME", EmbeddedPostgresSupport.USER);
            env.put("DB_PASSWORD", "");
            env.put("PORT", String.valueOf(port));
            env.put("PUBLIC_BASE_URL", "http://localhost:" + port);
            env.put("SMTP_HOST", "localhost");
            env.put("SMTP_PORT", String.valueOf(smtpPort));
            env.put("LINK_SECRETS", com.partnercenter.support.TestSecrets.linkSecrets());
            env.put("PARTNER_CENTER_DEMO_ENABLED", "true");
            env.put("DEMO_PASSWORD", "demo");
            Path out = Path.of("target", "benchmark", "child-" + log + ".log");
            Files.createDirectories(out.getParent());
            builder.redirectErrorStream(true).redirectOutput(out.toFile());
            long start = System.nanoTime();
            return new Child(builder.start(), start, port);
        }

        /** Waits (bounded) until Tasklist's page answers and alice signs in to it; the seconds since the start. */
        Start awaitTasklist() throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the application exited with " + process.exitValue());
                }
                try {
                    // Tasklist's page opens (session, CSRF cookie) and its login call signs alice in
                    if (com.partnercenter.support.PartnerBrowser.signInAttempt(port, "default", "alice", "demo") == 200) {
                        double seconds = (System.nanoTime() - startedAt) / 1e9;
                        long[] memory = memory();
                        return new Start(seconds, memory[0], memory[1]);
                    }
                } catch (RuntimeException | AssertionError notYet) {
                    // not listening or not started yet
                }
                Thread.sleep(100); // polling a child process from outside, as a load balancer's probe does
            }
            throw new IllegalStateException("Tasklist not usable within 5 minutes");
        }

        /** VmRSS and VmHWM (peak) of the process, KB. */
        long[] memory() throws Exception {
            long rss = 0;
            long peak = 0;
            for (String line : Files.readAllLines(new File("/proc/" + process.pid() + "/status").toPath())) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("VmHWM:")) {
                    peak = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return new long[] {rss, peak};
        }

        void stop() throws Exception {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
