package com.partnercenter.platform;

import static com.partnercenter.platform.FlowErrors.INVALID_REQUEST;

import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The text rule ({@link HumanText}) for process variables that a person typed into a start or task form: the
 * delegates that read such a variable ask here. A refusal names the field and says why in the partner user's
 * language ({@code partnerUserLanguage}, else English), from messages*.properties: {@code field.<variable>} and the
 * rule's {@code text.*} message.
 *
 * <p>This is the model-side half of the rule: the refusal follows the model's path for bad input (BPMN error
 * {@value FlowErrors#INVALID_REQUEST}, before anything is stored). Refusing such a payload at the engine's door, before an
 * instance exists, belongs to the engine's form-payload check (it calls {@link HumanText} for the form's text
 * fields).
 */
@Component
public class TypedVariables {


    private final MessageSource messages;

    public TypedVariables(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * The variable's text as stored (stripped; CR LF as LF), "" when it is missing.
     *
     * @throws BpmnError {@value FlowErrors#INVALID_REQUEST} with the field message when the text rule refuses it
     */
    public String require(VariableScope scope, String variable, HumanText.Kind kind) {
        Optional<String> problem = problem(scope, variable, kind);
        if (problem.isPresent()) {
            throw new BpmnError(INVALID_REQUEST, problem.get());
        }
        return HumanText.check(scope.getVariable(variable), kind).text();
    }

    /** Why the variable's text is refused (field and reason, in the partner user's language), if it is. */
    public Optional<String> problem(VariableScope scope, String variable, HumanText.Kind kind) {
        HumanText.Checked checked = HumanText.check(scope.getVariable(variable), kind);
        if (checked.ok()) {
            return Optional.empty();
        }
        Locale locale = locale(scope);
        String field = messages.getMessage("field." + variable, null, variable, locale);
        return Optional.of(checked.fieldMessage(messages, locale, field));
    }

    private static Locale locale(VariableScope scope) {
        return Language.exact(String.valueOf(scope.getVariable("partnerUserLanguage"))).orElse(Language.DEFAULT).locale();
    }
}
