package com.partnercenter.delegation;

import com.partnercenter.partner.SupportedAccess;

/** What a customer grants a partner: Full (global-admin privileges) or Limited (password-admin privileges). */
public enum AdminRole {
    FULL, LIMITED;

    /** The role a partner user gets on the customer: the lesser of the relationship and the user's access. */
    public GrantedRole grantFor(SupportedAccess access) {
        return switch (access) {
            case NONE -> null;
            case LIMITED -> GrantedRole.PASSWORD_ADMIN;
            case FULL -> this == FULL ? GrantedRole.GLOBAL_ADMIN : GrantedRole.PASSWORD_ADMIN;
        };
    }

    /** The privileges a partner user holds on a customer. */
    public enum GrantedRole { GLOBAL_ADMIN, PASSWORD_ADMIN }
}
