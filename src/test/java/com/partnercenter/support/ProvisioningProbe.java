package com.partnercenter.support;

import com.partnercenter.partner.Partner;
import com.partnercenter.request.FlowRequest;
import com.partnercenter.request.FlowRequests;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * A minimal flow for the worker tests: a provisioning step "Create customer" (camunda:property provisioningOperation
 * = CREATE_CUSTOMER) then a wait; the customer to create is the one its request names, as in the real flows.
 */
public final class ProvisioningProbe {

    private ProvisioningProbe() {}

    public static BpmnModelInstance model(String processKey) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(processKey).name("Provisioning probe")
                .camundaHistoryTimeToLive(1)
                .startEvent().name("Start")
                .serviceTask("Task_Provision").name("Create customer").camundaExternalTask("provisioning")
                .userTask("Task_After").name("After")
                .endEvent().name("End").done();
        CamundaProperties properties = model.newInstance(CamundaProperties.class);
        CamundaProperty operation = model.newInstance(CamundaProperty.class);
        operation.setCamundaName("provisioningOperation");
        operation.setCamundaValue("CREATE_CUSTOMER");
        properties.getCamundaProperties().add(operation);
        ((ServiceTask) model.getModelElementById("Task_Provision")).builder().addExtensionElement(properties);
        return model;
    }

    /** The instance's request: the partner's new customer of the domain, its admin {@code admin@domain}. */
    public static void request(FlowRequests requests, ProcessInstance pi, String processKey, Partner partner,
            String domain) {
        requests.record(pi.getId(), processKey, partner.tenantId(), pi.getBusinessKey(), partner.id(), null);
        requests.setNewCustomer(pi.getId(), new FlowRequest.NewCustomer("Probe Co", domain, "BE", "fr", "Sam",
                "Worker", "admin@" + domain));
    }
}
