package com.partnercenter.benchmark;

import com.partnercenter.support.http.AppHttp;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.topic.TopicSubscription;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * The baseline: the bare shape of the real flows on the same engine (model {@code bpmn/bench-bare-shape.bpmn},
 * deployed by the benchmark only): start over REST, an asynchronous no-op, a message caught (sent over REST
 * when the instance waits for it), an external task fetched and completed over REST by an external task
 * client configured like the provisioning worker, an asynchronous no-op, end. Its client is told "waits" and
 * "ended" by the model's listeners after the engine commits, in place of the mails of the real flows.
 */
final class BareShape implements AutoCloseable {

    static final String PROCESS = "benchBareShape";
    static final String TOPIC = "benchBareShape";
    static final List<String> STEPS = List.of("start (REST)", "async no-op, wait", "message (REST)",
            "external task, no-op, end", "total");

    /** Bean {@code benchBareShapeSignals} of the model's listeners: which instances wait or ended (committed). */
    static final class Signals implements ExecutionListener {
        private final Map<String, String> states = new HashMap<>();

        @Override
        public void notify(DelegateExecution execution) {
            String instance = execution.getProcessInstanceId();
            String state = EVENTNAME_START.equals(execution.getEventName()) ? "WAITING" : "ENDED";
            Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                    cc -> {
                        synchronized (states) {
                            states.put(instance, state);
                            states.notifyAll();
                        }
                    });
        }

        /** Waits until the instance reached the state; false after the timeout. */
        boolean await(String instance, String state, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (states) {
                while (!state.equals(states.get(instance))) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        states.wait(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                return true;
            }
        }
    }

    /** One bare instance driven: its id and step times (ms, in {@link #STEPS} order); {@code failure} or null. */
    record Run(String instanceId, Map<String, Double> stepMillis, String failure) {}

    private final AppHttp http;
    private final Signals signals;
    private final String user;
    private final String password;
    private final String tenant;
    private final Duration timeout;
    private final ExternalTaskClient client;
    private final TopicSubscription subscription;

    /** Deploys the model (once) and opens the external task client as the given operator. */
    BareShape(AppHttp http, Signals signals, RepositoryService repository, String operator, String password,
            String tenant, Duration timeout) {
        this.http = http;
        this.signals = signals;
        this.user = operator;
        this.password = password;
        this.tenant = tenant;
        this.timeout = timeout;
        repository.createDeployment().name("benchmark bare shape").enableDuplicateFiltering(false)
                .addClasspathResource("bpmn/bench-bare-shape.bpmn").deploy();
        // as application.yml configures the provisioning worker's client
        client = ExternalTaskClient.create().baseUrl(http.baseUrl() + http.rest("")).workerId("bench-bare-shape")
                .asyncResponseTimeout(20_000).maxTasks(10).lockDuration(60_000).disableBackoffStrategy()
                .addInterceptor(new BasicAuthProvider(operator, password)).build();
        subscription = client.subscribe(TOPIC).handler((task, service) -> service.complete(task)).open();
    }

    /** Starts an instance over REST and leaves it waiting for its message (the checks' own test). */
    String startOnly() {
        AppHttp.Answer started = http.startProcess(PROCESS,
                Map.of(com.partnercenter.platform.PartnerTenantIdProvider.TENANT_VARIABLE, tenant), user, password);
        if (started.status() != 200) {
            throw new IllegalStateException("start answered " + started.status() + ": " + started.body());
        }
        return AppHttp.Rest.id(started.body());
    }

    Run run() {
        Map<String, Double> steps = new LinkedHashMap<>();
        long begin = System.nanoTime();
        AppHttp.Answer started = http.startProcess(PROCESS,
                Map.of(com.partnercenter.platform.PartnerTenantIdProvider.TENANT_VARIABLE, tenant), user, password);
        if (started.status() != 200) {
            return new Run(null, steps, "start answered " + started.status() + ": " + started.body());
        }
        String id = AppHttp.Rest.id(started.body());
        steps.put("start (REST)", started.millis());
        long startedAt = System.nanoTime();
        if (!signals.await(id, "WAITING", timeout)) {
            return new Run(id, steps, "never waited for the message");
        }
        steps.put("async no-op, wait", (System.nanoTime() - startedAt) / 1e6);
        AppHttp.Answer message = http.postJson(http.rest("/message"), "{\"messageName\":\"BenchGo\","
                + "\"processInstanceId\":" + AppHttp.Rest.quote(id) + "}", user, password);
        if (message.status() != 204) {
            return new Run(id, steps, "message answered " + message.status() + ": " + message.body());
        }
        steps.put("message (REST)", message.millis());
        long sentAt = System.nanoTime();
        if (!signals.await(id, "ENDED", timeout)) {
            return new Run(id, steps, "never ended");
        }
        long end = System.nanoTime();
        steps.put("external task, no-op, end", (end - sentAt) / 1e6);
        steps.put("total", (end - begin) / 1e6);
        return new Run(id, steps, null);
    }

    @Override
    public void close() {
        subscription.close();
        client.stop();
    }
}
