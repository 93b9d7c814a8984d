package com.partnercenter.guard;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.platform.CommandInterceptorSource;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The engine command guard: the one place where the engine checks who runs each command, whatever the entry point
 * (the REST API under {@code /engine-rest}, the webapps' engine API under {@code /camunda/api/engine} that Tasklist
 * and Cockpit call, the Java API of the pages). It runs inside every outer command, after the command context is
 * opened (see {@code platform.EngineConfiguration}); a command that runs inside an allowed one (a delegate starting
 * a flow, a service call of a listener) is not checked again.
 *
 * <p>The caller ({@link Caller}) and the command's kind ({@link EngineCommands}, every engine command classified in
 * {@value EngineCommands#RESOURCE}) decide: the application itself and operators run everything, and an operator's
 * command that changes something is written to the audit table (next to Camunda's own user operation log); the
 * provisioning service account runs only {@code [worker]} commands ({@link WorkerRule}); partner and customer users
 * run {@code [read]} commands and, each under its rule, {@code [start]} ({@link StartRule}), {@code [task]}
 * ({@link TaskRule}) and {@code [self]} ({@link AccountRule}) commands, nothing else. A refusal is a
 * {@link CommandRefusedException} (403) with the reason in the caller's language, or a 404 for what the caller may
 * not know exists; it comes before the command runs, so nothing changes.
 */
@Component
public class EngineCommandGuard implements CommandInterceptorSource {

    /** How deep the current thread is in commands of this engine: 0 outside any. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final EngineCommands commands = EngineCommands.load();
    private final ObjectProvider<StartRule> starts;
    private final ObjectProvider<TaskRule> tasks;
    private final ObjectProvider<AccountRule> accounts;
    private final ObjectProvider<WorkerRule> workers;
    private final ObjectProvider<UserLanguages> languages;
    private final ObjectProvider<Messages> messages;
    private final ObjectProvider<AuditLog> audit;

    public EngineCommandGuard(ObjectProvider<StartRule> starts, ObjectProvider<TaskRule> tasks,
            ObjectProvider<AccountRule> accounts, ObjectProvider<WorkerRule> workers,
            ObjectProvider<UserLanguages> languages, ObjectProvider<Messages> messages, ObjectProvider<AuditLog> audit) {
        this.starts = starts;
        this.tasks = tasks;
        this.accounts = accounts;
        this.workers = workers;
        this.languages = languages;
        this.messages = messages;
        this.audit = audit;
    }

    @Override
    public CommandInterceptor newInterceptor() {
        return new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                return guard(command, next);
            }
        };
    }

    public EngineCommands commands() {
        return commands;
    }

    <T> T guard(Command<T> command, CommandExecutor next) {
        int[] depth = DEPTH.get();
        boolean outer = depth[0] == 0;
        depth[0]++;
        try {
            if (!outer) {
                return next.execute(command);
            }
            CommandContext context = Context.getCommandContext();
            ProcessEngineConfigurationImpl configuration = context.getProcessEngineConfiguration();
            Caller caller = Caller.of(context.getAuthentication(), nonNull(configuration.getAdminGroups()),
                    nonNull(configuration.getAdminUsers()));
            EngineCommands.Kind kind = commands.kindOf(command.getClass());
            if (caller.type() == Caller.Type.USER || caller.type() == Caller.Type.SERVICE) {
                check(caller, kind, command, context);
            }
            T result = next.execute(command);
            if (caller.type() == Caller.Type.OPERATOR && !kind.read()) {
                audit.getObject().record(caller.userId(), "ENGINE_COMMAND", null, null, null,
                        CommandFields.describe(command));
            }
            return result;
        } finally {
            depth[0]--;
        }
    }

    private void check(Caller caller, EngineCommands.Kind kind, Command<?> command, CommandContext context) {
        if (caller.type() == Caller.Type.USER && kind == EngineCommands.Kind.READ) {
            return; // the most frequent case (Tasklist's lists): nothing to look up
        }
        if (caller.type() == Caller.Type.SERVICE) {
            Language language = Language.EN; // a service account reads no refusal: its log does, in English
            if (kind != EngineCommands.Kind.WORKER) {
                throw refused(command, language);
            }
            workers.getObject().check(command, context, language);
            return;
        }
        Language language = languages.getObject().of(caller.userId());
        switch (kind) {
            case START -> starts.getObject().check(caller, command, context, language);
            case TASK -> tasks.getObject().check(caller, command, context, language);
            case SELF -> accounts.getObject().check(caller, command, language);
            default -> throw refused(command, language);
        }
    }

    private CommandRefusedException refused(Command<?> command, Language language) {
        if (command instanceof StartProcessInstanceAtActivitiesCmd) {
            return Refusals.forbidden(messages.getObject().text(language, "start.refused.startInstructions"));
        }
        return Refusals.forbidden(messages.getObject().text(language, "guard.refused.command",
                command.getClass().getSimpleName().replaceFirst("Cmd$", "")));
    }

    private static List<String> nonNull(List<String> names) {
        return names == null ? List.of() : names;
    }
}
