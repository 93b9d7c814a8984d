package com.partnercenter.provisioning;

import com.partnercenter.subscription.Subscription;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Serves the external task topic {@value #TOPIC} through the Camunda external task client: in the
 * application's own process by default (against its REST API, as the provisioning service account),
 * or in separate worker processes (profile "worker").
 *
 * <p>Contract: the task's camunda:property (or variable) {@code provisioningOperation} says what to do; {@code provisioningKey}
 * (optional, default process instance id + activity id) makes it idempotent.
 * <ul>
 *   <li>{@code CREATE_CUSTOMER}: customerName, customerDomain, customerCountry, customerLanguage,
 *       adminFirstName, adminLastName, adminEmail, partnerId (optional) → customerId,
 *       customerAdminUserId, customerCreated; BPMN error DOMAIN_TAKEN when the domain is someone else's.</li>
 *   <li>a trial subscription of a SKU the customer already had a trial of: BPMN error TRIAL_TAKEN.</li>
 *   <li>{@code CREATE_SUBSCRIPTION}: customerId, skuCode, licenses, subscriptionStatus (TRIAL/ACTIVE),
 *       subscriptionOrigin, partnerOfRecordId (optional), termMonths (optional, else the SKU's term)
 *       → subscriptionId, subscriptionEndDate.</li>
 *   <li>{@code CONVERT_TRIAL}: trialSubscriptionId, licenses → subscriptionId, subscriptionEndDate (the trial,
 *       now ACTIVE with that count for the SKU's term).</li>
 * </ul>
 * Technical failures are retried ({@value #RETRIES} attempts, growing back-off) and then become an
 * incident with the cause; bad input becomes an incident at once.
 */
@Component
@ConditionalOnProperty(name = "partner-center.provisioning.in-process-worker", havingValue = "true",
        matchIfMissing = true)
@ExternalTaskSubscription(topicName = ProvisioningWorker.TOPIC, lockDuration = 60_000, includeExtensionProperties = true)
public class ProvisioningWorker implements ExternalTaskHandler {

    public static final String TOPIC = "provisioning";
    static final int RETRIES = 3;

    private static final Logger log = LoggerFactory.getLogger(ProvisioningWorker.class);

    private final ProvisioningService provisioning;

    public ProvisioningWorker(ProvisioningService provisioning) {
        this.provisioning = provisioning;
    }

    /** One provisioning task, whichever API fetched it (external task client, or the engine in tests). */
    public interface Task {
        String processInstanceId();
        String activityId();
        Integer retries();
        /** The BPMN element's camunda:property, if any. */
        String extensionProperty(String name);
        <T> T variable(String name);
    }

    /** What is reported back to the engine. */
    public interface Outcome {
        void complete(Map<String, Object> variables);
        void bpmnError(String errorCode, String message);
        void failure(String message, String details, int retries, long retryTimeoutMillis);
    }

    @Override
    public void execute(ExternalTask task, ExternalTaskService service) {
        handle(new Task() {
            public String processInstanceId() { return task.getProcessInstanceId(); }
            public String activityId() { return task.getActivityId(); }
            public Integer retries() { return task.getRetries(); }
            public String extensionProperty(String name) { return task.getExtensionProperty(name); }
            public <T> T variable(String name) { return task.getVariable(name); }
        }, new Outcome() {
            public void complete(Map<String, Object> variables) { service.complete(task, variables); }
            public void bpmnError(String code, String message) { service.handleBpmnError(task, code, message); }
            public void failure(String message, String details, int retries, long timeout) {
                service.handleFailure(task, message, details, retries, timeout);
            }
        });
    }

    /** Runs the operation and reports the outcome: completion, BPMN error, or failure with retries. */
    public void handle(Task task, Outcome outcome) {
        Map<String, Object> result;
        try {
            result = provision(task);
        } catch (DomainTakenException e) {
            outcome.bpmnError(DomainTakenException.ERROR_CODE, e.getMessage());
            return;
        } catch (TrialTakenException e) {
            outcome.bpmnError(TrialTakenException.ERROR_CODE, e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            log.warn("Provisioning task of {} has bad input: {}", task.processInstanceId(), e.getMessage());
            outcome.failure("Provisioning refused: " + e.getMessage(), null, 0, 0);
            return;
        } catch (RuntimeException e) {
            int retries = task.retries() == null ? RETRIES - 1 : task.retries() - 1;
            long backoff = 10_000L * (RETRIES - retries);
            log.warn("Provisioning task of {} failed, {} retries left: {}", task.processInstanceId(), retries,
                    e.toString());
            outcome.failure("Provisioning failed: " + rootMessage(e), stackTrace(e), Math.max(retries, 0), backoff);
            return;
        }
        outcome.complete(result);
    }

    Map<String, Object> provision(Task task) {
        String operation = task.extensionProperty("provisioningOperation");
        Object op = operation != null ? operation : task.variable("provisioningOperation");
        Object explicitKey = task.variable("provisioningKey");
        String requestKey = explicitKey != null ? explicitKey.toString()
                : task.processInstanceId() + "/" + task.activityId();
        return provision(op, requestKey, task::variable);
    }

    public interface Variables {
        <T> T get(String name);
    }

    Map<String, Object> provision(Object operation, String requestKey, Variables vars) {
        if (operation == null) {
            throw new IllegalArgumentException("provisioningOperation is missing");
        }
        Map<String, Object> out = new HashMap<>();
        switch (operation.toString()) {
            case "CREATE_CUSTOMER" -> {
                var request = new CustomerRequest(required(vars, "customerName"), required(vars, "customerDomain"),
                        required(vars, "customerCountry"), required(vars, "customerLanguage"),
                        required(vars, "adminFirstName"), required(vars, "adminLastName"),
                        required(vars, "adminEmail"), asLong(vars.get("partnerId")));
                var created = provisioning.createCustomer(request, requestKey);
                out.put("customerId", created.customerId());
                out.put("customerAdminUserId", created.adminUserId());
                out.put("customerCreated", created.created());
            }
            case "CREATE_SUBSCRIPTION" -> {
                Long customerId = asLong(vars.get("customerId"));
                Long licenses = asLong(vars.get("licenses"));
                if (customerId == null) {
                    throw new IllegalArgumentException("variable customerId is missing");
                }
                var status = Subscription.Status.valueOf(required(vars, "subscriptionStatus"));
                var origin = Subscription.Origin.valueOf(required(vars, "subscriptionOrigin"));
                Long termMonths = asLong(vars.get("termMonths"));
                var subscription = provisioning.createSubscription(customerId, required(vars, "skuCode"),
                        licenses == null ? 0 : Math.toIntExact(licenses), status, origin,
                        asLong(vars.get("partnerOfRecordId")), termMonths == null ? null : Math.toIntExact(termMonths),
                        requestKey);
                out.put("subscriptionId", subscription.id());
                out.put("subscriptionEndDate", subscription.endDate().toString());
            }
            case "CONVERT_TRIAL" -> {
                Long trialId = asLong(vars.get("trialSubscriptionId"));
                Long licenses = asLong(vars.get("licenses"));
                if (trialId == null || licenses == null) {
                    throw new IllegalArgumentException("variables trialSubscriptionId and licenses are required");
                }
                var subscription = provisioning.convertTrial(trialId, Math.toIntExact(licenses), requestKey);
                out.put("subscriptionId", subscription.id());
                out.put("subscriptionEndDate", subscription.endDate().toString());
            }
            default -> throw new IllegalArgumentException("unknown provisioningOperation '" + operation + "'");
        }
        return out;
    }

    private static String required(Variables vars, String name) {
        Object value = vars.get(name);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("variable " + name + " is missing");
        }
        return value.toString();
    }

    private static Long asLong(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String stackTrace(Throwable e) {
        var writer = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(writer));
        return writer.toString();
    }
}
