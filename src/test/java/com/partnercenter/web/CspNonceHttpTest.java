package com.partnercenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A webapp page opened while other webapp requests are answered gets the nonce of its own Content-Security-Policy
 * header on its scripts: a page whose scripts carry another request's nonce runs none of them (Tasklist stays on its
 * loading splash). Camunda 7.24 keeps that nonce in one attribute of the servlet context, shared by every request;
 * {@link RequestScopedCspNonce} gives each request its own.
 */
@IntegrationTest
class CspNonceHttpTest {

    private static final Pattern HEADER_NONCE = Pattern.compile("'nonce-([^']+)'");
    private static final Pattern PAGE_NONCE = Pattern.compile("<script[^>]*\\snonce=\"([^\"]+)\"");

    @LocalServerPort int port;

    @Test
    void everyPageOpenedAtOnceCarriesTheNonceOfItsOwnHeader() throws Exception {
        // without an administrator yet, Tasklist sends to the Admin setup page: an index page too
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        List<Callable<String>> opens = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            opens.add(() -> mismatch(client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/")).GET().build(),
                    HttpResponse.BodyHandlers.ofString())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<String> mismatches = new ArrayList<>();
        try {
            for (Future<String> open : pool.invokeAll(opens)) {
                if (open.get() != null) {
                    mismatches.add(open.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mismatches).as("pages whose scripts carry another nonce than their header's").isEmpty();
    }

    /** Null when the page's scripts carry its header's nonce; else what differs. */
    private static String mismatch(HttpResponse<String> page) {
        assertThat(page.statusCode()).isEqualTo(200);
        String header = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        Matcher headerNonce = HEADER_NONCE.matcher(header);
        assertThat(headerNonce.find()).as(header).isTrue();
        Matcher pageNonce = PAGE_NONCE.matcher(page.body());
        int scripts = 0;
        while (pageNonce.find()) {
            scripts++;
            if (!pageNonce.group(1).equals(headerNonce.group(1))) {
                return page.uri() + ": header " + headerNonce.group(1) + ", script " + pageNonce.group(1);
            }
        }
        assertThat(scripts).as("the page's scripts with a nonce").isPositive();
        return null;
    }
}
