package com.partnercenter.web;

import com.partnercenter.platform.PageLocaleResolver;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/** Language of the public pages, the security headers of every response and of the pages. */
@Configuration
public class WebConfiguration {

    /** The security headers of every response (first of all filters, so early answers carry them too). */
    @Bean
    public FilterRegistrationBean<SecurityHeaders> securityHeaders(SecurityHeaders.Settings settings) {
        var registration = new FilterRegistrationBean<>(new SecurityHeaders(settings));
        registration.setName("security-headers");
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR,
                jakarta.servlet.DispatcherType.ASYNC, jakarta.servlet.DispatcherType.FORWARD);
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * The Camunda webapps' first-run page would let the first visitor of an installation without administrator
     * create one: its call answers 403. The first administrator comes from the configuration
     * ({@code CAMUNDA_BPM_ADMINUSER_ID}, see the README), and a {@code prod} start without any stops
     * ({@code security.FirstAdministratorCheck}).
     */
    @Bean
    public FilterRegistrationBean<jakarta.servlet.Filter> noWebappSetup() {
        jakarta.servlet.Filter filter = (request, response, chain) -> ((jakarta.servlet.http.HttpServletResponse) response)
                .sendError(jakarta.servlet.http.HttpServletResponse.SC_FORBIDDEN,
                        "The first administrator is configured, not created on this page");
        var registration = new FilterRegistrationBean<>(filter);
        registration.setName("no-webapp-setup");
        registration.addUrlPatterns("/camunda/api/admin/setup/*");
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    /**
     * The pages' texts ({@code messages*.properties}, as {@code spring.messages.*} configures them), with French
     * elision before the names put into them.
     */
    @Bean
    public org.springframework.context.MessageSource messageSource(
            org.springframework.core.env.Environment environment) {
        var source = new com.partnercenter.platform.ElidingMessageSource();
        source.setBasenames(environment.getProperty("spring.messages.basename", "messages").split(","));
        source.setDefaultEncoding(environment.getProperty("spring.messages.encoding", "UTF-8"));
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Bean
    public LocaleResolver localeResolver() {
        return new PageLocaleResolver();
    }

    /**
     * Public pages carry tokens in their URL: never cached, never sent on as a Referer, never framed,
     * no script at all.
     */
    @Bean
    public FilterRegistrationBean<Filter> publicPageHeaders() {
        return pageHeaders("public-page-headers", "no-referrer", "/p/*");
    }

    /**
     * Headers of the application's own pages: never cached, never framed, no script at all, forms post only to
     * this site; the Referer policy as given.
     */
    public static FilterRegistrationBean<Filter> pageHeaders(String name, String referrerPolicy, String... patterns) {
        Filter filter = (request, response, chain) -> {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("Cache-Control", "no-store");
            http.setHeader("Referrer-Policy", referrerPolicy);
            http.setHeader("X-Content-Type-Options", "nosniff");
            http.setHeader("X-Frame-Options", "DENY");
            http.setHeader("Content-Security-Policy",
                    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'");
            chain.doFilter(request, response);
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(patterns);
        registration.setName(name);
        return registration;
    }
}
