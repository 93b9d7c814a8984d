package com.partnercenter.partner;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * What a flow requires of the partner user who starts it, as its model says: the camunda:properties
 * {@code requiredAuthorizations} (comma-separated {@link ProgramAuthorization} names) and
 * {@code requireSupportedAccess} of its task "Check partner authorization" ({@value #CHECK_TASK}). A flow without
 * that task is not one a partner user starts.
 */
public record FlowRequirements(String processKey, String flowName, Set<ProgramAuthorization> authorizations,
        boolean supportedAccess) {

    /** The delegate expression of the check task. */
    public static final String CHECK_TASK = "${checkPartnerAuthorization}";

    /** The requirements of the process {@code processKey} in the model; empty when it has no check task. */
    public static Optional<FlowRequirements> of(BpmnModelInstance model, String processKey) {
        ModelElementInstance element = model.getModelElementById(processKey);
        if (!(element instanceof Process process)) {
            return Optional.empty();
        }
        return allServiceTasks(process).stream().filter(t -> CHECK_TASK.equals(t.getCamundaDelegateExpression()))
                .findFirst().map(task -> of(task, processKey, process.getName()));
    }

    /** The requirements read from the check task itself (the delegate reads its own element). */
    public static FlowRequirements of(BaseElement checkTask, String processKey, String flowName) {
        Set<ProgramAuthorization> required = EnumSet.noneOf(ProgramAuthorization.class);
        String names = property(checkTask, "requiredAuthorizations");
        if (names != null) {
            for (String name : names.split(",")) {
                if (!name.isBlank()) {
                    required.add(ProgramAuthorization.valueOf(name.trim()));
                }
            }
        }
        return new FlowRequirements(processKey, flowName == null ? processKey : flowName, required,
                "true".equals(property(checkTask, "requireSupportedAccess")));
    }

    private static Collection<ServiceTask> allServiceTasks(Process process) {
        return process.getModelInstance().getModelElementsByType(ServiceTask.class).stream()
                .filter(t -> processOf(t) == process).toList();
    }

    private static Process processOf(ModelElementInstance element) {
        ModelElementInstance parent = element.getParentElement();
        while (parent != null && !(parent instanceof Process)) {
            parent = parent.getParentElement();
        }
        return (Process) parent;
    }

    private static String property(BaseElement element, String name) {
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions == null) {
            return null;
        }
        for (CamundaProperties properties : extensions.getElementsQuery().filterByType(CamundaProperties.class).list()) {
            for (CamundaProperty property : properties.getCamundaProperties()) {
                if (name.equals(property.getCamundaName())) {
                    return property.getCamundaValue();
                }
            }
        }
        return null;
    }
}
