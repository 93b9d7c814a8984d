package com.partnercenter.portal;

import com.partnercenter.customer.CustomerPagesSignIn;
import com.partnercenter.web.WebConfiguration;
import jakarta.servlet.Filter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The signed-in pages: partner pages under /partner ({@link PortalSignIn}) and customer admins' pages under
 * /customer ({@link CustomerPagesSignIn}): sign-in from the Tasklist session, CSRF check, security headers.
 */
@Configuration
public class PortalConfiguration implements WebMvcConfigurer {

    private final PortalSignIn signIn;
    private final CustomerPagesSignIn customerSignIn;

    public PortalConfiguration(PortalSignIn signIn, CustomerPagesSignIn customerSignIn) {
        this.signIn = signIn;
        this.customerSignIn = customerSignIn;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(signIn).addPathPatterns("/partner", "/partner/**");
        registry.addInterceptor(customerSignIn).addPathPatterns("/customer/**");
    }

    /** Signed-in pages: never cached, never framed, no script, forms post only to this site. */
    @Bean
    public FilterRegistrationBean<Filter> partnerPageHeaders() {
        return WebConfiguration.pageHeaders("partner-page-headers", "same-origin", "/partner", "/partner/*",
                "/customer/*");
    }
}
