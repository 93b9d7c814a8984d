package com.partnercenter.web;

import jakarta.servlet.http.HttpServletRequest;
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

/**
 * The application's signed-in pages use the Camunda webapps' sign-in: a user who logged in to Tasklist has a
 * webapp authentication for this engine in its HTTP session. This reads that user id (never anything the request
 * says), keeps a random CSRF token per session for the pages' forms (field {@value #CSRF_FIELD}, compared in
 * constant time), and sets the engine's authentication for one request with groups and tenants read afresh
 * (the webapp caches them for minutes). A user whose account was deleted meanwhile is no longer signed in.
 */
@Component
public class WebappSession {

    public static final String CSRF_FIELD = "_csrf";
    public static final String LOGIN_URL = "/camunda/app/tasklist/default/";
    static final String CSRF_SESSION_KEY = WebappSession.class.getName() + ".csrf";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityService identity;
    private final ProcessEngine engine;

    public WebappSession(IdentityService identity, ProcessEngine engine) {
        this.identity = identity;
        this.engine = engine;
    }

    /** The user the Camunda webapps signed in on this request's session for this engine, if any. */
    public Optional<String> userId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null) {
            return Optional.empty();
        }
        var authentication = authentications.getAuthenticationForProcessEngine(engine.getName());
        if (authentication == null || authentication.getIdentityId() == null) {
            return Optional.empty();
        }
        String userId = authentication.getIdentityId();
        if (identity.createUserQuery().userId(userId).count() == 0) {
            // the account was deleted meanwhile: signed out, as the webapps do when they next validate the session
            authentications.removeByEngineName(engine.getName());
            AuthenticationUtil.updateSession(session, authentications);
            return Optional.empty();
        }
        return Optional.of(userId);
    }

    /** The session's CSRF token (created on first use). */
    public String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession();
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

    /** False for a POST without the session's token. */
    public boolean csrfAccepted(HttpServletRequest request, String token) {
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            return true;
        }
        String given = request.getParameter(CSRF_FIELD);
        return given != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** Sets the engine's authentication of the user for this request (clear it with {@link #clear()}). */
    public void authenticate(String userId) {
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
                .toList();
        List<String> tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
                .stream().map(Tenant::getId).toList();
        identity.setAuthentication(userId, groups, tenants);
    }

    public void clear() {
        identity.clearAuthentication();
    }
}
