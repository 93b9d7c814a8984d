package com.partnercenter.support;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Executes due jobs of one process instance by hand (the job executor is off in tests), with the jobs of the
 * instances it called (the refusal path, a called activity, is part of the flow).
 */
@Component
public class Jobs {

    private final ManagementService management;
    private final RuntimeService runtime;

    public Jobs(ManagementService management, RuntimeService runtime) {
        this.management = management;
        this.runtime = runtime;
    }

    private List<Job> executable(String processInstanceId) {
        List<Job> due = new ArrayList<>(management.createJobQuery().processInstanceId(processInstanceId).executable()
                .withRetriesLeft().list());
        for (ProcessInstance called : runtime.createProcessInstanceQuery().superProcessInstanceId(processInstanceId)
                .list()) {
            due.addAll(executable(called.getId()));
        }
        return due;
    }

    /** Executes executable jobs until none is left (bounded); returns how many ran. */
    public int runAll(String processInstanceId) {
        int ran = 0;
        for (int round = 0; round < 50; round++) {
            List<Job> due = executable(processInstanceId);
            if (due.isEmpty()) {
                return ran;
            }
            for (Job job : due) {
                management.executeJob(job.getId());
                ran++;
            }
        }
        throw new IllegalStateException("jobs of " + processInstanceId + " keep coming after 50 rounds");
    }

    /** Executes the executable jobs of every instance of the process (the page-started flows); returns how many. */
    public int runAllOf(String processDefinitionKey) {
        int ran = 0;
        for (Job job : management.createJobQuery().processDefinitionKey(processDefinitionKey).executable()
                .withRetriesLeft().list()) {
            management.executeJob(job.getId());
            ran++;
        }
        return ran;
    }

    /** Moves the engine clock just past the date, so that timers due then can be executed. */
    public static void moveClockJustAfter(java.util.Date date) {
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(new java.util.Date(date.getTime() + 1000));
    }

    /** Executes the one executable job of the instance (or of an instance it called). */
    public void runOne(String processInstanceId) {
        List<Job> due = executable(processInstanceId);
        if (due.size() != 1) {
            throw new IllegalStateException(due.size() + " executable jobs for " + processInstanceId + ", not one");
        }
        management.executeJob(due.get(0).getId());
    }
}
