package com.partnercenter.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Drives the application's flows over real HTTP from outside, as Tasklist and a customer's browser would: a REST
 * start as a partner user (HTTP Basic), the accept page (GET, form POST) and the confirmation (POST). For suites
 * that run the application as a separate process (the fault suite) or against a port; no Spring needed. Network
 * errors are answers too (status -1), so a caller can try another node.
 */
public final class HttpFlows {

    /** A response, or a network error (status -1, the error in {@code body}). */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status == 200;
        }

        public boolean unreachable() {
            return status == -1;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Duration timeout;

    public HttpFlows(Duration timeout) {
        this.timeout = timeout;
    }

    public Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public Answer postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Starts a process by key through the REST API as the user (variables: strings, numbers, booleans). */
    public Answer startProcess(String baseUrl, String processKey, String user, String password,
            Map<String, Object> variables) {
        String json = variables.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":{\"value\":" + jsonValue(e.getValue()) + "}")
                .collect(Collectors.joining(",", "{\"variables\":{", "}}"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/engine-rest/process-definition/key/" + processKey
                        + "/start"))
                .header("Content-Type", "application/json")
                .header("Authorization", basic(user, password))
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The accept page's form of a new organization, its admin {@code ada@<domain>}. */
    public static Map<String, String> acceptanceForm(String domain, String language) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("organizationName", "Org " + domain);
        form.put("domain", domain);
        form.put("country", "FR");
        form.put("language", language);
        form.put("adminFirstName", "Ada");
        form.put("adminLastName", "Lovelace");
        form.put("adminEmail", "ada@" + domain);
        return form;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, e.toString());
        }
    }

    private static String jsonValue(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
