package com.partnercenter.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** A health check that hangs (a database that does not answer) is reported DOWN at once, never waited for. */
class BackgroundProbeTest {

    @Test
    void aHangingCheckIsDownWithinTheAnswerTimeAndEveryReadIsImmediate() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (BackgroundProbe probe = new BackgroundProbe("database", () -> {
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
        }, Duration.ofSeconds(1), Duration.ofMillis(300), Status.DOWN)) {
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                long before = System.nanoTime();
                var health = probe.health();
                assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(100));
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails().get("error").toString()).contains("has not answered for");
            });
            release.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(probe.health().getStatus()).isEqualTo(Status.UP));
        }
    }

    @Test
    void aFailingCheckReportsItsStatusAndError() {
        try (BackgroundProbe probe = new BackgroundProbe("smtp", () -> {
            throw new IllegalStateException("Connection refused");
        }, Duration.ofHours(1), Duration.ofSeconds(10), new Status("DEGRADED"))) {
            probe.runOnce();
            assertThat(probe.health().getStatus().getCode()).isEqualTo("DEGRADED");
            assertThat(probe.health().getDetails()).containsEntry("error", "Connection refused");
        }
    }
}
