package com.partnercenter.provisioning;

/** The customer already had a trial of the SKU (one per SKU and customer): a business outcome, a BPMN error. */
public class TrialTakenException extends RuntimeException {

    public static final String ERROR_CODE = "TRIAL_TAKEN";

    public TrialTakenException(long customerId, String skuCode) {
        super("Customer " + customerId + " already had a trial of " + skuCode + " (one trial per SKU and customer)");
    }
}
