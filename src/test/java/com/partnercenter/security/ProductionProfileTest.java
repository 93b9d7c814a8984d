package com.partnercenter.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.PartnerCenterApplication;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;

/**
 * The {@code prod} profile as it runs (not the test profile), in a JVM of its own (a webapp context started and
 * closed in the suite's JVM leaves the Camunda webapps' static state behind for the others): a start without any
 * administrator stops with a message that says what to configure; with one, every cookie is {@code Secure} (the
 * webapps' XSRF-TOKEN and session), every response carries HSTS and the security headers, the first-run page's call
 * is refused, passwords are hashed with the production Argon2id work factor, and the provisioning service account
 * holds only what external tasks need.
 */
class ProductionProfileTest {

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aStartWithoutAnyAdministratorStopsAndSaysWhatToConfigure() throws Exception {
        Process process = start(database(), Map.of(), 0);
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("it stops").isTrue();
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("No administrator exists and none is configured: set CAMUNDA_BPM_ADMINUSER_ID and "
                + "CAMUNDA_BPM_ADMINUSER_PASSWORD").doesNotContain("Tomcat started");
    }

    @Test
    void cookiesHeadersFirstRunPasswordsAndTheServiceAccount() throws Exception {
        String database = database();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process app = start(database, Map.of("camunda.bpm.admin-user.id", "root",
                "camunda.bpm.admin-user.password", "a-long-root-password"), port);
        Path log = Files.createTempFile("prodtest", ".log");
        Thread drain = new Thread(() -> {
            try (var in = app.getInputStream()) {
                Files.copy(in, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
        String base = "http://localhost:" + port;
        try {
            awaitUp(base, app, log);
            checkCookiesHeadersAndFirstRun(base);
        } finally {
            app.destroy();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }

        // what the application stored, read from its database file once it stopped
        try (Connection db = DriverManager.getConnection(database, "sa", "")) {
            // the production work factor (the tests elsewhere use a cheap one)
            assertThat(single(db, "select PWD_ from ACT_ID_USER where ID_ = 'root'")).startsWith("{ARGON2ID}$argon2id$v=19$m="
                    + PasswordHashSettings.DEFAULT_MEMORY_KIB + ",t=" + PasswordHashSettings.DEFAULT_ITERATIONS + ",p="
                    + PasswordHashSettings.DEFAULT_PARALLELISM + "$");
            // the provisioning service account: fetch and complete external tasks, nothing else (besides reading
            // its own group)
            List<String> grants = new ArrayList<>();
            try (var rows = db.createStatement().executeQuery("select RESOURCE_TYPE_, RESOURCE_ID_, PERMS_ from "
                    + "ACT_RU_AUTHORIZATION where GROUP_ID_ = '" + Groups.SERVICES + "' order by RESOURCE_TYPE_")) {
                while (rows.next()) {
                    grants.add(rows.getInt(1) + ":" + rows.getString(2) + ":" + rows.getInt(3));
                }
            }
            int expected = ProcessDefinitionPermissions.READ_INSTANCE.getValue()
                    | ProcessDefinitionPermissions.UPDATE_INSTANCE.getValue();
            assertThat(grants).containsExactly(Resources.GROUP.resourceType() + ":" + Groups.SERVICES + ":"
                            + org.camunda.bpm.engine.authorization.Permissions.READ.getValue(),
                    Resources.PROCESS_DEFINITION.resourceType() + ":*:" + expected);
        }
    }

    private void checkCookiesHeadersAndFirstRun(String base) throws Exception {
        // every cookie Secure: the webapps' XSRF-TOKEN on the first page, the session after the login
        HttpResponse<String> tasklist = get(base + "/camunda/app/tasklist/default/");
        List<String> cookies = new ArrayList<>(tasklist.headers().allValues("set-cookie"));
        String session = cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow()
                .split(";")[0];
        String xsrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
                .split(";")[0];
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base
                        + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", session + "; " + xsrf).header("X-XSRF-TOKEN", xsrf.substring(xsrf.indexOf('=') + 1))
                .POST(HttpRequest.BodyPublishers.ofString("username=root&password=a-long-root-password")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        cookies.addAll(login.headers().allValues("set-cookie"));
        assertThat(cookies).as("every cookie").isNotEmpty().allSatisfy(c -> assertThat(c)
                .containsPattern("(?i);\\s*Secure(;|$)"));

        // HSTS and the security headers on every kind of response
        for (String path : List.of("/partner", "/p/NOPE/nothing", "/customer/delegated-admin", "/actuator/health",
                "/camunda/app/tasklist/default/", "/engine-rest/engine", "/engine-rest/task/count",
                "/api/customers/1/audit", "/no-such-page")) {
            HttpResponse<String> response = get(base + path);
            assertThat(response.headers().firstValue("Strict-Transport-Security")).as(path)
                    .hasValue("max-age=31536000; includeSubDomains");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).isPresent();
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).isPresent();
        }

        // the first-run page's call is refused, whoever asks
        HttpResponse<String> setup = client.send(HttpRequest.newBuilder(URI.create(base
                        + "/camunda/api/admin/setup/default/user/create"))
                .header("Content-Type", "application/json").header("Cookie", session + "; " + xsrf)
                .header("X-XSRF-TOKEN", xsrf.substring(xsrf.indexOf('=') + 1))
                .POST(HttpRequest.BodyPublishers.ofString("{\"profile\":{\"id\":\"eve\"},\"credentials\":"
                        + "{\"password\":\"eve-wants-admin\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(setup.statusCode()).isEqualTo(403);
    }

    /** Waits for another process to start (Awaitility polls; there is no engine clock to move across processes). */
    private void awaitUp(String base, Process app, Path log) {
        org.awaitility.Awaitility.await("the application in the prod profile").atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                    if (!app.isAlive()) {
                        throw new AssertionError("the application stopped: " + Files.readString(log));
                    }
                    // any answer will do (health is DOWN without a mail server, which this test does not need)
                    return get(base + "/p/NOPE/nothing").statusCode() == 404;
                });
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String single(Connection db, String sql) throws Exception {
        try (var rows = db.createStatement().executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }

    /** A fresh H2 file database under target/ (read by the test after the application stopped). */
    private static String database() {
        return "jdbc:h2:file:" + Path.of("target", "prodtest-" + UUID.randomUUID()).toAbsolutePath();
    }

    /** The application's main in the prod profile, on an empty database, in a JVM of its own. */
    private static Process start(String database, Map<String, String> extra, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", String.join(File.pathSeparator, new LinkedHashSet<>(List.of(
                        System.getProperty("java.class.path").split(File.pathSeparator)))),
                PartnerCenterApplication.class.getName(), "--spring.profiles.active=prod", "--server.port=" + port));
        Map<String, String> properties = new HashMap<>(Map.of(
                "spring.datasource.url", database,
                "spring.datasource.username", "sa",
                "spring.mail.port", System.getenv().getOrDefault("TEST_SMTP_PORT", "3125"),
                "partner-center.public-base-url", "https://partners.test",
                "camunda.bpm.job-execution.enabled", "false",
                "camunda.bpm.client.disable-auto-fetching", "true",
                "partner-center.background-jobs.enabled", "false",
                // prod requires a link secret (LINK_SECRETS): a random one per run
                "partner-center.links.secrets", com.partnercenter.support.TestSecrets.linkSecrets()));
        properties.putAll(extra);
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
