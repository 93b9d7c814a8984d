package com.partnercenter.platform;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Reads a delegate's settings from the BPMN element's extension properties (camunda:properties), where
 * they stay visible in the Modeler. Only the model counts: a process variable of the same name (which
 * whoever starts the process can set) never replaces a setting such as a required authorization.
 */
public final class ModelProperties {

    private ModelProperties() {}

    public static Object get(DelegateExecution execution, String name) {
        return get(execution.getBpmnModelElementInstance(), name);
    }

    /** A setting of a user task (for its task listeners). */
    public static Object get(org.camunda.bpm.engine.delegate.DelegateTask task, String name) {
        return get(task.getBpmnModelElementInstance(), name);
    }

    private static Object get(org.camunda.bpm.model.bpmn.instance.BaseElement element, String name) {
        ExtensionElements extensions = element == null ? null : element.getExtensionElements();
        if (extensions != null) {
            for (CamundaProperties properties : extensions.getElementsQuery().filterByType(CamundaProperties.class)
                    .list()) {
                for (CamundaProperty property : properties.getCamundaProperties()) {
                    if (name.equals(property.getCamundaName())) {
                        return property.getCamundaValue();
                    }
                }
            }
        }
        return null;
    }
}
