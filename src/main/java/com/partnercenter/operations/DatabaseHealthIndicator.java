package com.partnercenter.operations;

import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code database}, part of readiness: the application's database answers a validity check
 * within a second. Checked every second in the background, so the health endpoint answers at once, with 503 while
 * the database is away, instead of waiting for a connection (Spring Boot's own {@code db} check, which does, is
 * off).
 */
@Component("databaseHealthIndicator")
public class DatabaseHealthIndicator implements HealthIndicator, DisposableBean {

    private final BackgroundProbe probe;

    public DatabaseHealthIndicator(DataSource dataSource) {
        this.probe = new BackgroundProbe("database", () -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid(1)) {
                    throw new IllegalStateException("the database connection is not valid");
                }
            }
        }, Duration.ofSeconds(1), Duration.ofSeconds(1), Status.DOWN);
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
