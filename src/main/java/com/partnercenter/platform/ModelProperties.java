package com.partnercenter.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Reads a delegate's settings from the BPMN element's extension properties (camunda:properties), where
 * they stay visible in the Modeler. Only the model counts: a process variable of the same name (which
 * whoever starts the process can set) never replaces a setting such as a required authorization.
 *
 * <p>A step's inputs ({@link #input}, {@link #inputs}) are properties too: a constant ({@code offer-link-issued}) or an
 * expression ({@code ${partnerUserEmail}}) the engine's expression language evaluates against the execution when the
 * step runs. Unlike a camunda:inputParameter, such an input writes no variable (an input parameter is a local variable
 * created, written to history and deleted again at every run of the step).
 */
public final class ModelProperties {

    private static final Map<String, Expression> EXPRESSIONS = new ConcurrentHashMap<>();

    private ModelProperties() {}

    /**
     * A step's input: its camunda:property {@code name}, evaluated when it is an expression; when the step has no such
     * property, the variable {@code name} (how steps that are given their inputs as variables, a test's model for
     * instance, read them).
     */
    public static Object input(DelegateExecution execution, String name) {
        String text = text(execution.getBpmnModelElementInstance(), name);
        return text == null ? execution.getVariable(name) : evaluate(text, execution);
    }

    /**
     * The step's camunda:properties whose names {@code wanted} accepts, in model order, expressions evaluated against
     * the execution (only those: the others are not evaluated).
     */
    public static Map<String, Object> inputs(DelegateExecution execution, Predicate<String> wanted) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (CamundaProperty property : properties(execution.getBpmnModelElementInstance())) {
            if (wanted.test(property.getCamundaName())) {
                values.put(property.getCamundaName(), evaluate(property.getCamundaValue(), execution));
            }
        }
        return values;
    }

    private static Object evaluate(String text, DelegateExecution execution) {
        if (text == null || !(text.contains("${") || text.contains("#{"))) {
            return text;
        }
        return EXPRESSIONS.computeIfAbsent(text, t -> Context.getProcessEngineConfiguration().getExpressionManager()
                .createExpression(t)).getValue(execution);
    }

    public static Object get(DelegateExecution execution, String name) {
        return text(execution.getBpmnModelElementInstance(), name);
    }

    /** A setting of a user task (for its task listeners). */
    public static Object get(org.camunda.bpm.engine.delegate.DelegateTask task, String name) {
        return text(task.getBpmnModelElementInstance(), name);
    }

    private static String text(org.camunda.bpm.model.bpmn.instance.BaseElement element, String name) {
        for (CamundaProperty property : properties(element)) {
            if (name.equals(property.getCamundaName())) {
                return property.getCamundaValue();
            }
        }
        return null;
    }

    /** The element's camunda:properties, in model order. */
    private static List<CamundaProperty> properties(org.camunda.bpm.model.bpmn.instance.BaseElement element) {
        ExtensionElements extensions = element == null ? null : element.getExtensionElements();
        if (extensions == null) {
            return List.of();
        }
        List<CamundaProperty> all = new ArrayList<>();
        for (CamundaProperties properties : extensions.getElementsQuery().filterByType(CamundaProperties.class).list()) {
            all.addAll(properties.getCamundaProperties());
        }
        return all;
    }
}
