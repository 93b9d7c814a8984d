package com.partnercenter.portal;

import com.partnercenter.web.WebConfiguration;
import jakarta.servlet.Filter;
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
        return WebConfiguration.pageHeaders("partner-page-headers", "same-origin", "/partner", "/partner/*");
    }
}
