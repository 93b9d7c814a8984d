package com.partnercenter.guard;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * The engine command guard refused a command: the caller may not make the engine do this, for the reason in the
 * message (in the caller's language). It is an {@link AuthorizationException} because that is the one engine
 * exception the REST API (under {@code /engine-rest} and the webapps' {@code /camunda/api/engine}) passes unchanged
 * from every endpoint: 403 with exactly this message. Every other engine exception of a start, a form submission or
 * a task completion becomes a 500 there.
 */
public class CommandRefusedException extends AuthorizationException {

    private static final long serialVersionUID = 1L;

    public CommandRefusedException(String message) {
        super(message);
    }
}
