package com.partnercenter.security;

import com.partnercenter.ratelimit.ClientAddresses;
import com.partnercenter.ratelimit.RateLimiter;
import com.partnercenter.ratelimit.Throttled;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door of every sign-in: the REST API and the application's API (HTTP Basic on each request), the webapps'
 * login and the identity API's password check. It makes the client address known to the password checks
 * ({@link SignInGuard}) and refuses with 429, before any password is checked, a client whose
 * {@value SignInGuard#FAILURE_LIMIT} bucket is empty (too many failed sign-ins, on any accounts) or, on the
 * webapps' login, whose {@value SignInGuard#ATTEMPT_LIMIT} bucket is empty. Requests without credentials pass
 * (they are refused as before, without a password check).
 */
public class SignInFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final ClientAddresses clients;
    private final Throttled throttled;

    public SignInFilter(RateLimiter limiter, ClientAddresses clients, Throttled throttled) {
        this.limiter = limiter;
        this.clients = clients;
        this.throttled = throttled;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = clients.of(request);
        boolean login = isWebappLogin(request);
        if (login || request.getHeader("Authorization") != null || isPasswordCheck(request)) {
            if (!limiter.hasCapacity(SignInGuard.FAILURE_LIMIT, client)) {
                limiter.consume(SignInGuard.FAILURE_LIMIT, client); // counted as refused, for operators
                throttled.text(request, response, limiter.retryAfter(SignInGuard.FAILURE_LIMIT, client),
                        "throttled.signIn");
                return;
            }
            if (login) {
                RateLimiter.Decision attempt = limiter.decide(SignInGuard.ATTEMPT_LIMIT, client);
                if (!attempt.allowed()) {
                    throttled.text(request, response, attempt.retryAfter(), "throttled.signIn");
                    return;
                }
            }
        }
        try {
            SignInGuard.withClient(client, () -> chain.doFilter(request, response));
        } catch (ServletException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    /** The Camunda webapps' login: POST /camunda/api/admin/auth/user/{engine}/login/{app}. */
    static boolean isWebappLogin(HttpServletRequest request) {
        return "POST".equalsIgnoreCase(request.getMethod()) && path(request).matches("/camunda/api/admin/auth/user/[^/]+/login(/.*)?");
    }

    /** The identity API's password check (POST …/identity/verify), which checks any user's password. */
    static boolean isPasswordCheck(HttpServletRequest request) {
        return "POST".equalsIgnoreCase(request.getMethod()) && path(request).endsWith("/identity/verify");
    }

    /**
     * The path as the container mapped it (decoded, without {@code ;parameters}, dot segments and doubled slashes
     * resolved), so {@code …/login/tasklist;x} or {@code /camunda//api/…} reach the same throttle as the plain path.
     */
    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        return request.getPathInfo() == null ? servletPath : servletPath + request.getPathInfo();
    }
}
