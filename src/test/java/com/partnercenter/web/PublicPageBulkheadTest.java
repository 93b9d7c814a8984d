package com.partnercenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Excess load on the public pages waits briefly, then gets the busy page (503) in the reader's language. */
class PublicPageBulkheadTest {

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

    PublicPageBulkheadTest() {
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
    }

    @Test
    void aRequestWithAFreeSlotRunsAndGivesItBack() throws Exception {
        Semaphore permits = new Semaphore(1, true);
        var filter = new PublicPageBulkhead.Filter(permits, Duration.ofMillis(50), messages);
        AtomicInteger ran = new AtomicInteger();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/p/ADV/token"), response, (req, res) -> ran.incrementAndGet());
        assertThat(ran).hasValue(1);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(permits.availablePermits()).isEqualTo(1);
    }

    @Test
    void aRequestThatFindsNoSlotInTimeGetsTheBusyPageInFrenchWithoutRunning() throws Exception {
        var filter = new PublicPageBulkhead.Filter(new Semaphore(0, true), Duration.ofMillis(20), messages);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/p/ADV/token");
        request.setParameter("lang", "fr");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicInteger ran = new AtomicInteger();
        filter.doFilter(request, response, (req, res) -> ran.incrementAndGet());
        assertThat(ran).hasValue(0);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("lang=\"fr\"",
                "Trop de monde en ce moment", "Réessayez dans quelques secondes.");
    }

    @Test
    void aRequestThatGetsNoDatabaseConnectionGetsTheBusyPageNotA500() throws Exception {
        Semaphore permits = new Semaphore(2, true);
        var filter = new PublicPageBulkhead.Filter(permits, Duration.ofMillis(50), messages);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/p/ADV/token"), response, (req, res) -> {
            throw new jakarta.servlet.ServletException("Request processing failed",
                    new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                            new java.sql.SQLTransientConnectionException("Connection is not available, request timed out")));
        });
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("Too busy right now");
        assertThat(permits.availablePermits()).isEqualTo(2);
    }
}
