package com.partnercenter.link;

/** What a personalized link leads to. */
public enum LinkType {
    TRIAL_INVITATION, PURCHASE_OFFER, DELEGATED_ADMIN, EMAIL_CONFIRMATION, CUSTOMER_SIGNUP,
    /** Single-use link with which a new customer admin chooses a password. */
    PASSWORD_SETUP
}
