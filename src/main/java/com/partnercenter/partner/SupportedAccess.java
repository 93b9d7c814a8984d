package com.partnercenter.partner;

/** A partner user's "admin access to companies you support". */
public enum SupportedAccess {
    /** No access to supported companies. */
    NONE,
    /** Same privileges as a customer's global admin. */
    FULL,
    /** Same privileges as a customer's password admin. */
    LIMITED;

    public boolean any() {
        return this != NONE;
    }
}
