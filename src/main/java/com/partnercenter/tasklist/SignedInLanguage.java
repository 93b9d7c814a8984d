package com.partnercenter.tasklist;

import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.PageLocaleResolver;
import com.partnercenter.web.WebappSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The language of the person signed in to the webapps (a partner user's, or a customer administrator's customer's),
 * for the pages that are nobody's in particular: the error pages (a partner who opened Cockpit reads why in its own
 * language).
 */
@Configuration
public class SignedInLanguage implements WebMvcConfigurer, HandlerInterceptor {

    private final WebappSession session;
    private final PartnerRepository partners;
    private final CustomerRepository customers;

    public SignedInLanguage(WebappSession session, PartnerRepository partners, CustomerRepository customers) {
        this.session = session;
        this.partners = partners;
        this.customers = customers;
    }

    /** "en" or "fr" for a partner user or customer administrator; empty for anyone else. */
    public Optional<String> of(String userId) {
        return partners.findUserByUserId(userId).map(u -> u.language())
                .or(() -> customers.findAdminByUserId(userId).flatMap(a -> customers.findById(a.customerId()))
                        .map(c -> c.language()));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/error");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        session.userId(request).flatMap(this::of)
                .ifPresent(language -> request.setAttribute(PageLocaleResolver.USER_LANGUAGE, language));
        return true;
    }
}
