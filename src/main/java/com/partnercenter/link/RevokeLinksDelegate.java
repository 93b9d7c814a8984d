package com.partnercenter.link;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN "Close the link": every link of this process instance stops working (idempotent). */
@Component("revokeLinks")
public class RevokeLinksDelegate implements JavaDelegate {

    private final LinkService links;

    public RevokeLinksDelegate(LinkService links) {
        this.links = links;
    }

    @Override
    public void execute(DelegateExecution execution) {
        links.revokeAllOf(execution.getProcessInstanceId());
    }
}
