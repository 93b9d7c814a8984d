package com.partnercenter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Sign-in of a group of pages from the Tasklist session ({@link WebappSession}): without a session the pages
 * redirect to Tasklist's login; a user the pages are not for gets 403; a POST without the session's CSRF token
 * gets 403; otherwise the engine's authentication is set for the request only and cleared after it.
 *
 * @param <U> who the pages are for (a partner user, a customer admin)
 */
public abstract class SignedInPages<U> implements HandlerInterceptor {

    private final WebappSession session;
    private final String refusal;

    protected SignedInPages(WebappSession session, String refusal) {
        this.session = session;
        this.refusal = refusal;
    }

    /** The user the pages are for, from the signed-in user id; empty for anyone else. */
    protected abstract Optional<U> find(String userId);

    /** Puts what the pages need into the request (the user, the CSRF token, the page language). */
    protected abstract void admit(HttpServletRequest request, U user, String csrfToken);

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Optional<String> userId = session.userId(request);
        if (userId.isEmpty()) {
            response.sendRedirect(request.getContextPath() + WebappSession.LOGIN_URL);
            return false;
        }
        Optional<U> user = find(userId.get());
        if (user.isEmpty()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, refusal);
            return false;
        }
        String token = session.csrfToken(request);
        if (!session.csrfAccepted(request, token)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Missing or wrong CSRF token");
            return false;
        }
        session.authenticate(userId.get());
        admit(request, user.get(), token);
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        session.clear();
    }
}
