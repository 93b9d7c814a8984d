package com.partnercenter.operations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One node at a time initializes a shared PostgreSQL database: the engine's schema creation and deployment, the
 * application's Flyway migrations, the identity bootstrap and the demo data run while this node holds a PostgreSQL
 * advisory lock; a node that starts at the same moment waits for it, then finds everything done. The lock is taken
 * when this bean is created — before Flyway and before the process engine is built (both depend on it, see
 * {@link StartupOrder}) — and released once the application is ready, or when the start fails (or the process dies:
 * the lock lives with the database session). H2 (one process per database file) needs no lock.
 */
@Component
public class StartupLock implements DisposableBean {

    /** "PCSTARTUP" as a number: the advisory lock every node of one database shares. */
    static final long KEY = 0x50435354_41525450L;

    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

    private Connection held;

    public StartupLock(DataSource dataSource,
            @Value("${partner-center.startup.lock-timeout:PT5M}") Duration timeout) throws SQLException {
        Connection connection = dataSource.getConnection();
        boolean keep = false;
        try {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            connection.setAutoCommit(true);
            if (!tryLock(connection)) {
                log.info("Another node is initializing the database; waiting for it (at most {})", timeout);
                try (PreparedStatement statement = connection.prepareStatement("set statement_timeout = "
                        + timeout.toMillis())) {
                    statement.execute();
                }
                try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_lock(?)")) {
                    statement.setLong(1, KEY);
                    statement.execute();
                } catch (SQLException e) {
                    throw new IllegalStateException("Another node held the start-up lock of this database for more "
                            + "than " + timeout + " (partner-center.startup.lock-timeout): is a node stuck in its "
                            + "start? Its lock goes when its process ends.", e);
                }
                try (PreparedStatement statement = connection.prepareStatement("set statement_timeout = 0")) {
                    statement.execute();
                }
            }
            log.info("Start-up lock of the database taken: schema, migrations, identity and demo data by this node");
            held = connection;
            keep = true;
        } finally {
            if (!keep) {
                connection.close();
            }
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, KEY);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Runs after the identity bootstrap (context refreshed) and the demo data (application started). */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public void release() {
        Connection connection = held;
        held = null;
        if (connection == null) {
            return;
        }
        try (connection; PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            statement.setLong(1, KEY);
            statement.execute();
            log.info("Start-up lock of the database released");
        } catch (SQLException e) {
            // closing the session releases the lock as well
            log.warn("Start-up lock released by closing its connection: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        release();
    }
}
