package com.partnercenter.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fault suite: the application jar run as child processes (two engine nodes started at the same moment on an
 * empty embedded PostgreSQL, in the full run a separate provisioning worker), an SMTP server in this JVM, trial
 * acceptances and sign-ups driven over HTTP while nodes are killed (kill -9), the SMTP server goes away and comes
 * back and (full run) the database restarts; then every invariant is checked in SQL and at the SMTP server and the
 * table is printed and written to {@code target/fault-suite-<run>.md}.
 *
 * <p>{@code mvn verify} runs the quick version (one kill, one outage, two nodes); {@code mvn verify -Pfault} the
 * full one (see README "Operations"). Needs the packaged jar (failsafe runs after {@code package}).
 */
class FaultSuiteIT {

    @Test
    void nothingIsLostDuplicatedOrStuckAndRecoveryIsQuick() throws Exception {
        Scenario scenario = Scenario.chosen();
        Path target = Path.of("target");
        Path jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.filter(p -> p.getFileName().toString().matches("partner-center-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no application jar in target/: run mvn package"));
        }
        FaultReport report;
        try (FaultRun run = new FaultRun(scenario, target, jar)) {
            run.startInfrastructure();
            run.startNodesTogether();
            run.drive();
            run.drain();
            report = run.report();
        }
        System.out.println(report.table());
        report.write(target);

        assertThat(report.checks().get("flows lost")).as(report.table()).isZero();
        assertThat(report.inconsistent()).as(report.table()).isZero();
        assertThat(report.stuck()).as(report.table()).isZero();
        assertThat(report.checks().get("mails lost (SENT, never received)")).as(report.table()).isZero();
        assertThat(report.checks().get("of them outside a crash window (one attempt)")).as(report.table()).isZero();
        assertThat(report.tooSlow()).as("faults recovered after their limit\n" + report.table()).isEmpty();
    }
}
