package com.partnercenter.ratelimit;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Rate limits at the door of the public pages: every request under {@code /p/} (accept pages, confirmation and
 * set-password links, GET and POST) takes a token of {@value #PUBLIC_PAGE} for its client before anything else
 * runs. Finer limits (accept-page submissions, confirmation mails, sign-in) are taken where the request is
 * understood: see the README's rate-limit table.
 */
@Configuration
public class RateLimitFilters {

    public static final String PUBLIC_PAGE = "public-page";

    @Bean
    public FilterRegistrationBean<Filter> publicPageRateLimit(RateLimiter limiter, ClientAddresses clients,
            Throttled throttled) {
        Filter filter = (req, res, chain) -> {
            HttpServletRequest request = (HttpServletRequest) req;
            RateLimiter.Decision decision = limiter.decide(PUBLIC_PAGE, clients.of(request));
            if (!decision.allowed()) {
                throttled.page(request, (HttpServletResponse) res, decision.retryAfter(), "throttled.client");
                return;
            }
            chain.doFilter(req, res);
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.setName("public-page-rate-limit");
        registration.addUrlPatterns("/p/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
