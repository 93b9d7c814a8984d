package com.partnercenter.customer;

import com.partnercenter.web.PageLocaleResolver;
import com.partnercenter.web.WebappSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Sign-in of the customer admins' pages ({@code /customer/**}), like the partner pages': the Tasklist session's
 * user must be an administrator of a customer; without a session the pages redirect to Tasklist's login, anyone
 * else gets 403; every POST needs the session's CSRF token.
 */
@Component
public class CustomerPagesSignIn implements HandlerInterceptor {

    public static final String ADMIN_ATTRIBUTE = "customerAdmin";
    public static final String CSRF_ATTRIBUTE = "csrfToken";

    private final CustomerRepository customers;
    private final WebappSession session;

    public CustomerPagesSignIn(CustomerRepository customers, WebappSession session) {
        this.customers = customers;
        this.session = session;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Optional<String> userId = session.userId(request);
        if (userId.isEmpty()) {
            response.sendRedirect(request.getContextPath() + WebappSession.LOGIN_URL);
            return false;
        }
        Optional<CustomerAdmin> admin = customers.findAdminByUserId(userId.get());
        if (admin.isEmpty()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "These pages are for customer administrators");
            return false;
        }
        String token = session.csrfToken(request);
        if (!session.csrfAccepted(request, token)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Missing or wrong CSRF token");
            return false;
        }
        session.authenticate(userId.get());
        request.setAttribute(ADMIN_ATTRIBUTE, admin.get());
        request.setAttribute(CSRF_ATTRIBUTE, token);
        customers.findById(admin.get().customerId())
                .ifPresent(c -> request.setAttribute(PageLocaleResolver.USER_LANGUAGE, c.language()));
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        session.clear();
    }
}
