package com.partnercenter.portal;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Sign-in of the partner pages ({@code /partner/**}): the same sign-in as the Camunda webapps. A user who
 * logged in to Tasklist has a webapp authentication for this engine in its HTTP session; the pages read
 * that user id, never anything the request says, and redirect to Tasklist's login otherwise. Groups and
 * tenants are read afresh from the engine on every request (the webapp caches them for minutes), and the
 * engine's current authentication is set for this request only and cleared after it.
 *
 * <p>Every state-changing request (POST) must carry the session's CSRF token in the form field
 * {@value #CSRF_FIELD}; the token is random, kept in the session and compared in constant time.
 */
@Component
public class PortalSignIn implements HandlerInterceptor {

    public static final String CSRF_FIELD = "_csrf";
    public static final String USER_ATTRIBUTE = "portalUser";
    public static final String LOGIN_URL = "/camunda/app/tasklist/default/";
    static final String CSRF_SESSION_KEY = PortalSignIn.class.getName() + ".csrf";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PartnerRepository partners;
    private final IdentityService identity;
    private final ProcessEngine engine;

    public PortalSignIn(PartnerRepository partners, IdentityService identity, ProcessEngine engine) {
        this.partners = partners;
        this.identity = identity;
        this.engine = engine;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        HttpSession session = request.getSession(false);
        Optional<String> userId = webappUser(session);
        if (userId.isEmpty()) {
            response.sendRedirect(request.getContextPath() + LOGIN_URL);
            return false;
        }
        Optional<PartnerUser> partnerUser = partners.findUserByUserId(userId.get());
        if (partnerUser.isEmpty()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "The partner pages are for partner users");
            return false;
        }
        String token = csrfToken(session);
        if ("POST".equalsIgnoreCase(request.getMethod()) && !matches(token, request.getParameter(CSRF_FIELD))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Missing or wrong CSRF token");
            return false;
        }
        Partner partner = partners.findById(partnerUser.get().partnerId()).orElseThrow();
        List<String> groups = identity.createGroupQuery().groupMember(userId.get()).list().stream()
                .map(Group::getId).toList();
        List<String> tenants = identity.createTenantQuery().userMember(userId.get()).includingGroupsOfUser(true)
                .list().stream().map(Tenant::getId).toList();
        identity.setAuthentication(userId.get(), groups, tenants);
        request.setAttribute(USER_ATTRIBUTE, new PortalUser(partnerUser.get(), partner, token));
        request.setAttribute(com.partnercenter.web.PageLocaleResolver.USER_LANGUAGE, partnerUser.get().language());
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        identity.clearAuthentication();
    }

    /** The user the Camunda webapps signed in on this session for this engine, if any. */
    private Optional<String> webappUser(HttpSession session) {
        if (session == null) {
            return Optional.empty();
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null) {
            return Optional.empty();
        }
        var authentication = authentications.getAuthenticationForProcessEngine(engine.getName());
        return authentication == null ? Optional.empty() : Optional.ofNullable(authentication.getIdentityId());
    }

    private static String csrfToken(HttpSession session) {
        synchronized (session) {
            Object token = session.getAttribute(CSRF_SESSION_KEY);
            if (token instanceof String s) {
                return s;
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(CSRF_SESSION_KEY, fresh);
            return fresh;
        }
    }

    private static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
