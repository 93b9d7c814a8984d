package com.partnercenter.link;

import com.partnercenter.audit.AuditLog;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN "Close the link": every link of this process instance stops working (idempotent). */
@Component("revokeLinks")
public class RevokeLinksDelegate implements JavaDelegate {

    private final LinkService links;
    private final AuditLog audit;

    public RevokeLinksDelegate(LinkService links, AuditLog audit) {
        this.audit = audit;
        this.links = links;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int revoked = links.revokeAllOf(execution.getProcessInstanceId());
        if (revoked > 0) {
            Object partnerId = execution.getVariable("partnerId");
            audit.record("system", "LINKS_CLOSED", partnerId instanceof Number n ? n.longValue() : null, null,
                    execution.getProcessBusinessKey(), revoked + " link(s) closed at " + execution.getCurrentActivityName());
        }
    }
}
