package com.partnercenter.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.PartnerCenterApplication;
import com.partnercenter.support.FreePortInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code prod} profile as it runs (not the test profile): a start without any administrator stops with a message
 * that says what to configure; with one, every cookie is {@code Secure} (the webapps' XSRF-TOKEN and session), every
 * response carries HSTS and the security headers, the first-run page's call is refused, passwords are hashed with the
 * production Argon2id work factor, and the provisioning service account holds only what external tasks need.
 */
class ProductionProfileTest {

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** In a JVM of its own: a start that failed leaves the webapps' static state behind in this one. */
    @Test
    void aStartWithoutAnyAdministratorStopsAndSaysWhatToConfigure() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", String.join(java.io.File.pathSeparator, new java.util.LinkedHashSet<>(List.of(
                        System.getProperty("java.class.path").split(java.io.File.pathSeparator)))),
                PartnerCenterApplication.class.getName(),
                "--spring.profiles.active=prod", "--server.port=0"));
        properties(Map.of()).forEach((key, value) -> command.add("--" + key + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).as("it stops").isTrue();
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("No administrator exists and none is configured: set CAMUNDA_BPM_ADMINUSER_ID and "
                + "CAMUNDA_BPM_ADMINUSER_PASSWORD").doesNotContain("Tomcat started");
    }

    @Test
    void cookiesHeadersFirstRunPasswordsAndTheServiceAccount() throws Exception {
        try (ConfigurableApplicationContext app = start(Map.of("camunda.bpm.admin-user.id", "root",
                "camunda.bpm.admin-user.password", "a-long-root-password"))) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");

            // every cookie Secure: the webapps' XSRF-TOKEN on the first page, the session after the login
            HttpResponse<String> tasklist = get(base + "/camunda/app/tasklist/prodtest/", null);
            List<String> cookies = new ArrayList<>(tasklist.headers().allValues("set-cookie"));
            assertThat(cookies).anyMatch(c -> c.startsWith("XSRF-TOKEN="));
            String session = cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow()
                    .split(";")[0];
            String xsrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
                    .split(";")[0];
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base
                            + "/camunda/api/admin/auth/user/prodtest/login/tasklist"))
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
                    "/camunda/app/tasklist/prodtest/", "/engine-rest/engine", "/engine-rest/task/count",
                    "/api/customers/1/audit", "/no-such-page")) {
                HttpResponse<String> response = get(base + path, null);
                assertThat(response.headers().firstValue("Strict-Transport-Security")).as(path)
                        .hasValue("max-age=31536000; includeSubDomains");
                assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
                assertThat(response.headers().firstValue("X-Frame-Options")).as(path).isPresent();
                assertThat(response.headers().firstValue("Referrer-Policy")).as(path).isPresent();
            }

            // the first-run page's call is refused, whoever asks
            HttpResponse<String> setup = client.send(HttpRequest.newBuilder(URI.create(base
                            + "/camunda/api/admin/setup/prodtest/user/create"))
                    .header("Content-Type", "application/json").header("Cookie", session + "; " + xsrf)
                    .header("X-XSRF-TOKEN", xsrf.substring(xsrf.indexOf('=') + 1))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"profile\":{\"id\":\"eve\"},\"credentials\":"
                            + "{\"password\":\"eve-wants-admin\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(setup.statusCode()).isEqualTo(403);

            // the production work factor (the tests elsewhere use a cheap one)
            String hash = app.getBean(JdbcClient.class).sql("select PWD_ from ACT_ID_USER where ID_ = 'root'")
                    .query(String.class).single();
            assertThat(hash).startsWith("{ARGON2ID}$argon2id$v=19$m=" + PasswordHashSettings.DEFAULT_MEMORY_KIB + ",t="
                    + PasswordHashSettings.DEFAULT_ITERATIONS + ",p=" + PasswordHashSettings.DEFAULT_PARALLELISM + "$");

            // the provisioning service account: fetch and complete external tasks, nothing else
            AuthorizationService authorizations = app.getBean(AuthorizationService.class);
            assertThat(authorizations.createAuthorizationQuery().groupIdIn(Groups.SERVICES)
                    .resourceType(Resources.PROCESS_INSTANCE).count()).isZero();
            assertThat(authorizations.createAuthorizationQuery().groupIdIn(Groups.SERVICES).list())
                    .as("besides reading its own group").allMatch(a -> a.getResourceType()
                            == Resources.PROCESS_DEFINITION.resourceType() || a.getResourceType()
                            == Resources.GROUP.resourceType() && Groups.SERVICES.equals(a.getResourceId()));
            List<Authorization> grants = authorizations.createAuthorizationQuery().groupIdIn(Groups.SERVICES)
                    .resourceType(Resources.PROCESS_DEFINITION).list();
            assertThat(grants).hasSize(1);
            Authorization grant = grants.get(0);
            assertThat(grant.getResourceType()).isEqualTo(Resources.PROCESS_DEFINITION.resourceType());
            Permission[] all = ResourceTypeUtil.getPermissionsByResourceType(Resources.PROCESS_DEFINITION.resourceType());
            assertThat(java.util.Arrays.stream(grant.getPermissions(all))
                    .filter(p -> p != ProcessDefinitionPermissions.NONE)).containsExactlyInAnyOrder(ProcessDefinitionPermissions.READ_INSTANCE,
                    ProcessDefinitionPermissions.UPDATE_INSTANCE);
        }
    }

    private HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The application in the prod profile on an empty in-memory database (nothing of the test profile). */
    private static ConfigurableApplicationContext start(Map<String, Object> extra) {
        return new SpringApplicationBuilder(PartnerCenterApplication.class).profiles("prod")
                .initializers(new FreePortInitializer()).properties(properties(extra)).run();
    }

    private static Map<String, Object> properties(Map<String, Object> extra) {
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                "spring.datasource.url", "jdbc:h2:mem:prod-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "spring.datasource.username", "sa",
                "spring.mail.port", System.getenv().getOrDefault("TEST_SMTP_PORT", "3125"),
                "partner-center.public-base-url", "https://partners.test",
                "camunda.bpm.job-execution.enabled", "false",
                "camunda.bpm.client.disable-auto-fetching", "true",
                "partner-center.background-jobs.enabled", "false",
                "camunda.bpm.process-engine-name", "prodtest",
                "camunda.bpm.generate-unique-process-application-name", "true"));
        properties.putAll(extra);
        return properties;
    }
}
