package com.partnercenter.support;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/** Executes due jobs of one process instance by hand (the job executor is off in tests). */
@Component
public class Jobs {

    private final ManagementService management;

    public Jobs(ManagementService management) {
        this.management = management;
    }

    /** Executes executable jobs until none is left (bounded); returns how many ran. */
    public int runAll(String processInstanceId) {
        int ran = 0;
        for (int round = 0; round < 50; round++) {
            List<Job> due = management.createJobQuery().processInstanceId(processInstanceId).executable()
                    .withRetriesLeft().list();
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

    /** Executes the one executable job of the instance. */
    public void runOne(String processInstanceId) {
        Job job = management.createJobQuery().processInstanceId(processInstanceId).executable().singleResult();
        if (job == null) {
            throw new IllegalStateException("no executable job for " + processInstanceId);
        }
        management.executeJob(job.getId());
    }
}
