package com.partnercenter.platform;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * The signed-in user of the engine command that runs a delegate (Tasklist, REST API), or null when the
 * application itself runs it (a job, a start by the application, an accept page).
 */
public final class CommandUser {

    private CommandUser() {}

    public static String id() {
        CommandContext context = Context.getCommandContext();
        return context == null ? null : context.getAuthenticatedUserId();
    }
}
