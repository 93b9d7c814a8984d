package com.partnercenter.portal;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.platform.PageLocaleResolver;
import com.partnercenter.web.SignedInPages;
import com.partnercenter.web.WebappSession;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Sign-in of the partner pages ({@code /partner/**}): for partner users only (see {@link SignedInPages}). */
@Component
public class PortalSignIn extends SignedInPages<PartnerUser> {

    public static final String USER_ATTRIBUTE = "portalUser";

    private final PartnerRepository partners;

    public PortalSignIn(PartnerRepository partners, WebappSession session) {
        super(session, "The partner pages are for partner users");
        this.partners = partners;
    }

    @Override
    protected Optional<PartnerUser> find(String userId) {
        return partners.findUserByUserId(userId);
    }

    @Override
    protected void admit(HttpServletRequest request, PartnerUser user, String csrfToken) {
        Partner partner = partners.findById(user.partnerId()).orElseThrow();
        request.setAttribute(USER_ATTRIBUTE, new PortalUser(user, partner, csrfToken));
        request.setAttribute(PageLocaleResolver.USER_LANGUAGE, user.language());
    }
}
