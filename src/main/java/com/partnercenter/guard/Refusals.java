package com.partnercenter.guard;

import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;

/** How the guard says no: 403 with the reason, or 404 for what the caller may not know exists. */
final class Refusals {

    private Refusals() {}

    static CommandRefusedException forbidden(String reason) {
        return new CommandRefusedException(reason);
    }

    /**
     * 404 on every REST endpoint: the REST resources keep the status of a {@code RestException} raised inside the
     * engine (they wrap engine exceptions into 500). Java callers get it as any runtime exception.
     */
    static RuntimeException notFound(String message) {
        return new InvalidRequestException(Response.Status.NOT_FOUND, message);
    }
}
