package com.partnercenter.platform;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Reads process variables a delegate cannot do without. */
public final class ProcessVariables {

    private ProcessVariables() {}

    /** A numeric variable as a long; a missing or non-numeric one is a modelling error naming the task. */
    public static long number(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("variable " + name + " is missing or not a number (task "
                + execution.getCurrentActivityId() + ")");
    }
}
