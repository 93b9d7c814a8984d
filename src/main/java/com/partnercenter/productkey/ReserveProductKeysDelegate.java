package com.partnercenter.productkey;

import static com.partnercenter.platform.FlowErrors.INVALID_REQUEST;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.partner.Partner;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.platform.Language;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN "Reserve the keys" ({@code ${reserveProductKeys}}): a conditional update per key, by the process instance; a
 * key another setup holds or used refuses the whole setup ({@code INVALID_REQUEST}, each such key named in the partner
 * user's language) and releases what it reserved.
 */
@Component("reserveProductKeys")
public class ReserveProductKeysDelegate implements JavaDelegate {

    private final ProductKeyRepository keys;
    private final ProductKeySetupRequest request;
    private final ProductKeySteps steps;
    private final AuditLog audit;

    public ReserveProductKeysDelegate(ProductKeyRepository keys, ProductKeySetupRequest request,
            ProductKeySteps steps, AuditLog audit) {
        this.keys = keys;
        this.request = request;
        this.steps = steps;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Language language = ProductKeySteps.language(execution);
        Partner partner = steps.partner(execution);
        String reservation = execution.getProcessInstanceId();
        Instant now = EngineClock.now();
        List<String> problems = new ArrayList<>();
        for (String code : steps.codes(execution)) {
            if (!keys.reserve(code, partner.id(), reservation, now)) {
                problems.add(request.alreadyUsed(ProductKeyCodec.format(code), language));
            }
        }
        if (!problems.isEmpty()) {
            keys.release(reservation);
            throw new BpmnError(INVALID_REQUEST, String.join("\n", problems));
        }
        audit.record(steps.actor(execution), "PRODUCT_KEYS_RESERVED", partner.id(), null,
                execution.getProcessBusinessKey(), String.join(", ", steps.codes(execution)));
    }
}
