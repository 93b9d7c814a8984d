package com.partnercenter.support;

import com.partnercenter.provisioning.ProvisioningWorker;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs the real provisioning handler on external tasks fetched through the engine API, so process
 * tests stay synchronous (the external task client does not fetch in the test profile).
 */
@Component
public class ProvisioningDriver {

    public static final String WORKER_ID = "test-worker";

    private final ExternalTaskService externalTasks;
    private final ObjectProvider<ProvisioningWorker> worker;

    public ProvisioningDriver(ExternalTaskService externalTasks, ObjectProvider<ProvisioningWorker> worker) {
        this.externalTasks = externalTasks;
        this.worker = worker;
    }

    /** Fetches every provisioning task of the instance (by business key) and handles it once. */
    public int runFor(String businessKey) {
        List<LockedExternalTask> locked = externalTasks.fetchAndLock(50, WORKER_ID)
                .topic(ProvisioningWorker.TOPIC, 60_000)
                .variables(List.copyOf(ProvisioningWorker.INPUTS)) // as the worker's subscription fetches them
                .businessKey(businessKey)
                .includeExtensionProperties()
                .execute();
        for (LockedExternalTask task : locked) {
            worker.getObject().handle(view(task), outcome(task));
        }
        return locked.size();
    }

    private static ProvisioningWorker.Task view(LockedExternalTask task) {
        return new ProvisioningWorker.Task() {
            public String processInstanceId() { return task.getProcessInstanceId(); }
            public String tenantId() { return task.getTenantId(); }
            public String activityId() { return task.getActivityId(); }
            public Integer retries() { return task.getRetries(); }
            public String extensionProperty(String name) { return task.getExtensionProperties().get(name); }
            @SuppressWarnings("unchecked")
            public <T> T variable(String name) {
                return (T) task.getVariables().get(ProvisioningWorker.fetched(name));
            }
        };
    }

    private ProvisioningWorker.Outcome outcome(LockedExternalTask task) {
        return new ProvisioningWorker.Outcome() {
            public void complete(Map<String, Object> variables) {
                externalTasks.complete(task.getId(), WORKER_ID, variables);
            }
            public void bpmnError(String code, String message) {
                externalTasks.handleBpmnError(task.getId(), WORKER_ID, code, message);
            }
            public void failure(String message, String details, int retries, long timeout) {
                externalTasks.handleFailure(task.getId(), WORKER_ID, message, details, retries, timeout);
            }
        };
    }
}
