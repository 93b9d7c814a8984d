package com.partnercenter.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * A check that runs on its own thread, every {@code interval}, so that a health request never waits for it: the
 * request reads the last outcome. A check that has not answered for {@code answerWithin} counts as failed (a
 * database that does not answer is down, however long the driver would wait).
 */
final class BackgroundProbe implements AutoCloseable {

    /** What is checked; throws when the thing checked is not usable. */
    interface Check {
        void run() throws Exception;
    }

    private record Outcome(Instant at, String error) {}

    private final String name;
    private final Check check;
    private final Duration answerWithin;
    private final Status failedStatus;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Instant runningSince;
    private volatile Outcome last;

    BackgroundProbe(String name, Check check, Duration interval, Duration answerWithin, Status failedStatus) {
        this.name = name;
        this.check = check;
        this.answerWithin = answerWithin;
        this.failedStatus = failedStatus;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "probe-" + name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs the check now, on the caller's thread (tests; the scheduled runs skip while it runs). */
    void runOnce() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        runningSince = Instant.now();
        String error = null;
        try {
            check.run();
        } catch (Exception e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } finally {
            last = new Outcome(Instant.now(), error);
            runningSince = null;
            running.set(false);
        }
    }

    /** The health as last seen; never waits for the check. */
    Health health() {
        Instant since = runningSince;
        Outcome outcome = last;
        if (since != null && Duration.between(since, Instant.now()).compareTo(answerWithin) > 0) {
            return Health.status(failedStatus).withDetail("error", name + " has not answered for "
                    + Duration.between(since, Instant.now()).toMillis() + " ms").build();
        }
        if (outcome == null) {
            return Health.unknown().withDetail("checked", "not yet").build();
        }
        Health.Builder builder = outcome.error() == null ? Health.up()
                : Health.status(failedStatus).withDetail("error", outcome.error());
        return builder.withDetail("checkedAt", outcome.at().toString()).build();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
