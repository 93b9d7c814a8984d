package com.partnercenter.benchmark;

import com.partnercenter.support.postgres.EmbeddedPostgresSupport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the application asked of PostgreSQL, from the server's own bookkeeping ({@code pg_stat_statements}):
 * statements executed and transactions committed or rolled back, counted for the application's database and
 * database user only. The benchmark's own queries (these counters, its checks) run as another user,
 * {@value #OBSERVER}, on a connection of its own, so they are never counted.
 *
 * <p>Why the server's counters and not a JDBC proxy around the application's data source: they see every
 * statement exactly as executed, the engine's batched inserts included, with nothing added to the measured
 * code path; and per statement they give calls and time, which is where speed work starts
 * ({@link #top}). Transactions are counted by the {@code BEGIN} the JDBC driver sends to open each one (the
 * driver's {@code COMMIT} does not show in {@code pg_stat_statements}); a statement in auto-commit is its own
 * transaction and is counted as a statement only.
 */
final class DatabaseCounters implements AutoCloseable {

    static final String OBSERVER = "bench_observer";

    /** Totals at one moment; subtract two of them for a batch. */
    record Snapshot(long statements, long transactions) {
        Snapshot minus(Snapshot earlier) {
            return new Snapshot(statements - earlier.statements, transactions - earlier.transactions);
        }
    }

    private static final String TOTALS = "select "
            + "coalesce(sum(s.calls) filter (where s.query !~* '^\\s*(begin|commit|rollback|set|show|savepoint|release)\\M'), 0), "
            + "coalesce(sum(s.calls) filter (where s.query ~* '^\\s*begin\\M'), 0) "
            + "from pg_stat_statements s join pg_database d on d.oid = s.dbid join pg_roles r on r.oid = s.userid "
            + "where d.datname = ? and r.rolname = ?";

    private final Connection connection;
    private final String database;

    DatabaseCounters(String database) {
        this.database = database;
        try (Connection admin = EmbeddedPostgresSupport.server().getPostgresDatabase().getConnection();
                Statement st = admin.createStatement()) {
            st.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + OBSERVER + "') then "
                    + "create role " + OBSERVER + " login superuser; end if; end $$");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the observer role", e);
        }
        try {
            Properties props = new Properties();
            props.setProperty("user", OBSERVER);
            connection = DriverManager.getConnection(EmbeddedPostgresSupport.jdbcUrl(database), props);
            try (Statement st = connection.createStatement()) {
                st.execute("create extension if not exists pg_stat_statements");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not open the observer connection to " + database, e);
        }
    }

    /** The observer's connection (autocommit), for the benchmark's checks: never counted. */
    Connection connection() {
        return connection;
    }

    synchronized Snapshot snapshot() {
        try (PreparedStatement st = connection.prepareStatement(TOTALS)) {
            st.setString(1, database);
            st.setString(2, EmbeddedPostgresSupport.USER);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Snapshot(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets every count so far (before a part of the run whose statements are listed by {@link #top}). */
    synchronized void reset() {
        try (Statement st = connection.createStatement()) {
            st.execute("select pg_stat_statements_reset()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The application's statements with the most calls since the last reset: calls, total ms, text. */
    synchronized List<String> top(int limit) {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("select s.calls, s.total_exec_time, "
                + "regexp_replace(s.query, '\\s+', ' ', 'g') from pg_stat_statements s "
                + "join pg_database d on d.oid = s.dbid join pg_roles r on r.oid = s.userid "
                + "where d.datname = ? and r.rolname = ? order by s.calls desc limit ?")) {
            st.setString(1, database);
            st.setString(2, EmbeddedPostgresSupport.USER);
            st.setInt(3, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String q = rs.getString(3);
                    lines.add(String.format(java.util.Locale.ROOT, "%9d %10.1f  %s", rs.getLong(1), rs.getDouble(2),
                            q.length() > 150 ? q.substring(0, 150) + "…" : q));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing at the end of the run
        }
    }
}
