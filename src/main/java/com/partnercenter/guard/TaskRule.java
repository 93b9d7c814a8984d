package com.partnercenter.guard;

import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskFollowUpDateCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * A user's work on a task ({@code [task]} commands), on a task the user may see (else 404, as if it did not exist):
 * claim it for itself or give it back, take it, complete it or submit its form with only the fields of the task's
 * deployed form ({@link FormPayloads}), comment on it or on a visible instance, set its follow-up date.
 */
@Component
class TaskRule {

    private final FormPayloads payloads;
    private final Messages messages;

    TaskRule(FormPayloads payloads, Messages messages) {
        this.payloads = payloads;
        this.messages = messages;
    }

    void check(Caller caller, Command<?> command, CommandContext context, Language language) {
        if (command instanceof ClaimTaskCmd) {
            task(context, CommandFields.string(command, "taskId"), language);
            String claimant = CommandFields.string(command, "userId");
            if (claimant != null && !claimant.equals(caller.userId())) {
                throw Refusals.forbidden(messages.text(language, "guard.refused.claimForOther"));
            }
        } else if (command instanceof AssignTaskCmd) {
            task(context, CommandFields.string(command, "taskId"), language);
            String assignee = CommandFields.string(command, "userId");
            if (assignee != null && !assignee.equals(caller.userId())) {
                throw Refusals.forbidden(messages.text(language, "guard.refused.assignToOther"));
            }
        } else if (command instanceof CompleteTaskCmd) {
            completion(context, task(context, CommandFields.string(command, "taskId"), language),
                    CommandFields.variables(command, "variables"), language);
        } else if (command instanceof SubmitTaskFormCmd) {
            completion(context, task(context, CommandFields.string(command, "taskId"), language),
                    CommandFields.variables(command, "properties"), language);
        } else if (command instanceof AddCommentCmd) {
            String taskId = CommandFields.string(command, "taskId");
            if (taskId != null) {
                task(context, taskId, language);
            } else {
                String instanceId = CommandFields.string(command, "processInstanceId");
                if (EngineLookups.visibleInstance(context, instanceId) == null) {
                    throw Refusals.notFound(messages.text(language, "guard.refused.notFound",
                            messages.text(language, "guard.noun.instance"), instanceId));
                }
            }
        } else if (command instanceof SetTaskFollowUpDateCmd) {
            task(context, CommandFields.string(command, "taskId"), language);
        } else {
            throw new IllegalStateException(command.getClass().getName() + " is listed as [task] but the guard does "
                    + "not know how to read it");
        }
    }

    private TaskEntity task(CommandContext context, String taskId, Language language) {
        TaskEntity task = EngineLookups.visibleTask(context, taskId);
        if (task == null) {
            throw Refusals.notFound(messages.text(language, "guard.refused.notFound",
                    messages.text(language, "guard.noun.task"), taskId));
        }
        return task;
    }

    private void completion(CommandContext context, TaskEntity task, Map<String, Object> values, Language language) {
        List<String> problems = payloads.problems(EngineLookups.taskForm(context, task.getId()), values, language,
                task::getVariable);
        if (!problems.isEmpty()) {
            throw Refusals.forbidden(String.join("\n", problems));
        }
    }
}
