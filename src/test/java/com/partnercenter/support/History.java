package com.partnercenter.support;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/** Reads what an instance left in the history, also after it ended. */
@Component
public class History {

    private final HistoryService history;

    public History(HistoryService history) {
        this.history = history;
    }

    /** The last value of the instance's process variable. */
    public Object variable(ProcessInstance pi, String name) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(name)
                .singleResult().getValue();
    }
}
