package com.partnercenter.link;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.request.FlowRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN "Close the link": every link of this process instance stops working (idempotent), audited for its flow's partner. */
@Component("revokeLinks")
public class RevokeLinksDelegate implements JavaDelegate {

    private final LinkService links;
    private final AuditLog audit;
    private final FlowRequests requests;

    public RevokeLinksDelegate(LinkService links, AuditLog audit, FlowRequests requests) {
        this.requests = requests;
        this.audit = audit;
        this.links = links;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int revoked = links.revokeAllOf(execution.getProcessInstanceId());
        if (revoked > 0) {
            audit.record("system", "LINKS_CLOSED", requests.partnerIdOf(execution), null,
                    execution.getProcessBusinessKey(), revoked + " link(s) closed at " + execution.getCurrentActivityName());
        }
    }
}
