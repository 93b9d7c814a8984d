package com.partnercenter.fault;

import com.partnercenter.mail.MailService;
import com.partnercenter.support.HttpFlows;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fault-suite run (see {@link FaultSuiteIT}): embedded PostgreSQL and an SMTP server in this JVM, the
 * application jar as child processes, flows driven over HTTP while faults are injected, then the invariants
 * checked in SQL and at the SMTP server. Waiting here is waiting for other processes: bounded polls.
 */
final class FaultRun implements AutoCloseable {

    static final String BASE = "http://fault.test";
    private static final Pattern INVITATION = Pattern.compile("http://fault\\.test(/p/CONTOSO/[A-Za-z0-9_-]{43})");
    private static final Pattern CONFIRMATION = Pattern.compile("http://fault\\.test(/p/CONTOSO/confirm/[A-Za-z0-9_-]{43})");
    private static final Duration STEP_DEADLINE = Duration.ofSeconds(240);

    /** What happened to one flow. */
    record Flow(int id, String kind, String domain, Instant started, Instant done, String problem) {}

    /** A fault as it happened: when, and how long until what it interrupted was done again. */
    record Happened(String what, Instant at, Instant over, Duration recovery, Duration limit, String note) {

        boolean tooSlow() {
            return recovery.compareTo(limit) > 0;
        }
    }

    private final Scenario scenario;
    private final Path dir;
    private final Path jar;
    private final HttpFlows http = new HttpFlows(Duration.ofSeconds(30));
    private final List<AppNode> nodes = new ArrayList<>();
    private final List<Flow> flows = Collections.synchronizedList(new ArrayList<>());
    private final List<Happened> happened = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, Instant> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger started = new AtomicInteger();
    private final List<String> notes = new ArrayList<>();
    private AppNode worker;
    private EmbeddedPostgres postgres;
    private int postgresPort;
    private SmtpServer smtp;
    private String trialPath;
    private Instant runStart;

    FaultRun(Scenario scenario, Path target, Path jar) {
        this.scenario = scenario;
        this.dir = target.resolve("fault");
        this.jar = jar;
    }

    // ---- infrastructure

    private boolean h2() {
        return scenario.database().equals("h2");
    }

    void startInfrastructure() throws Exception {
        Files.createDirectories(dir);
        try (var logs = Files.newDirectoryStream(dir, "*.log")) {
            for (Path log : logs) {
                Files.delete(log);
            }
        }
        if (h2()) {
            try (var old = Files.walk(dir.resolve("h2")).sorted(java.util.Comparator.reverseOrder())) {
                old.forEach(f -> f.toFile().delete());
            } catch (java.nio.file.NoSuchFileException none) {
                // first run
            }
        } else {
            postgresPort = freePort();
            // a fresh data directory, kept when the server stops (a restart finds its data again)
            Path data = dir.resolve("pgdata");
            if (Files.exists(data)) {
                try (var old = Files.walk(data).sorted(java.util.Comparator.reverseOrder())) {
                    old.forEach(f -> f.toFile().delete());
                }
            }
            startPostgres();
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                    Statement st = c.createStatement()) {
                st.execute("create database partnercenter");
            }
        }
        smtp = new SmtpServer(freePort());
        smtp.start();
    }

    private void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().setPort(postgresPort).setDataDirectory(dir.resolve("pgdata"))
                .setCleanDataDirectory(false).setRegisterShutdownHook(true)
                .setServerConfig("max_connections", "200").setServerConfig("fsync", "off").start();
    }

    private String jdbcUrl(String database) {
        return h2() ? h2Url() : "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
    }

    /** The dev default's H2 file database, opened by the node; AUTO_SERVER lets this harness read it meanwhile. */
    private String h2Url() {
        return "jdbc:h2:file:" + dir.resolve("h2").toAbsolutePath() + "/partner-center;AUTO_SERVER=TRUE"
                + System.getProperty("fault.h2-settings", "");
    }

    /** Every engine node (and the worker) started at the same moment on the empty database. */
    void startNodesTogether() throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String linkSecrets = "fault=" + Base64.getEncoder().encodeToString(secret);
        String servicePassword = Base64.getUrlEncoder().withoutPadding().encodeToString(secret).substring(0, 24);
        for (int i = 0; i < scenario.nodes(); i++) {
            int port = freePort();
            Map<String, String> env = common(linkSecrets, servicePassword);
            env.put("SPRING_PROFILES_ACTIVE", h2() ? "dev" : "postgres");
            if (h2()) {
                env.put("SPRING_DATASOURCE_URL", h2Url());
                env.put("PARTNER_CENTER_MAIL_SINK_ENABLED", "false");
                env.put("SPRING_MAIL_HOST", "127.0.0.1");
                env.put("SPRING_MAIL_PORT", String.valueOf(smtp.port()));
            }
            env.put("PORT", String.valueOf(port));
            // the suite's few clients stand for many customers (as in the benchmark): the per-client rate limits
            // would refuse its flows, and they are tested on their own (AcceptPageHttpContract, SignInProtectionTest)
            env.put("PARTNER_CENTER_RATE_LIMITS_ENABLED", "false");
            env.put("PARTNER_CENTER_NODE_ID", "node-" + (char) ('a' + i));
            env.put("PROVISIONING_IN_PROCESS", String.valueOf(!scenario.separateWorker()));
            env.put("PROVISIONING_ENGINE_URL", "http://localhost:" + port + "/engine-rest");
            env.put("PROVISIONING_WORKER_ID", "in-process-" + (char) ('a' + i));
            nodes.add(new AppNode("node-" + (char) ('a' + i), port, false, jar,
                    dir.resolve("node-" + (char) ('a' + i) + ".log"), env));
        }
        if (scenario.separateWorker()) {
            Map<String, String> env = common(linkSecrets, servicePassword);
            env.put("SPRING_PROFILES_ACTIVE", "worker,postgres");
            env.put("PROVISIONING_ENGINE_URL", nodes.get(nodes.size() - 1).baseUrl() + "/engine-rest");
            env.put("PROVISIONING_WORKER_ID", "separate-worker");
            env.remove("PARTNER_CENTER_DEMO_ENABLED");
            worker = new AppNode("worker", 0, true, jar, dir.resolve("worker.log"), env);
        }
        for (AppNode node : nodes) {
            node.start();
        }
        if (worker != null) {
            worker.start();
        }
        List<String> starts = new ArrayList<>();
        for (AppNode node : nodes) {
            starts.add(node.name + " ready in " + node.awaitReady(http, Duration.ofMinutes(5)).toSeconds() + " s");
        }
        if (worker != null) {
            starts.add("worker started in " + worker.awaitReady(http, Duration.ofMinutes(5)).toSeconds() + " s");
        }
        notes.add(scenario.nodes() + " nodes" + (worker != null ? " and a separate worker" : "")
                + " started together on an empty " + (h2() ? "H2 file" : "PostgreSQL") + " database: " + String.join(", ", starts) + "; none exited");
    }

    private Map<String, String> common(String linkSecrets, String servicePassword) {
        Map<String, String> env = new HashMap<>();
        env.put("DB_URL", jdbcUrl("partnercenter"));
        env.put("DB_USERNAME", "postgres");
        env.put("DB_PASSWORD", "");
        env.put("DB_POOL_SIZE", "12");
        env.put("PUBLIC_BASE_URL", BASE);
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(smtp.port()));
        env.put("MAIL_FROM", "fault-suite@partnercenter.test");
        env.put("LINK_SECRETS", linkSecrets);
        env.put("PROVISIONING_PASSWORD", servicePassword);
        env.put("PARTNER_CENTER_DEMO_ENABLED", "true");
        env.put("DEMO_PASSWORD", "demo");
        env.put("LOGGING_LEVEL_ROOT", "WARN");
        env.put("LOGGING_LEVEL_COM_PARTNERCENTER", "INFO");
        env.put("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_BOOT_STARTUPINFOLOGGER", "INFO");
        return env;
    }

    // ---- the run

    void drive() throws Exception {
        runStart = Instant.now();
        HttpFlows.Answer invitation = http.startProcess(nodes.get(0).baseUrl(), "trialInvitation", "alice", "demo",
                Map.of("skuCode", "BUSINESS_PREMIUM", "linkValidityDays", 30, "includeDelegatedAdmin", false));
        if (invitation.status() != 200) {
            throw new IllegalStateException("trial invitation not started: " + invitation);
        }
        trialPath = awaitLink("alice@contoso-partners.example", INVITATION, Duration.ofSeconds(120))
                .orElseThrow(() -> new IllegalStateException("the partner's link mail did not arrive"));

        List<String> kinds = new ArrayList<>();
        int n = scenario.flows();
        for (int i = 0; i < n; i++) {
            // the sign-ups spread evenly among the trials
            kinds.add((i + 1) * scenario.signups() / n > i * scenario.signups() / n ? "signup" : "trial");
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(scenario.clients());
        for (int c = 0; c < scenario.clients(); c++) {
            clients.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < kinds.size()) {
                    started.incrementAndGet();
                    flows.add(runFlow(i, kinds.get(i)));
                }
            });
        }
        Thread faults = new Thread(this::injectFaults, "faults");
        faults.start();
        clients.shutdown();
        if (!clients.awaitTermination(30, TimeUnit.MINUTES)) {
            clients.shutdownNow();
        }
        faults.join(Duration.ofMinutes(10).toMillis());
    }

    /** Restarts and recovery measurements run beside the next faults, so that each fault meets flows in flight. */
    private final List<Thread> aftermaths = new ArrayList<>();

    private void injectFaults() {
        try {
            for (Scenario.Fault fault : scenario.faults()) {
                while (started.get() < fault.at() * scenario.flows()) {
                    Thread.sleep(100);
                }
                if (fault instanceof Scenario.Kill) {
                    // a cluster keeps one node: a kill waits until the node killed before is back
                    for (AppNode node : nodes) {
                        while (!node.alive()) {
                            Thread.sleep(200);
                        }
                        node.awaitReady(http, Duration.ofMinutes(5));
                    }
                }
                fire(fault);
            }
            for (Thread aftermath : aftermaths) {
                aftermath.join(Duration.ofMinutes(10).toMillis());
            }
        } catch (Exception e) {
            notes.add("fault injection stopped: " + e);
        }
    }

    private interface Aftermath {
        void run() throws Exception;
    }

    private void afterwards(String name, Aftermath aftermath) {
        Thread thread = new Thread(() -> {
            try {
                aftermath.run();
            } catch (Exception e) {
                notes.add(name + ": " + e);
            }
        }, name);
        aftermaths.add(thread);
        thread.start();
    }

    private void fire(Scenario.Fault fault) throws Exception {
        Instant at = Instant.now();
        if (fault instanceof Scenario.Kill kill) {
                AppNode node = nodes.get(kill.node());
                List<Integer> interrupted = new ArrayList<>(inFlight.keySet());
                node.kill();
                afterwards("restart " + node.name, () -> {
                Thread.sleep(kill.downFor().toMillis());
                node.start();
                Duration restart = node.awaitReady(http, Duration.ofMinutes(5));
                Instant over = awaitDone(interrupted, Duration.ofMinutes(5));
                happened.add(interrupted.isEmpty()
                        ? new Happened(fault.describe(), at, at, Duration.ZERO, fault.recoveryLimit(), "no flow in flight (nothing to "
                                + "recover); node back in " + restart.toSeconds() + " s")
                        : new Happened(fault.describe(), at, over, Duration.between(at, over), fault.recoveryLimit(), interrupted.size()
                                + " flows in flight, all done after this; node back in " + restart.toSeconds() + " s"));
                });
        } else if (fault instanceof Scenario.SmtpOutage outage) {
                smtp.stop();
                afterwards("smtp back", () -> {
                    Thread.sleep(outage.duration().toMillis());
                    smtp.start();
                    Instant back = Instant.now();
                    Instant over = awaitOutboxEmpty(Duration.ofMinutes(5));
                    happened.add(new Happened(fault.describe(), at, over, Duration.between(back, over), fault.recoveryLimit(),
                            "until every mail that failed meanwhile was sent, after the server came back"));
                });
        } else if (fault instanceof Scenario.DatabaseRestart restart) {
                postgres.close();
                Thread.sleep(restart.downFor().toMillis());
                startPostgres();
                Instant back = Instant.now();
                Instant over = back;
                for (AppNode node : nodes) {
                    node.awaitReady(http, Duration.ofMinutes(2));
                    over = Instant.now();
                }
                happened.add(new Happened(fault.describe(), at, over, Duration.between(back, over), fault.recoveryLimit(),
                        "until every node was ready again"));
        }
    }

    private Instant awaitDone(List<Integer> ids, Duration atMost) throws InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        while (Instant.now().isBefore(deadline)) {
            if (ids.stream().noneMatch(inFlight::containsKey)) {
                synchronized (flows) {
                    return flows.stream().filter(f -> ids.contains(f.id()) && f.done() != null).map(Flow::done)
                            .max(Instant::compareTo).orElse(Instant.now());
                }
            }
            Thread.sleep(200);
        }
        return Instant.now();
    }

    private Instant awaitOutboxEmpty(Duration atMost) throws InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (count("select count(*) from pc_mail where status <> 'SENT'") == 0) {
                    return Instant.now();
                }
            } catch (SQLException retry) {
                // the database may be restarting
            }
            Thread.sleep(250);
        }
        return Instant.now();
    }

    /** One customer's flow end to end; a step that fails on one node is tried on another. */
    private Flow runFlow(int id, String kind) {
        String domain = kind + id + "-" + Long.toString(System.nanoTime(), 36) + ".example";
        Instant start = Instant.now();
        inFlight.put(id, start);
        try {
            String acceptPath;
            if (kind.equals("signup")) {
                String prospect = "prospect@" + domain;
                step(id, () -> startedSignupFor(prospect) ? new HttpFlows.Answer(200, "")
                        : http.startProcess(node(id).baseUrl(), "customerSignup", "alice", "demo",
                                Map.of("recipientEmail", prospect, "recipientLanguage", "en", "linkValidityDays", 10)));
                acceptPath = awaitLink(prospect, INVITATION, STEP_DEADLINE).orElseThrow(() ->
                        new IllegalStateException("no invitation mail"));
            } else {
                acceptPath = trialPath;
            }
            step(id, () -> http.postForm(node(id).baseUrl() + acceptPath, HttpFlows.acceptanceForm(domain, "en")));
            String confirmPath = awaitLink("ada@" + domain, CONFIRMATION, STEP_DEADLINE).orElseThrow(() ->
                    new IllegalStateException("no confirmation mail"));
            boolean[] tried = {false};
            step(id, () -> {
                HttpFlows.Answer answer = http.postForm(node(id).baseUrl() + confirmPath, Map.of());
                boolean retried = tried[0];
                tried[0] = true;
                // a confirmation that went through on a node that died before answering: used now (410)
                return answer.status() == 410 && retried ? new HttpFlows.Answer(200, "") : answer;
            });
            awaitProvisioned(domain, kind.equals("trial"));
            return new Flow(id, kind, domain, start, Instant.now(), null);
        } catch (Exception e) {
            return new Flow(id, kind, domain, start, null, e.getMessage());
        } finally {
            inFlight.remove(id);
        }
    }

    private boolean startedSignupFor(String prospect) {
        try {
            return count("select count(*) from act_hi_varinst where name_ = 'recipientEmail' and text_ = '"
                    + prospect.replace("'", "") + "'") > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    private AppNode node(int flow) {
        List<AppNode> alive = nodes.stream().filter(AppNode::alive).toList();
        return alive.isEmpty() ? nodes.get(0) : alive.get(Math.floorMod(flow + (int) (System.nanoTime() % 7),
                alive.size()));
    }

    private interface Call {
        HttpFlows.Answer call();
    }

    /** Repeats the call (another node each time) until it answers 200, for at most the step deadline. */
    private void step(int flow, Call call) throws InterruptedException {
        Instant deadline = Instant.now().plus(STEP_DEADLINE);
        HttpFlows.Answer last = null;
        while (Instant.now().isBefore(deadline)) {
            last = call.call();
            if (last.ok()) {
                return;
            }
            if (last.status() >= 400 && last.status() < 500 && last.status() != 429 && last.status() != 410) {
                throw new IllegalStateException("flow " + flow + ": answered " + last.status());
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("flow " + flow + ": no answer in time, last " + last);
    }

    private Optional<String> awaitLink(String address, Pattern link, Duration atMost) throws InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        while (Instant.now().isBefore(deadline)) {
            Optional<String> path = smtp.firstTo(address, body -> link.matcher(body).find())
                    .map(r -> {
                        Matcher m = link.matcher(r.body());
                        m.find();
                        return m.group(1);
                    });
            if (path.isPresent()) {
                return path;
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    private void awaitProvisioned(String domain, boolean withSubscription) throws InterruptedException {
        Instant deadline = Instant.now().plus(STEP_DEADLINE);
        String sql = withSubscription
                ? "select count(*) from pc_subscription s join pc_customer c on c.id = s.customer_id where c.domain = '"
                        + domain + "'"
                : "select count(*) from pc_customer c join pc_customer_admin a on a.customer_id = c.id where c.domain = '"
                        + domain + "'";
        while (Instant.now().isBefore(deadline)) {
            try {
                if (count(sql) > 0) {
                    return;
                }
            } catch (SQLException retry) {
                // the database may be restarting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("not provisioned in time: " + domain);
    }

    // ---- afterwards

    /** Waits until nothing is left to do (outbox empty, no due job or open external task), at most two minutes. */
    void drain() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (count("select count(*) from pc_mail where status <> 'SENT'") == 0
                    && count("select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ < "
                    + utc(Duration.ZERO) + ")") == 0
                    && count("select count(*) from act_ru_ext_task") == 0) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /** The run's outcome, checked in SQL and at the SMTP server. */
    FaultReport report() throws Exception {
        Map<String, Long> checks = new LinkedHashMap<>();
        long done = flows.stream().filter(f -> f.done() != null).count();
        checks.put("flows done", done);
        checks.put("flows lost", flows.size() - done + (scenario.flows() - flows.size()));
        checks.put("confirmed acceptances", count("select count(*) from pc_acceptance where status = 'CONFIRMED'"));
        checks.put("confirmed acceptances without exactly one customer", count("select count(*) from pc_acceptance a "
                + "where a.status = 'CONFIRMED' and (select count(*) from pc_customer c where c.domain = a.domain) <> 1"));
        checks.put("customers of a confirmed acceptance without exactly one admin", count("select count(*) from "
                + "pc_customer c where c.domain in (select domain from pc_acceptance where status = 'CONFIRMED') and "
                + "(select count(*) from pc_customer_admin a where a.customer_id = c.id) <> 1"));
        checks.put("trial customers without exactly one subscription", count("select count(*) from pc_acceptance a "
                + "join pc_link l on l.id = a.link_id join pc_customer c on c.domain = a.domain where a.status = "
                + "'CONFIRMED' and l.link_type = 'TRIAL_INVITATION' and (select count(*) from pc_subscription s where "
                + "s.customer_id = c.id) <> 1"));
        long incidents = count("select count(*) from act_ru_incident");
        long failedJobs = count("select count(*) from act_ru_job where retries_ = 0");
        long dueJobs = count("select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ < "
                + utc(Duration.ofSeconds(60)) + ")");
        long openTasks = count("select count(*) from act_ru_ext_task");
        long unsent = count("select count(*) from pc_mail where status <> 'SENT'");
        checks.put("stuck: incidents", incidents);
        checks.put("stuck: jobs without retries", failedJobs);
        checks.put("stuck: jobs due for more than 60 s", dueJobs);
        checks.put("stuck: external tasks left", openTasks);
        checks.put("stuck: mails not sent", unsent);

        Map<String, Integer> attempts = new HashMap<>();
        Map<String, String> keyOf = new HashMap<>();
        try (Connection c = connection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select idempotency_key, attempts from pc_mail where status = 'SENT'")) {
            while (rs.next()) {
                String id = MailService.messageId(rs.getString(1));
                keyOf.put(id, rs.getString(1));
                attempts.put(id, rs.getInt(2));
            }
        }
        Map<String, Integer> received = new HashMap<>();
        for (SmtpServer.Received r : smtp.received()) {
            received.merge(r.messageId(), 1, Integer::sum);
        }
        long lostMails = keyOf.keySet().stream().filter(id -> !received.containsKey(id)).count();
        long duplicates = received.entrySet().stream().filter(e -> e.getValue() > 1).count();
        long unexplained = received.entrySet().stream().filter(e -> e.getValue() > 1)
                .filter(e -> attempts.getOrDefault(e.getKey(), 1) <= 1).count();
        checks.put("mails sent (keys)", (long) keyOf.size());
        checks.put("mails received", (long) smtp.received().size());
        checks.put("mails lost (SENT, never received)", lostMails);
        checks.put("mail keys received twice or more", duplicates);
        checks.put("of them outside a crash window (one attempt)", unexplained);
        return new FaultReport(scenario, Duration.between(runStart, Instant.now()), List.copyOf(flows),
                List.copyOf(happened), checks, List.copyOf(notes));
    }

    /** A timestamp literal, UTC (as the nodes store them), {@code ago} before now. */
    private static String utc(Duration ago) {
        return "timestamp '" + java.time.LocalDateTime.ofInstant(Instant.now().minus(ago), java.time.ZoneOffset.UTC)
                .toString().replace('T', ' ') + "'";
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connection() throws SQLException {
        return h2() ? DriverManager.getConnection(h2Url(), "sa", "")
                : DriverManager.getConnection(jdbcUrl("partnercenter"), "postgres", "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        if (worker != null) {
            worker.stop();
        }
        for (AppNode node : nodes) {
            node.stop();
        }
        if (smtp != null) {
            smtp.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
