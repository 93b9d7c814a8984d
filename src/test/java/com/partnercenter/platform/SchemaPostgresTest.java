package com.partnercenter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.partner.Partner;
import com.partnercenter.productkey.ProductKeyCodec;
import com.partnercenter.support.postgres.PostgresIntegrationTest;
import com.partnercenter.support.postgres.PostgresTestContextInitializer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** {@link SchemaContract} on a real PostgreSQL, plus what only PostgreSQL can show. */
@PostgresIntegrationTest
class SchemaPostgresTest extends SchemaContract {

    @Value("${" + PostgresTestContextInitializer.DATABASE_PROPERTY + "}")
    String database;

    @Override
    String expectedDatabaseType() {
        return "postgres";
    }

    @Test
    void reallyRunsOnPostgresqlInItsOwnDatabase() {
        assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL ");
        assertThat(jdbc.sql("select current_database()").query(String.class).single()).isEqualTo(database);
        // the engine's tables are in the same database as ours
        assertThat(jdbc.sql("select count(*) from information_schema.tables where table_catalog = ? "
                        + "and table_name in ('act_ru_execution', 'pc_product_key')")
                .param(database).query(Long.class).single()).isEqualTo(2);
    }

    /**
     * Two setups racing for the same key: the second conditional update waits for the first
     * transaction's row lock and, once it commits, re-checks {@code redeemed_at is null} and changes
     * nothing (READ COMMITTED re-evaluation). Deterministic: the test waits until the second session is
     * really blocked on the lock before the first one commits.
     */
    @Test
    void racingRedemptionsOfOneKeyHaveExactlyOneWinner() throws Exception {
        Partner partner = data.partner();
        Sku sku = data.sku(false, 1, 300);
        String key = ProductKeyCodec.generate();
        productKeys.insert(key, partner.id(), sku.code(), 10, 12);
        Customer first = data.customer();
        Customer second = data.customer();
        String redeem = "update pc_product_key set redeemed_at = ?, redeemed_customer_id = ? "
                + "where key_code = ? and redeemed_at is null";

        try (Connection tx1 = dataSource.getConnection(); Connection tx2 = dataSource.getConnection()) {
            tx1.setAutoCommit(false);
            assertThat(update(tx1, redeem, first.id(), key)).isEqualTo(1);

            int blockedPid = pid(tx2);
            CompletableFuture<Integer> loser = CompletableFuture.supplyAsync(() -> {
                try {
                    return update(tx2, redeem, second.id(), key);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> "Lock".equals(jdbc.sql(
                            "select wait_event_type from pg_stat_activity where pid = ?")
                    .param(blockedPid).query(String.class).optional().orElse(null)));
            assertThat(loser).isNotDone();

            tx1.commit();
            assertThat(loser.get(20, TimeUnit.SECONDS)).isZero();
        }
        assertThat(jdbc.sql("select redeemed_customer_id from pc_product_key where key_code = ?").param(key)
                .query(Long.class).single()).isEqualTo(first.id());
    }

    private static int update(Connection c, String sql, long customerId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now()));
            ps.setLong(2, customerId);
            ps.setString(3, key);
            return ps.executeUpdate();
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
