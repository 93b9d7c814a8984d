package com.partnercenter.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers of every response, whatever answers it (pages, Camunda webapps, REST API, /api, actuator,
 * errors and refusals): {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options} (the webapps may frame
 * their own pages, nothing else may be framed), a {@code Referrer-Policy} (pages set a stricter one), and with
 * {@code partner-center.security-headers.hsts=true} (the {@code prod} profile) {@code Strict-Transport-Security}.
 * Set before the request runs, so a filter that answers early (401, 403, 429) carries them too; a page may set a
 * stricter value of its own.
 */
public class SecurityHeaders extends OncePerRequestFilter {

    /** {@code partner-center.security-headers.*}. */
    @ConfigurationProperties("partner-center.security-headers")
    public record Settings(boolean hsts, Duration hstsMaxAge) {
        public Settings {
            hstsMaxAge = hstsMaxAge == null ? Duration.ofDays(365) : hstsMaxAge;
        }
    }

    private final Settings settings;

    public SecurityHeaders(Settings settings) {
        this.settings = settings;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", request.getRequestURI().startsWith("/camunda/") ? "SAMEORIGIN" : "DENY");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        if (settings.hsts()) {
            response.setHeader("Strict-Transport-Security", "max-age=" + settings.hstsMaxAge().toSeconds()
                    + "; includeSubDomains");
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
