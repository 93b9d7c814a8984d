package com.partnercenter.provisioning;

import com.partnercenter.subscription.Subscription;
import com.partnercenter.acceptance.Acceptance;
import com.partnercenter.acceptance.AcceptanceRepository;
import com.partnercenter.request.FlowRequest;
import com.partnercenter.request.FlowRequests;
import java.util.HashMap;
import java.util.List;
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
 * <p>Contract: the step's camunda:property {@code provisioningOperation} says what to do; {@code provisioningKey}
 * (optional variable, default process instance id + activity id) makes it idempotent. A task is fetched with the
 * variables of {@link #INPUTS} only. Who, for whom and how much
 * come from the instance's request ({@code request.FlowRequests}, checked to belong to the task's tenant), never from
 * a variable:
 * <ul>
 *   <li>{@code CREATE_CUSTOMER}: the customer of the request's confirmed acceptance (as the customer entered it on the
 *       accept page) or the new customer the partner entered, linked to the request's partner → customerId,
 *       customerAdminUserId, customerCreated (also recorded on the request); BPMN error DOMAIN_TAKEN when the domain is
 *       someone else's. With camunda:property {@value SubscriptionSource#WITH_NEW_CUSTOMER_PROPERTY}, also every
 *       subscription that source orders for the new customer, each under its own key, in the same task (one round
 *       trip for a new customer and its subscriptions).</li>
 *   <li>{@code CREATE_SUBSCRIPTION} and {@code CONVERT_TRIAL}: what the {@link SubscriptionSource} the step names in
 *       camunda:property {@value SubscriptionSource#PROPERTY} orders for the request's customer → subscriptionId,
 *       subscriptionEndDate; a trial of a SKU the customer already had a trial of: BPMN error TRIAL_TAKEN.</li>
 * </ul>
 * Technical failures are retried ({@value #RETRIES} attempts, growing back-off) and then become an
 * incident with the cause; bad input becomes an incident at once.
 *
 * <p>A fetched task is locked for {@code camunda.bpm.client.lock-duration} (20 s): when a worker dies, another one
 * fetches its task after that. A task that takes longer (a slow database) has its lock extended every half lock
 * duration while it runs, so no second worker starts it meanwhile.
 */
@Component
@ConditionalOnProperty(name = "partner-center.provisioning.in-process-worker", havingValue = "true",
        matchIfMissing = true)
@ExternalTaskSubscription(topicName = ProvisioningWorker.TOPIC, includeExtensionProperties = true,
        variableNames = {ProvisioningWorker.PROVISIONING_KEY, ProvisioningWorker.PRODUCT_KEY})
public class ProvisioningWorker implements ExternalTaskHandler {

    public static final String TOPIC = "provisioning";
    /** The optional variable that makes a task idempotent (default: process instance id and activity id). */
    public static final String PROVISIONING_KEY = "provisioningKey";
    /** The reserved product key a {@code productKey} subscription source orders from. */
    public static final String PRODUCT_KEY = "productKey";
    /**
     * The only variables a provisioning task is fetched with (and may read): a fetch without names would carry
     * every variable of the instance to the worker, serialized, at each task.
     */
    public static final java.util.Set<String> INPUTS = java.util.Set.of(PROVISIONING_KEY, PRODUCT_KEY);
    /** Every variable a provisioning task may return (the engine command guard refuses others from the worker). */
    public static final java.util.Set<String> OUTPUTS = java.util.Set.of("customerId", "customerAdminUserId",
            "customerCreated", "subscriptionId", "subscriptionEndDate");
    static final int RETRIES = 3;

    private static final Logger log = LoggerFactory.getLogger(ProvisioningWorker.class);

    private final ProvisioningService provisioning;
    private final FlowRequests requests;
    private final AcceptanceRepository acceptances;
    private final Map<String, SubscriptionSource> sources = new HashMap<>();
    private final long lockDurationMillis;
    private final java.util.concurrent.ScheduledExecutorService lockKeeper =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "provisioning-lock-keeper");
                thread.setDaemon(true);
                return thread;
            });

    public ProvisioningWorker(ProvisioningService provisioning, FlowRequests requests, AcceptanceRepository acceptances,
            List<SubscriptionSource> sources,
            @org.springframework.beans.factory.annotation.Value("${camunda.bpm.client.lock-duration:20000}")
            long lockDurationMillis) {
        this.provisioning = provisioning;
        this.requests = requests;
        this.acceptances = acceptances;
        sources.forEach(source -> this.sources.put(source.name(), source));
        this.lockDurationMillis = lockDurationMillis;
    }

    @jakarta.annotation.PreDestroy
    void stopKeepingLocks() {
        lockKeeper.shutdownNow();
    }

    /** One provisioning task, whichever API fetched it (external task client, or the engine in tests). */
    public interface Task {
        String processInstanceId();
        String tenantId();
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
        long every = Math.max(1000, lockDurationMillis / 2);
        var extension = lockKeeper.scheduleAtFixedRate(() -> {
            try {
                service.extendLock(task, lockDurationMillis);
            } catch (RuntimeException e) {
                log.warn("Lock of provisioning task {} not extended: {}", task.getId(), e.getMessage());
            }
        }, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            handleFetched(task, service);
        } finally {
            extension.cancel(false);
        }
    }

    private void handleFetched(ExternalTask task, ExternalTaskService service) {
        handle(new Task() {
            public String processInstanceId() { return task.getProcessInstanceId(); }
            public String tenantId() { return task.getTenantId(); }
            public String activityId() { return task.getActivityId(); }
            public Integer retries() { return task.getRetries(); }
            public String extensionProperty(String name) { return task.getExtensionProperty(name); }
            public <T> T variable(String name) { return task.getVariable(fetched(name)); }
        }, new Outcome() {
            public void complete(Map<String, Object> variables) { service.complete(task, variables); }
            public void bpmnError(String code, String message) { service.handleBpmnError(task, code, message); }
            public void failure(String message, String details, int retries, long timeout) {
                service.handleFailure(task, message, details, retries, timeout);
            }
        });
    }

    /** The name, if it is one of the {@link #INPUTS} a task is fetched with; a programming error otherwise. */
    public static String fetched(String name) {
        if (!INPUTS.contains(name)) {
            throw new IllegalStateException("provisioning tasks are fetched without variable '" + name
                    + "' (ProvisioningWorker.INPUTS: " + new java.util.TreeSet<>(INPUTS) + ")");
        }
        return name;
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
        if (operation == null) {
            throw new IllegalArgumentException("the step has no camunda:property provisioningOperation");
        }
        Object explicitKey = task.variable(PROVISIONING_KEY);
        String requestKey = explicitKey != null ? explicitKey.toString()
                : task.processInstanceId() + "/" + task.activityId();
        FlowRequest request;
        try {
            request = requests.of(task.processInstanceId(), task.tenantId());
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Map<String, Object> out = new HashMap<>();
        switch (operation) {
            case "CREATE_CUSTOMER" -> {
                String withSubscriptions = task.extensionProperty(SubscriptionSource.WITH_NEW_CUSTOMER_PROPERTY);
                SubscriptionSource subscriptionsSource = withSubscriptions == null ? null
                        : source(task, SubscriptionSource.WITH_NEW_CUSTOMER_PROPERTY);
                if (subscriptionsSource != null && request.customerId() != null && !request.customerCreated()) {
                    // subscriptions of a new customer for a request about an existing one: nothing is created
                    throw new IllegalArgumentException("the request of " + request.processInstanceId()
                            + " is for customer " + request.customerId() + ", not for a new one");
                }
                var created = provisioning.createCustomer(customerOf(request), requestKey);
                requests.setCreatedCustomer(request.processInstanceId(), created.customerId());
                if (subscriptionsSource != null) {
                    List<SubscriptionSource.Keyed> orders = subscriptionsSource.ordersWithNewCustomer(request,
                            created.customerId());
                    // every order checked before any is placed: a wrong one creates nothing
                    for (SubscriptionSource.Keyed ordered : orders) {
                        if (ordered.order().customerId() != created.customerId()) {
                            throw new IllegalArgumentException("source " + subscriptionsSource.name() + " orders for "
                                    + "customer " + ordered.order().customerId() + ", not for the one created, "
                                    + created.customerId());
                        }
                    }
                    for (SubscriptionSource.Keyed ordered : orders) {
                        Subscription subscription = place(ordered.order(), ordered.provisioningKey());
                        if (subscription.customerId() != created.customerId()) {
                            // the key named another customer's subscription: nothing of it is recorded as this one's
                            throw new IllegalArgumentException("provisioning key " + ordered.provisioningKey()
                                    + " holds subscription " + subscription.id() + " of customer "
                                    + subscription.customerId() + ", not of " + created.customerId());
                        }
                        subscriptionsSource.provisioned(request, ordered, subscription);
                    }
                }
                out.put("customerId", created.customerId());
                out.put("customerAdminUserId", created.adminUserId());
                out.put("customerCreated", created.created());
            }
            case "CREATE_SUBSCRIPTION", "CONVERT_TRIAL" -> {
                SubscriptionOrder order = source(task).order(request, task);
                Subscription subscription;
                if (order instanceof SubscriptionOrder.Create create && operation.equals("CREATE_SUBSCRIPTION")) {
                    subscription = place(create, requestKey);
                } else if (order instanceof SubscriptionOrder.Convert convert && operation.equals("CONVERT_TRIAL")) {
                    subscription = provisioning.convertTrial(convert.trialSubscriptionId(), convert.licenses(),
                            requestKey);
                } else {
                    throw new IllegalArgumentException(operation + " at " + task.activityId() + ": its source orders "
                            + order.getClass().getSimpleName());
                }
                out.put("subscriptionId", subscription.id());
                out.put("subscriptionEndDate", subscription.endDate().toString());
            }
            default -> throw new IllegalArgumentException("unknown provisioningOperation '" + operation + "'");
        }
        return out;
    }

    /** A new subscription as ordered, under the key (the same key twice gives the same subscription). */
    private Subscription place(SubscriptionOrder.Create create, String key) {
        return provisioning.createSubscription(create.customerId(), create.skuCode(), create.licenses(),
                create.status(), create.origin(), create.partnerOfRecordId(), create.termMonths(), key);
    }

    /** The customer to create: as its admin entered it on the accept page, or as the partner entered it. */
    private CustomerRequest customerOf(FlowRequest request) {
        if (request.acceptanceId() != null) {
            Acceptance a = acceptances.findById(request.acceptanceId()).orElseThrow(() -> new IllegalArgumentException(
                    "acceptance " + request.acceptanceId() + " of the request does not exist"));
            if (!"CONFIRMED".equals(a.status())) {
                throw new IllegalArgumentException("acceptance " + a.id() + " is " + a.status() + ", not confirmed");
            }
            return new CustomerRequest(a.organizationName(), a.domain(), a.country(), a.language(), a.adminFirstName(),
                    a.adminLastName(), a.adminEmail(), request.partnerId());
        }
        FlowRequest.NewCustomer c = request.newCustomer();
        if (c == null) {
            throw new IllegalArgumentException("the request of " + request.processInstanceId()
                    + " names no customer to create");
        }
        return new CustomerRequest(c.name(), c.domain(), c.country(), c.language(), c.adminFirstName(),
                c.adminLastName(), c.adminEmail(), request.partnerId());
    }

    private SubscriptionSource source(Task task) {
        return source(task, SubscriptionSource.PROPERTY);
    }

    private SubscriptionSource source(Task task, String property) {
        String name = task.extensionProperty(property);
        SubscriptionSource source = name == null ? null : sources.get(name);
        if (source == null) {
            throw new IllegalArgumentException("the step " + task.activityId() + " names no known subscription source "
                    + "(camunda:property " + property + " = " + name + ", known: "
                    + new java.util.TreeSet<>(sources.keySet()) + ")");
        }
        return source;
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
