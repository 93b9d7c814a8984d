package com.partnercenter.guard;

import java.io.InputStream;
import java.util.function.Supplier;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/** What the guard reads from the engine inside the command it checks (engine-specific, in one place). */
final class EngineLookups {

    private EngineLookups() {}

    /** Runs a lookup of the guard's own without the engine's authorization and tenant checks. */
    static <T> T unchecked(CommandContext context, Supplier<T> lookup) {
        boolean authorization = context.isAuthorizationCheckEnabled();
        boolean tenant = context.isTenantCheckEnabled();
        context.disableAuthorizationCheck();
        context.disableTenantCheck();
        try {
            return lookup.get();
        } finally {
            if (authorization) {
                context.enableAuthorizationCheck();
            }
            if (tenant) {
                context.enableTenantCheck();
            }
        }
    }

    /** The task when the caller may see it (the engine's own checks say so), else null. */
    static TaskEntity visibleTask(CommandContext context, String taskId) {
        if (taskId == null) {
            return null;
        }
        TaskEntity task = unchecked(context, () -> context.getTaskManager().findTaskById(taskId));
        if (task == null) {
            return null;
        }
        try {
            for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
                checker.checkReadTask(task);
            }
            return task;
        } catch (ProcessEngineException notVisible) {
            return null;
        }
    }

    /** The process instance when the caller may see it, else null. */
    static ExecutionEntity visibleInstance(CommandContext context, String processInstanceId) {
        if (processInstanceId == null) {
            return null;
        }
        ExecutionEntity instance = unchecked(context,
                () -> context.getExecutionManager().findExecutionById(processInstanceId));
        if (instance == null || !instance.isProcessInstanceExecution()) {
            return null;
        }
        try {
            for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
                checker.checkReadProcessInstance(instance);
            }
            return instance;
        } catch (ProcessEngineException notVisible) {
            return null;
        }
    }

    /** The deployed form of the task (what Tasklist renders for it), or null when the task has none. */
    static FormFields taskForm(CommandContext context, String taskId) {
        return form(context, () -> new GetDeployedTaskFormCmd(taskId).execute(context));
    }

    /** The deployed start form of the definition, or null when its start event has none. */
    static FormFields startForm(CommandContext context, String processDefinitionId) {
        return form(context, () -> new GetDeployedStartFormCmd(processDefinitionId).execute(context));
    }

    private static FormFields form(CommandContext context, Supplier<InputStream> deployedForm) {
        InputStream form;
        try {
            form = unchecked(context, deployedForm);
        } catch (BadUserRequestException noForm) {
            // "One of the attributes 'formKey' and 'camunda:formRef' must be supplied" (or a form not deployed)
            return null;
        }
        return form == null ? null : FormFields.parse(form);
    }
}
