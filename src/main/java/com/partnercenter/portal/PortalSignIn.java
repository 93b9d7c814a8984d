package com.partnercenter.portal;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.web.PageLocaleResolver;
import com.partnercenter.web.WebappSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Sign-in of the partner pages ({@code /partner/**}): the Tasklist session's user ({@link WebappSession}) must be
 * a partner user; without a session the pages redirect to Tasklist's login, anyone else gets 403. Every POST
 * needs the session's CSRF token. The engine's authentication is set for the request only.
 */
@Component
public class PortalSignIn implements HandlerInterceptor {

    public static final String USER_ATTRIBUTE = "portalUser";

    private final PartnerRepository partners;
    private final WebappSession session;

    public PortalSignIn(PartnerRepository partners, WebappSession session) {
        this.partners = partners;
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
        Optional<PartnerUser> partnerUser = partners.findUserByUserId(userId.get());
        if (partnerUser.isEmpty()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "The partner pages are for partner users");
            return false;
        }
        String token = session.csrfToken(request);
        if (!session.csrfAccepted(request, token)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Missing or wrong CSRF token");
            return false;
        }
        Partner partner = partners.findById(partnerUser.get().partnerId()).orElseThrow();
        session.authenticate(userId.get());
        request.setAttribute(USER_ATTRIBUTE, new PortalUser(partnerUser.get(), partner, token));
        request.setAttribute(PageLocaleResolver.USER_LANGUAGE, partnerUser.get().language());
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        session.clear();
    }
}
