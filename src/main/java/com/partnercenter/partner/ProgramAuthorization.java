package com.partnercenter.partner;

/**
 * Program authorizations of a partner; set by operators, never by the partner. Their names for readers are
 * {@link #messageKey()} in messages*.properties.
 */
public enum ProgramAuthorization {
    SUBSCRIPTION_ADVISOR,
    DELEGATED_ADMIN,
    AUTHORIZED_SERVICE_PROVIDER;

    /** The authorization's name in messages*.properties, e.g. {@code programAuthorization.DELEGATED_ADMIN}. */
    public String messageKey() {
        return "programAuthorization." + name();
    }
}
