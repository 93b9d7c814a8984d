package com.partnercenter.partner;

/** A partner user's "admin access to your company": none or one role. */
public enum CompanyRole {
    NONE, GLOBAL_ADMIN, BILLING_ADMIN, PASSWORD_ADMIN, SERVICE_ADMIN, USER_MANAGEMENT_ADMIN
}
