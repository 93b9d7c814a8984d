package com.partnercenter.partnerofrecord;

import static com.partnercenter.platform.ProcessVariables.number;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.platform.ModelProperties;
import com.partnercenter.request.FlowRequests;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * BPMN steps of the partner of record; use them asynchronously with retries (they mail), like {@code sendEmail}.
 *
 * <ul>
 *   <li>{@code ${recordSubscriptionChange}}: camunda:property or variable {@code changeKind}
 *       ({@link SubscriptionChange.Kind}, not POR_CHANGED), variables {@code subscriptionId}, optional
 *       {@code changeOldValue}, {@code changeNewValue}, {@code changeDetails}, {@code changeId} (default: process
 *       instance/activity/subscription). Records the change and mails the POR once.</li>
 *   <li>{@code ${registerPartnerOfRecord}}: variables {@code subscriptionId}, {@code partnerId}: the partner
 *       becomes POR when eligible, otherwise the history says why. Sets {@code partnerOfRecordRegistered} and
 *       {@code partnerOfRecordReason} (in {@code partnerUserLanguage}).</li>
 * </ul>
 */
@Configuration
public class PartnerOfRecordDelegates {

    private final PartnerOfRecordService service;
    private final FlowRequests requests;

    public PartnerOfRecordDelegates(PartnerOfRecordService service, FlowRequests requests) {
        this.service = service;
        this.requests = requests;
    }

    @Bean("recordSubscriptionChange")
    public JavaDelegate recordSubscriptionChange() {
        return execution -> {
            Object kind = ModelProperties.get(execution, "changeKind");
            if (kind == null) {
                throw new IllegalArgumentException("changeKind is missing (task " + execution.getCurrentActivityId() + ")");
            }
            long subscriptionId = number(execution, "subscriptionId");
            Object changeId = execution.getVariable("changeId");
            service.record(new PartnerOfRecordService.ChangeRequest(
                    changeId != null ? changeId.toString() : defaultChangeId(execution, subscriptionId),
                    subscriptionId, SubscriptionChange.Kind.valueOf(kind.toString()), text(execution, "changeOldValue"),
                    text(execution, "changeNewValue"), text(execution, "changeDetails"), actor(execution)));
        };
    }

    @Bean("registerPartnerOfRecord")
    public JavaDelegate registerPartnerOfRecord() {
        return execution -> {
            long subscriptionId = number(execution, "subscriptionId");
            // the outcome is on the subscription's history, where the confirmation mail reads it
            // the partner of the flow's request (its variable only for the partner pages' own processes)
            service.changePartnerOfRecord(subscriptionId, requests.partnerIdOf(execution),
                    defaultChangeId(execution, subscriptionId), actor(execution));
        };
    }

    private static String defaultChangeId(DelegateExecution execution, long subscriptionId) {
        return execution.getProcessInstanceId() + "/" + execution.getCurrentActivityId() + "/" + subscriptionId;
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }

    private static String actor(DelegateExecution execution) {
        return AuditLog.actor(execution.getVariable("initiator"), execution.getProcessBusinessKey());
    }
}
