package com.partnercenter.productkey;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.request.FlowRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN "Release the keys" ({@code ${releaseProductKeys}}, also the process end listener): gives back every key this
 * instance reserved and did not redeem; idempotent (nothing left to give back, nothing recorded).
 */
@Component("releaseProductKeys")
public class ReleaseProductKeysDelegate implements JavaDelegate {

    private final ProductKeyRepository keys;
    private final ProductKeySteps steps;
    private final FlowRequests requests;
    private final AuditLog audit;

    public ReleaseProductKeysDelegate(ProductKeyRepository keys, ProductKeySteps steps, FlowRequests requests,
            AuditLog audit) {
        this.keys = keys;
        this.steps = steps;
        this.requests = requests;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int released = keys.release(execution.getProcessInstanceId());
        if (released > 0) {
            audit.record(steps.actor(execution), "PRODUCT_KEYS_RELEASED", requests.partnerIdOf(execution), null,
                    execution.getProcessBusinessKey(), released + " key(s) given back to the inventory");
        }
    }
}
