package com.partnercenter.platform;

/**
 * The BPMN error codes the flows' models catch, one owner for each: every delegate and check that refuses a request
 * throws these, so a model's boundary event and its delegates cannot drift apart.
 */
public final class FlowErrors {

    /** A start or task payload that breaks a rule (bounds, format, authorization): the model ends it as refused. */
    public static final String INVALID_REQUEST = "INVALID_REQUEST";

    private FlowErrors() {}
}
