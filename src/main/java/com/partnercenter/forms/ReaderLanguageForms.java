package com.partnercenter.forms;

import com.partnercenter.platform.Language;
import com.partnercenter.tasklist.SignedInLanguage;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Start and task forms in the reader's language: the formRef of every start event and user task (a literal form id,
 * the English form of {@link FormTemplates}) resolves, for a reader whose account speaks French, to the French form
 * of the same template. The reader is the user the engine command runs for (Tasklist opening the form); anyone else
 * — the application, an operator, a task being created — gets the form the model names. Engine-specific code, in
 * this one place: a parse listener that puts {@link ReaderFormKey} in place of the parsed formRef expressions.
 */
@Component
public class ReaderLanguageForms extends AbstractProcessEnginePlugin {

    private final ObjectProvider<SignedInLanguage> languages;

    public ReaderLanguageForms(ObjectProvider<SignedInLanguage> languages) {
        this.languages = languages;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener> listeners =
                new ArrayList<>(configuration.getCustomPostBPMNParseListeners() == null ? List.of()
                        : configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseStartEvent(Element startEventElement, ScopeImpl scope, ActivityImpl activity) {
                if (scope instanceof ProcessDefinitionEntity definition) {
                    localize(definition.getStartFormDefinition());
                }
            }

            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior task) {
                    localize(task.getTaskDefinition().getFormDefinition());
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private void localize(FormDefinition form) {
        if (form != null && form.getCamundaFormDefinitionKey() != null
                && form.getCamundaFormDefinitionKey().isLiteralText()
                && !(form.getCamundaFormDefinitionKey() instanceof ReaderFormKey)) {
            form.setCamundaFormDefinitionKey(new ReaderFormKey(form.getCamundaFormDefinitionKey().getExpressionText()));
        }
    }

    /** The form id for the reader of the current engine command (see the class comment). */
    String formIdForReader(String formId) {
        CommandContext command = Context.getCommandContext();
        String reader = command == null ? null : command.getAuthenticatedUserId();
        if (reader == null) {
            return formId;
        }
        Language language = languages.getObject().of(reader).map(l -> Language.orDefault(l, Language.EN))
                .orElse(Language.EN);
        return FormTemplates.formId(formId, language);
    }

    /** A formRef that names the form of the reader's language. */
    final class ReaderFormKey implements Expression {

        private final String formId;

        ReaderFormKey(String formId) {
            this.formId = formId;
        }

        @Override
        public Object getValue(VariableScope variableScope) {
            return formIdForReader(formId);
        }

        @Override
        public void setValue(Object value, VariableScope variableScope) {
            throw new UnsupportedOperationException("a form reference is read only");
        }

        /** Read by the engine as the start form's id: the reader's form. */
        @Override
        public String getExpressionText() {
            return formIdForReader(formId);
        }

        @Override
        public boolean isLiteralText() {
            return false;
        }
    }
}
