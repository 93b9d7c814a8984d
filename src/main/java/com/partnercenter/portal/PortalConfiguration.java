package com.partnercenter.portal;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The partner pages under /partner: sign-in and CSRF check ({@link PortalSignIn}), security headers. */
@Configuration
public class PortalConfiguration implements WebMvcConfigurer {

    private final PortalSignIn signIn;

    public PortalConfiguration(PortalSignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(signIn).addPathPatterns("/partner", "/partner/**");
    }

    /** Signed-in pages: never cached, never framed, no script, forms post only to this site. */
    @Bean
    public FilterRegistrationBean<Filter> partnerPageHeaders() {
        Filter filter = (request, response, chain) -> {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("Cache-Control", "no-store");
            http.setHeader("X-Content-Type-Options", "nosniff");
            http.setHeader("X-Frame-Options", "DENY");
            http.setHeader("Referrer-Policy", "same-origin");
            http.setHeader("Content-Security-Policy",
                    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'");
            chain.doFilter(request, response);
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/partner", "/partner/*");
        registration.setName("partner-page-headers");
        return registration;
    }
}
