package com.partnercenter.support.http;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The application's HTTP surface as an outside client sees it (JDK HttpClient, HTTP/1.1, kept-alive
 * connections): public pages, the engine's REST API with HTTP Basic, form posts. Every answer carries its
 * status, body and how long it took, so drivers and benchmarks time each step where the client waits.
 * Safe for many threads at once.
 */
public final class AppHttp implements AutoCloseable {

    /** One answer: status, body and the time from sending the request to the last byte of the body. */
    public record Answer(int status, String body, long nanos) {
        public double millis() {
            return nanos / 1e6;
        }
    }

    private final String baseUrl;
    private final String restBase;
    private final HttpClient client;
    private final Duration timeout;
    private final java.util.concurrent.ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "app-http");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param baseUrl    e.g. {@code http://localhost:8080}
     * @param engineName the process engine the REST API addresses ({@code default}: {@code /engine-rest})
     * @param timeout    the longest a request may take before it counts as failed
     */
    public AppHttp(String baseUrl, String engineName, Duration timeout) {
        this.baseUrl = baseUrl;
        this.restBase = "default".equals(engineName) ? "/engine-rest" : "/engine-rest/engine/" + engineName;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The REST API path of this engine, e.g. {@code /engine-rest/engine/bench}. */
    public String rest(String path) {
        return restBase + path;
    }

    public Answer get(String pathOrUrl) {
        return send(request(pathOrUrl).GET());
    }

    public Answer get(String pathOrUrl, String user, String password) {
        return send(request(pathOrUrl).header("Authorization", basic(user, password)).GET());
    }

    /** A form post as a browser sends it ({@code application/x-www-form-urlencoded}). */
    public Answer postForm(String pathOrUrl, Map<String, String> form) {
        return send(request(pathOrUrl).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    public Answer postJson(String pathOrUrl, String json, String user, String password) {
        return send(request(pathOrUrl).header("Content-Type", "application/json")
                .header("Authorization", basic(user, password))
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * Starts a process over the REST API as the user (the way Tasklist's start form does) and returns the
     * answer; {@link Rest#id(String)} reads the instance id from its body.
     */
    public Answer startProcess(String processKey, Map<String, Object> variables, String user, String password) {
        return postJson(rest("/process-definition/key/" + processKey + "/start"),
                "{\"variables\":" + Rest.variables(variables) + "}", user, password);
    }

    private HttpRequest.Builder request(String pathOrUrl) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl;
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    }

    private Answer send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), System.nanoTime() - start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** An ordered form, for {@link #postForm}. */
    public static Map<String, String> form(String... keysAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            form.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return form;
    }

    @Override
    public void close() {
        executor.shutdownNow(); // Java 17's HttpClient closes with its executor
    }

    /** The little JSON the engine's REST API needs, written and read without a JSON library. */
    public static final class Rest {

        private Rest() {}

        /** Typed variables ({@code {"name":{"value":…,"type":"String|Long|Boolean"}}}). */
        public static String variables(Map<String, Object> variables) {
            return variables.entrySet().stream().map(e -> quote(e.getKey()) + ":" + typed(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }

        private static String typed(Object value) {
            if (value instanceof Boolean b) {
                return "{\"value\":" + b + ",\"type\":\"Boolean\"}";
            }
            if (value instanceof Integer || value instanceof Long) {
                return "{\"value\":" + value + ",\"type\":\"Long\"}";
            }
            return "{\"value\":" + quote(String.valueOf(value)) + ",\"type\":\"String\"}";
        }

        public static String quote(String s) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }

        /** The {@code "id"} of a REST answer's top-level object (e.g. a started instance). */
        public static String id(String json) {
            return field(json, "id");
        }

        public static String field(String json, String name) {
            var m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("no \"" + name + "\" in " + json);
            }
            return m.group(1);
        }
    }
}
