package com.partnercenter.operations;

import com.partnercenter.security.Groups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operational endpoints under {@code /actuator}: the health summary and the liveness and readiness probes are
 * public (status only, what a load balancer needs); everything else — metrics ({@code /actuator/prometheus}), the
 * health details and components ({@code /actuator/health/smtp}, …) — needs HTTP Basic of a Camunda user in the
 * group {@value Groups#OPERATORS} or {@value Groups#MONITORING} (401 otherwise), and shows the health details to
 * them (role {@value #ROLE}).
 */
public class OperationsAccessFilter extends OncePerRequestFilter {

    public static final String ROLE = "OPERATIONS";
    static final Set<String> PUBLIC = Set.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness");

    private final IdentityService identity;

    public OperationsAccessFilter(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String user = operationsUser(request.getHeader("Authorization"));
        if (user != null) {
            chain.doFilter(signedIn(request, user), response);
        } else if (PUBLIC.contains(path) && request.getHeader("Authorization") == null) {
            chain.doFilter(request, response);
        } else {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Partner Center operations\", charset=\"UTF-8\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }

    /** The user of valid Basic credentials who may read operational data; null otherwise. */
    private String operationsUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        if (!identity.checkPassword(user, decoded.substring(colon + 1))) {
            return null;
        }
        return identity.createGroupQuery().groupMember(user).groupIdIn(Groups.OPERATORS, Groups.MONITORING).count() > 0
                ? user : null;
    }

    private static HttpServletRequest signedIn(HttpServletRequest request, String user) {
        Principal principal = () -> user;
        return new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public String getRemoteUser() {
                return user;
            }

            @Override
            public boolean isUserInRole(String role) {
                return ROLE.equals(role);
            }
        };
    }
}
