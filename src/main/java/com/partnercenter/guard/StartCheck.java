package com.partnercenter.guard;

import java.util.List;

/**
 * A flow's own check of a start, owned by the flow's module: what in the start form's values the flow refuses (a
 * used product key, a bad offer line, an unknown SKU …). The engine command guard runs it before a partner user's
 * start, so that the user is told at once and nothing is stored; the flow's own check step runs the same rule again
 * (a start by the application still ends on the modelled refusal path, never in an incident).
 */
public interface StartCheck {

    /** The flow (process definition key) whose starts this checks. */
    String processKey();

    /** Every problem, in {@code request.language()}; empty when the flow may start. */
    List<String> problems(StartRequest request);
}
