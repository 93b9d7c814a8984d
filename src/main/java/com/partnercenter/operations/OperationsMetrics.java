package com.partnercenter.operations;

import com.partnercenter.mail.MailOutbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gauges of what an operator watches, in the Prometheus format at {@code /actuator/prometheus}: the mail outbox
 * ({@code partner_center_mail_outbox{status}}: pending, sending, failed, abandoned; the age of the oldest mail not
 * sent), the engine's jobs ({@code camunda_jobs{state}}: executable, locked, failed = no retries left), incidents
 * ({@code camunda_incidents{type}}) and external tasks ({@code camunda_external_tasks{state}}: open, locked). The
 * counters of sent, failed and taken-over mails come from the mail service. Counted in the background every
 * {@code partner-center.metrics.refresh} (15 s), so a scrape never queries the database (and answers while it is
 * away, with the last counts).
 */
@Component
public class OperationsMetrics implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OperationsMetrics.class);

    private final Map<String, Long> values = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> counts = new java.util.LinkedHashMap<>();
    private final ScheduledExecutorService thread;
    private final MailOutbox outbox;

    public OperationsMetrics(MeterRegistry meters, MailOutbox outbox, ManagementService management,
            RuntimeService runtime, ExternalTaskService externalTasks,
            @Value("${partner-center.metrics.refresh:PT15S}") Duration refresh) {
        this.outbox = outbox;
        for (String status : new String[] {"pending", "sending", "failed", "abandoned"}) {
            gauge(meters, "partner.center.mail.outbox", "status", status, "Mails in the outbox that are not sent");
        }
        Gauge.builder("partner.center.mail.outbox.oldest.unsent", values,
                        v -> v.getOrDefault("oldest", 0L)).baseUnit("seconds")
                .description("Age of the oldest mail of the outbox that is not sent").register(meters);
        count(meters, "camunda.jobs", "state", "executable", "Jobs due now, with retries left",
                () -> management.createJobQuery().executable().count());
        count(meters, "camunda.jobs", "state", "locked", "Jobs a node's job executor holds (acquired, lock not run out)",
                () -> management.createJobQuery().acquired().count());
        count(meters, "camunda.jobs", "state", "failed", "Jobs with no retries left (each an incident)",
                () -> management.createJobQuery().noRetriesLeft().count());
        count(meters, "camunda.incidents", "type", "failedJob", "Open incidents",
                () -> runtime.createIncidentQuery().incidentType("failedJob").count());
        count(meters, "camunda.incidents", "type", "failedExternalTask", "Open incidents",
                () -> runtime.createIncidentQuery().incidentType("failedExternalTask").count());
        count(meters, "camunda.external.tasks", "state", "open", "External tasks waiting for a worker",
                () -> externalTasks.createExternalTaskQuery().notLocked().count());
        count(meters, "camunda.external.tasks", "state", "locked", "External tasks a worker holds",
                () -> externalTasks.createExternalTaskQuery().locked().count());
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "operations-metrics");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void gauge(MeterRegistry meters, String name, String tag, String value, String description) {
        Gauge.builder(name, values, v -> v.getOrDefault(name + "/" + value, 0L)).tag(tag, value)
                .description(description).register(meters);
    }

    private void count(MeterRegistry meters, String name, String tag, String value, String description,
            LongSupplier count) {
        gauge(meters, name, tag, value, description);
        counts.put(name + "/" + value, count);
    }

    /** Counts everything again (in the background; tests call it). */
    public void refresh() {
        try {
            MailOutbox.Backlog backlog = outbox.backlog();
            values.put("partner.center.mail.outbox/pending", backlog.pending());
            values.put("partner.center.mail.outbox/sending", backlog.sending());
            values.put("partner.center.mail.outbox/failed", backlog.failed());
            values.put("partner.center.mail.outbox/abandoned", backlog.abandoned());
            values.put("oldest", backlog.oldestUnsent().toSeconds());
            counts.forEach((key, count) -> values.put(key, count.getAsLong()));
        } catch (RuntimeException e) {
            // the database may be away: the last counts stay
            log.debug("Operations metrics not refreshed: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }
}
