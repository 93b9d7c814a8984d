package com.partnercenter.provisioning;

/** The domain belongs to another customer: a business outcome, modelled as a BPMN error. */
public class DomainTakenException extends RuntimeException {

    public static final String ERROR_CODE = "DOMAIN_TAKEN";

    public DomainTakenException(String domain) {
        super("The domain " + domain + " is already registered by another customer");
    }
}
