package com.partnercenter.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser on the partner pages: signs in to Tasklist like the Tasklist page does (its CSRF token, its login
 * call), keeps the session cookie, never follows redirects, and sends the partner pages' CSRF token with every
 * form post unless told not to.
 */
public final class PartnerBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    public record Page(int status, String body, String location) {}

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;

    private PartnerBrowser(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A browser without any session. */
    public static PartnerBrowser anonymous(int port) {
        return new PartnerBrowser(port);
    }

    /** The HTTP status of a Tasklist login attempt (200 signed in, 401 refused). */
    public static int signInAttempt(int port, String engine, String userId, String password) {
        PartnerBrowser browser = new PartnerBrowser(port);
        browser.openTasklist();
        return browser.login(engine, userId, password).status();
    }

    /** Signs in to Tasklist of the engine ("default", or "pgtest" in the PostgreSQL context). */
    public static PartnerBrowser signIn(int port, String engine, String userId, String password) {
        PartnerBrowser browser = new PartnerBrowser(port);
        browser.openTasklist();
        Page login = browser.login(engine, userId, password);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return browser;
    }

    /** Signs in to Tasklist in this browser's session (as after following a link to the sign-in). */
    public Page signInHere(String engine, String userId, String password) {
        openTasklist();
        return login(engine, userId, password);
    }

    /**
     * Signs in to another of the webapps in this browser's session (e.g. "welcome", which every account may open:
     * a customer's user who is no administrator, whom Tasklist refuses, is signed in there all the same).
     */
    public Page signInHere(String engine, String userId, String password, String app) {
        openTasklist();
        return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/" + engine + "/login/"
                        + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", userId, "password", password)))));
    }

    /** Opens Tasklist like a browser: a session and its CSRF token (XSRF-TOKEN cookie). */
    private void openTasklist() {
        Page tasklist = get("/camunda/app/tasklist/");
        for (int i = 0; i < 3 && tasklist.status() == 302; i++) {
            String location = tasklist.location();
            tasklist = get(location.startsWith("http") ? URI.create(location).getRawPath() : location);
        }
        assertThat(tasklist.status()).as(tasklist.location()).isEqualTo(200);
    }

    private Page login(String engine, String userId, String password) {
        return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/" + engine
                        + "/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", userId, "password", password)))));
    }

    /** Signs out of the Camunda webapps like Tasklist's "Log out" (its logout call with its CSRF token). */
    public Page logout(String engine) {
        get("/camunda/app/tasklist/" + engine + "/"); // the session's current XSRF token (login renews the session)
        return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/" + engine + "/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Page get(String path) {
        Page page = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher m = CSRF.matcher(page.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return page;
    }

    /** A GET as a browser's address bar sends it (Accept: text/html): error pages come as HTML pages. */
    public Page getPage(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,*/*;q=0.8").GET());
    }

    /** Posts the form with the CSRF token of the last page that had one (fetches /partner first if none). */
    public Page post(String path, Map<String, String> fields) {
        if (csrf == null) {
            get("/partner");
        }
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent("_csrf", csrf);
        return postRaw(path, all);
    }

    /**
     * Calls the webapps' engine API as Tasklist does (JSON, the session's XSRF token in X-XSRF-TOKEN), e.g.
     * {@code /camunda/api/engine/engine/default/task/{id}/submit-form}.
     */
    public Page engineApi(String method, String path, String json) {
        get("/camunda/app/tasklist/default/"); // the session's current XSRF token, as Tasklist holds it
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Posts exactly these fields (no token added). */
    public Page postRaw(String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    private Page send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("set-cookie")) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            return new Page(response.statusCode(), response.body(),
                    response.headers().firstValue("location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
