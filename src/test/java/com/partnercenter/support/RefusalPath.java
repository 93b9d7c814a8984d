package com.partnercenter.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The refusal path, modelled once in {@code processes/partner-refusal.bpmn} and called by the activity "Tell the
 * partner why" of each partner flow (BpmnAwareTests must be initialized, as the process tests do).
 */
public final class RefusalPath {

    /** The call activity of every partner flow. */
    public static final String CALL = "Call_TellPartnerWhy";
    /** The called process. */
    public static final String PROCESS = "partnerRefusal";

    private RefusalPath() {}

    /** The instance is in its refusal path, the called instance waiting to mail the partner; returns that one. */
    public static ProcessInstance tellingThePartner(ProcessInstance pi) {
        assertThat(pi).isWaitingAt(CALL);
        ProcessInstance called = calledProcessInstance(PROCESS, pi);
        assertThat(called).isWaitingAt("Task_NotifyRefusal");
        org.assertj.core.api.Assertions.assertThat(called.getBusinessKey()).isEqualTo(pi.getBusinessKey());
        return called;
    }

    /** The ended refusal path the instance called (history). */
    public static HistoricProcessInstance called(ProcessInstance pi) {
        return historyService().createHistoricProcessInstanceQuery().superProcessInstanceId(pi.getId())
                .processDefinitionKey(PROCESS).singleResult();
    }
}
