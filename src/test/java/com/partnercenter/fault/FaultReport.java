package com.partnercenter.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The table of a fault-suite run: flows, faults, lost, duplicated, stuck, recovery times; and the checks behind it. */
record FaultReport(Scenario scenario, Duration took, List<FaultRun.Flow> flows, List<FaultRun.Happened> faults,
        Map<String, Long> checks, List<String> notes) {

    long stuck() {
        return checks.entrySet().stream().filter(e -> e.getKey().startsWith("stuck:")).mapToLong(Map.Entry::getValue)
                .sum();
    }

    long inconsistent() {
        return checks.get("confirmed acceptances without exactly one customer")
                + checks.get("customers of a confirmed acceptance without exactly one admin")
                + checks.get("trial customers without exactly one subscription");
    }

    /** The faults whose recovery took longer than that kind of fault's limit. */
    List<FaultRun.Happened> tooSlow() {
        return faults.stream().filter(FaultRun.Happened::tooSlow).toList();
    }

    Duration longestRecovery() {
        return faults.stream().map(FaultRun.Happened::recovery).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        long trials = flows.stream().filter(f -> f.kind().equals("trial")).count();
        out.append("Fault suite, run \"").append(scenario.name()).append("\" (").append(took.toSeconds())
                .append(" s): ").append(scenario.flows()).append(" flows (").append(trials).append(" trial acceptances, ")
                .append(scenario.flows() - trials).append(" sign-ups) at ").append(scenario.clients())
                .append(" clients over HTTP, ").append(scenario.nodes()).append(" engine nodes")
                .append(scenario.separateWorker() ? " + a separate provisioning worker" : " (in-process workers)")
                .append(scenario.database().equals("h2") ? " on the dev default's H2 file database" : " on PostgreSQL")
                .append(", SMTP server outside the nodes\n\n");
        out.append("| flows | done | lost | faults | duplicated mails (crash window) | stuck | inconsistent | longest recovery |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        out.append("| ").append(scenario.flows()).append(" | ").append(checks.get("flows done")).append(" | ")
                .append(checks.get("flows lost")).append(" | ").append(faults.size()).append(" | ")
                .append(checks.get("mail keys received twice or more")).append(" (")
                .append(checks.get("mail keys received twice or more") - checks.get("of them outside a crash window (one attempt)"))
                .append(") | ").append(stuck()).append(" | ").append(inconsistent()).append(" | ")
                .append(longestRecovery().toSeconds()).append(" s |\n\n");
        out.append("| fault | at | recovery | limit | note |\n|---|---|---|---|---|\n");
        for (FaultRun.Happened f : faults.stream().sorted(java.util.Comparator.comparing(FaultRun.Happened::at)).toList()) {
            out.append("| ").append(f.what()).append(" | +")
                    .append(Duration.between(flows.stream().map(FaultRun.Flow::started).min(java.time.Instant::compareTo)
                            .orElse(f.at()), f.at()).toSeconds()).append(" s | ").append(f.recovery().toSeconds())
                    .append(" s | ").append(f.limit().toSeconds()).append(" s").append(f.tooSlow() ? " (exceeded)" : "")
                    .append(" | ").append(f.note()).append(" |\n");
        }
        out.append("\n| check | count |\n|---|---|\n");
        checks.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        flows.stream().filter(f -> f.problem() != null).limit(20)
                .forEach(f -> out.append("- lost flow ").append(f.id()).append(" (").append(f.kind()).append(", ")
                        .append(f.domain()).append("): ").append(f.problem()).append('\n'));
        return out.toString();
    }

    void write(Path target) throws IOException {
        Files.createDirectories(target);
        Files.writeString(target.resolve("fault-suite-" + scenario.name() + ".md"), table());
    }
}
