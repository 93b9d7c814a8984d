package com.partnercenter.fault;

import com.partnercenter.support.HttpFlows;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Partner Center process started from the packaged jar: an engine node (web, REST, job executor, optionally
 * the in-process provisioning worker) or a separate provisioning worker (profile "worker"). Its output goes to
 * {@code target/fault/<name>.log}, across restarts.
 */
final class AppNode {

    final String name;
    final int port;
    final boolean worker;
    private final Path jar;
    private final Path log;
    private final Map<String, String> environment;
    private Process process;
    private Instant startedAt;

    AppNode(String name, int port, boolean worker, Path jar, Path log, Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.worker = worker;
        this.jar = jar;
        this.log = log;
        this.environment = environment;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    synchronized void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Duser.timezone=UTC",
                "-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.directory(new File(System.getProperty("java.io.tmpdir")));
        process = builder.start();
        startedAt = Instant.now();
    }

    /** kill -9: the process ends at once, nothing of it runs (no shutdown hook, no commit). */
    synchronized void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    synchronized Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    /** Waits until the node answers its readiness probe (a worker: until its log says it started). */
    Duration awaitReady(HttpFlows http, Duration atMost) throws Exception {
        Instant deadline = Instant.now().plus(atMost);
        while (Instant.now().isBefore(deadline)) {
            if (!alive()) {
                throw new IllegalStateException(name + " exited with code " + exitCode() + " (see " + log + ")");
            }
            if (worker ? java.nio.file.Files.readString(log).contains("Started PartnerCenterApplication")
                    : http.get(baseUrl() + "/actuator/health/readiness").ok()) {
                return Duration.between(startedAt, Instant.now());
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready after " + atMost + " (see " + log + ")");
    }
}
