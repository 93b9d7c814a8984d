package com.partnercenter.fault;

import java.time.Duration;
import java.util.List;

/**
 * What a fault-suite run does: how many flows at how many clients, how many engine nodes, whether a separate
 * provisioning worker serves them, and the faults, each fired once that share of the flows has started.
 */
record Scenario(String name, String database, int trials, int signups, int clients, int nodes,
        boolean separateWorker, List<Fault> faults) {

    /** Issue 17's target: a dead node's work resumes within 60 s; a restarted database is served again as soon. */
    static final Duration NODE_RECOVERY_LIMIT = Duration.ofSeconds(60);

    /**
     * A mail step whose mail failed while the SMTP server was away is retried by its job one minute later (the
     * models' {@code failedJobRetryTimeCycle} R3/PT1M), then waits for the job executor's next acquisition: the
     * mails are all out within that minute and 20 s after the server is back.
     */
    static final Duration MAIL_RECOVERY_LIMIT = Duration.ofSeconds(60 + 20);

    sealed interface Fault {
        double at();

        String describe();

        /** How long after the fault (for an outage: after it ends) everything it interrupted must be done again. */
        Duration recoveryLimit();
    }

    /** kill -9 of engine node {@code node}, started again {@code downFor} later. */
    record Kill(double at, int node, Duration downFor) implements Fault {
        public String describe() {
            return "kill -9 of node " + (char) ('A' + node);
        }

        public Duration recoveryLimit() {
            return NODE_RECOVERY_LIMIT;
        }
    }

    /** The SMTP server away for {@code duration}. */
    record SmtpOutage(double at, Duration duration) implements Fault {
        public String describe() {
            return "SMTP outage of " + duration.toSeconds() + " s";
        }

        public Duration recoveryLimit() {
            return MAIL_RECOVERY_LIMIT;
        }
    }

    /** PostgreSQL stopped and started again after {@code downFor}. */
    record DatabaseRestart(double at, Duration downFor) implements Fault {
        public String describe() {
            return "PostgreSQL restart (" + downFor.toSeconds() + " s down)";
        }

        public Duration recoveryLimit() {
            return NODE_RECOVERY_LIMIT;
        }
    }

    /**
     * The dev default under load ({@code -Dfault.scenario=h2}, not in {@code mvn verify}): one node on its H2 file
     * database, 200 trial acceptances at 12 clients, no fault; {@code -Dfault.h2-settings=;LOCK_TIMEOUT=...} tries
     * other H2 settings.
     */
    static Scenario h2() {
        return new Scenario("h2", "h2", 200, 0, 12, 1, false, List.of());
    }

    static Scenario chosen() {
        return switch (System.getProperty("fault.scenario", Boolean.getBoolean("fault.full") ? "full" : "quick")) {
            case "full" -> full();
            case "h2" -> h2();
            default -> quick();
        };
    }

    int flows() {
        return trials + signups;
    }

    /** In {@code mvn verify}: one kill, one SMTP outage, two nodes started together on an empty database. */
    static Scenario quick() {
        return new Scenario("quick", "postgres", 24, 8, 6, 2, false, List.of(
                new Kill(0.25, 0, Duration.ofSeconds(5)),
                new SmtpOutage(0.5, Duration.ofSeconds(20))));
    }

    /** {@code mvn verify -Pfault}: two kills, an SMTP outage, a database restart, a separate worker. */
    static Scenario full() {
        return new Scenario("full", "postgres", 150, 50, 12, 2, true, List.of(
                new Kill(0.15, 0, Duration.ofSeconds(5)),
                new SmtpOutage(0.3, Duration.ofSeconds(45)),
                new Kill(0.55, 1, Duration.ofSeconds(5)),
                new DatabaseRestart(0.8, Duration.ofSeconds(10))));
    }
}
