package com.partnercenter.operations;

import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Health component {@code smtp}: the mail server takes a connection. Not part of liveness or readiness — a node
 * whose mail server is away still serves every page, and its outbox sends the mails when the server is back — so
 * an outage is {@value #DEGRADED} (HTTP 200 on {@code /actuator/health}, 503 on {@code /actuator/health/smtp}),
 * never DOWN. Checked every 15 s in the background; the outbox's backlog is in the metrics.
 */
@Component("smtpHealthIndicator")
public class SmtpHealthIndicator implements HealthIndicator, DisposableBean {

    public static final String DEGRADED = "DEGRADED";

    private final BackgroundProbe probe;

    public SmtpHealthIndicator(ObjectProvider<JavaMailSenderImpl> sender) {
        this.probe = new BackgroundProbe("smtp", () -> {
            JavaMailSenderImpl mail = sender.getIfAvailable();
            if (mail != null) {
                mail.testConnection();
            }
        }, Duration.ofSeconds(15), Duration.ofSeconds(10), new Status(DEGRADED));
    }

    @Override
    public Health health() {
        return probe.health();
    }

    void checkNow() {
        probe.runOnce();
    }

    @Override
    public void destroy() {
        probe.close();
    }
}
