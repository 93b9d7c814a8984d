package com.partnercenter.web;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.webapp.impl.security.filter.headersec.provider.impl.ContentSecurityPolicyProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Each webapp request its own Content-Security-Policy nonce. Camunda 7.24 keeps the nonce of a response in an attribute
 * of the servlet context ({@value ContentSecurityPolicyProvider#ATTR_CSP_FILTER_NONCE}), shared by every request: its
 * header filter writes a new one for each request, and the index page of Tasklist, Cockpit or Admin reads it back to
 * stamp its scripts. A page served while another webapp request passes that filter gets the other request's nonce on
 * its scripts, the browser runs none of them, and the app stays on its loading splash (until the next reload). In
 * front of Camunda's filters, this one gives each request a servlet context whose nonce attribute is the request's
 * own; every other attribute and method is the application's.
 */
@Configuration
public class RequestScopedCspNonce {

    static final String NONCE = ContentSecurityPolicyProvider.ATTR_CSP_FILTER_NONCE;

    @Bean
    FilterRegistrationBean<Filter> requestScopedCspNonceFilter(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        Filter filter = (request, response, chain) -> chain.doFilter(
                request instanceof HttpServletRequest http ? withOwnNonce(http) : request, response);
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("requestScopedCspNonce");
        registration.addUrlPatterns(webappPath + "/*");
        // before every filter the webapps register (Camunda's header filter among them)
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    static HttpServletRequest withOwnNonce(HttpServletRequest request) {
        ServletContext shared = request.getServletContext();
        AtomicReference<Object> nonce = new AtomicReference<>();
        ServletContext own = (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    if (args != null && args.length > 0 && NONCE.equals(args[0])) {
                        switch (method.getName()) {
                            case "getAttribute":
                                return nonce.get();
                            case "setAttribute":
                                nonce.set(args[1]);
                                return null;
                            case "removeAttribute":
                                nonce.set(null);
                                return null;
                            default:
                                break;
                        }
                    }
                    try {
                        return method.invoke(shared, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new HttpServletRequestWrapper(request) {
            @Override
            public ServletContext getServletContext() {
                return own;
            }
        };
    }
}
