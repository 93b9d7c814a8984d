package com.partnercenter.web;

import com.partnercenter.platform.PageLocaleResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Excess load on the public pages ({@code /p/*}) waits briefly, then gets a plain "busy" page (503 with
 * {@code Retry-After}) in the reader's language — never a 500 after a long wait. At most
 * {@code partner-center.public-pages.max-concurrent} requests run at once (they share the connection pool
 * with the job executor and the provisioning worker, which must keep working); the next ones wait in order
 * for up to {@code partner-center.public-pages.max-wait}. A request that still finds no database connection
 * within the pool's timeout gets the same page. Rate limits per client (429) are another matter, checked
 * after this.
 */
@Configuration
public class PublicPageBulkhead {

    private static final Logger log = LoggerFactory.getLogger(PublicPageBulkhead.class);
    static final int RETRY_AFTER_SECONDS = 5;

    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> publicPageBulkheadFilter(
            @Value("${partner-center.public-pages.max-concurrent:10}") int maxConcurrent,
            @Value("${partner-center.public-pages.max-wait:2s}") Duration maxWait, MessageSource messages) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(
                new Filter(new Semaphore(maxConcurrent, true), maxWait, messages));
        registration.addUrlPatterns("/p/*");
        registration.setName("public-page-bulkhead");
        registration.setOrder(0);
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {
        private final Semaphore permits;
        private final Duration maxWait;
        private final MessageSource messages;
        private final PageLocaleResolver locales = new PageLocaleResolver();

        Filter(Semaphore permits, Duration maxWait, MessageSource messages) {
            this.permits = permits;
            this.maxWait = maxWait;
            this.messages = messages;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean admitted;
            try {
                admitted = permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                admitted = false;
            }
            if (!admitted) {
                busy(request, response, "no slot within " + maxWait.toMillis() + " ms");
                return;
            }
            try {
                chain.doFilter(request, response);
            } catch (ServletException | RuntimeException e) {
                if (NestedExceptionUtils.getRootCause(e) instanceof java.sql.SQLTransientConnectionException
                        || e.getCause() instanceof CannotGetJdbcConnectionException) {
                    if (!response.isCommitted()) {
                        response.reset();
                        busy(request, response, "no database connection");
                        return;
                    }
                }
                throw e;
            } finally {
                permits.release();
            }
        }

        private void busy(HttpServletRequest request, HttpServletResponse response, String why) throws IOException {
            log.warn("Public page {} {} answered 503 (busy: {})", request.getMethod(), request.getRequestURI(), why);
            Locale locale = locales.resolveLocale(request);
            String title = HtmlUtils.htmlEscape(messages.getMessage("busy.title", null, locale), "UTF-8");
            String body = HtmlUtils.htmlEscape(messages.getMessage("busy.body", null, locale), "UTF-8");
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("text/html;charset=UTF-8");
            response.getOutputStream().write(("<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head>"
                    + "<meta charset=\"UTF-8\"><meta name=\"robots\" content=\"noindex, nofollow\"><title>" + title
                    + "</title><link rel=\"stylesheet\" href=\"/css/public.css\"></head><body><main><h1>" + title
                    + "</h1><p>" + body + "</p></main></body></html>").getBytes(StandardCharsets.UTF_8));
        }
    }
}
