package com.partnercenter.mail;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Test step after the e-mail in bpmn/mail-test-send-email.bpmn: with variable failAfterMail=true it fails the
 * first time per process instance, so the job's engine transaction rolls back after the mail went out.
 */
public class FailOnceAfterMail implements JavaDelegate {

    static final String MESSAGE = "simulated failure after the e-mail was sent";
    private static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

    @Override
    public void execute(DelegateExecution execution) {
        if (Boolean.TRUE.equals(execution.getVariable("failAfterMail")) && FAILED.add(execution.getProcessInstanceId())) {
            throw new IllegalStateException(MESSAGE);
        }
    }
}
