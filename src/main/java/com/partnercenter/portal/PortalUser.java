package com.partnercenter.portal;

import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;

/** The partner user signed in to the partner pages, its partner and the CSRF token of its session. */
public record PortalUser(PartnerUser user, Partner partner, String csrfToken) {

    public boolean globalAdmin() {
        return user.companyRole() == CompanyRole.GLOBAL_ADMIN;
    }

    /** Global admins and user-management admins manage the partner's users. */
    public boolean managesUsers() {
        return globalAdmin() || user.companyRole() == CompanyRole.USER_MANAGEMENT_ADMIN;
    }
}
