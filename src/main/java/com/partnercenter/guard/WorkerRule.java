package com.partnercenter.guard;

import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import com.partnercenter.provisioning.ProvisioningWorker;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.FetchExternalTasksCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskFailureCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.springframework.stereotype.Component;

/**
 * The provisioning service account's work ({@code [worker]} commands): fetch and lock, extend, complete, fail or
 * raise a BPMN error on external tasks of the topic {@value ProvisioningWorker#TOPIC} only; a completion returns only
 * the results the worker produces ({@link ProvisioningWorker#OUTPUTS}), failures and BPMN errors no variables.
 */
@Component
class WorkerRule {

    private final Messages messages;

    WorkerRule(Messages messages) {
        this.messages = messages;
    }

    void check(Command<?> command, CommandContext context, Language language) {
        if (command instanceof FetchExternalTasksCmd) {
            Map<String, ?> topics = CommandFields.variables(command, "fetchInstructions");
            for (String topic : topics.keySet()) {
                topic(topic, language);
            }
            return;
        }
        if (!(command instanceof ExternalTaskCmd)) {
            throw new IllegalStateException(command.getClass().getName() + " is listed as [worker] but the guard "
                    + "does not know how to read it");
        }
        String id = CommandFields.string(command, "externalTaskId");
        ExternalTaskEntity task = id == null ? null
                : EngineLookups.unchecked(context, () -> context.getExternalTaskManager().findExternalTaskById(id));
        if (task != null) {
            topic(task.getTopicName(), language);
        }
        Set<String> refused = new TreeSet<>();
        if (command instanceof CompleteExternalTaskCmd) {
            refused.addAll(CommandFields.variables(command, "variables").keySet());
            refused.removeAll(ProvisioningWorker.OUTPUTS);
            refused.addAll(CommandFields.variables(command, "localVariables").keySet());
        } else if (command instanceof HandleExternalTaskFailureCmd) {
            refused.addAll(CommandFields.variables(command, "variables").keySet());
            refused.addAll(CommandFields.variables(command, "localVariables").keySet());
        } else if (command instanceof HandleExternalTaskBpmnErrorCmd) {
            refused.addAll(CommandFields.variables(command, "variables").keySet());
        }
        if (!refused.isEmpty()) {
            throw Refusals.forbidden(messages.text(language, "guard.refused.workerVariables",
                    String.join(", ", new TreeSet<>(ProvisioningWorker.OUTPUTS)), String.join(", ", refused)));
        }
    }

    private void topic(String topic, Language language) {
        if (!ProvisioningWorker.TOPIC.equals(topic)) {
            throw Refusals.forbidden(messages.text(language, "guard.refused.workerTopic", ProvisioningWorker.TOPIC,
                    topic));
        }
    }

}
