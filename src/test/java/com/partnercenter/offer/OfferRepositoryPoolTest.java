package com.partnercenter.offer;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reading an offer takes one pooled connection at a time: with a pool of one connection it still answers
 * (a query for the lines inside the row mapper held the first connection while waiting for a second, so
 * that under load the accept page held the whole pool and answered 500 after the pool's 30-second timeout).
 */
class OfferRepositoryPoolTest {

    @Test
    void anOfferAndItsLinesAreReadWithAPoolOfOneConnection() {
        String url = "jdbc:h2:mem:pool-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        // Flyway itself needs two connections: it migrates outside the pool under test
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(1_000);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            JdbcClient jdbc = JdbcClient.create(pool);
            jdbc.sql("insert into pc_partner (id, advisor_code, tenant_id, name, address_line, postal_code, city, country, "
                    + "phone, support_email) values (1, 'POOL', 'partnerPOOL', 'Pool', 'x', '1', 'x', 'FR', '1', "
                    + "'a@pool.example')").update();
            jdbc.sql("insert into pc_sku (code, name, trial_allowed, trial_days, trial_licenses, min_licenses, "
                    + "max_licenses, term_months, sellable) values ('POOLSKU', 'Pool SKU', false, 30, 25, 1, 300, 12, true)")
                    .update();
            jdbc.sql("insert into pc_link (id, link_type, partner_id, advisor_code, token_hash, expires_at) values "
                    + "(1, 'PURCHASE_OFFER', 1, 'POOL', '" + "a".repeat(64) + "', current_timestamp)").update();
            OfferRepository offers = new OfferRepository(jdbc);
            offers.insert("pi-1", "OFFER-POOL-1", 1, null, 1, null, List.of(new PurchaseOffer.Line(1, "POOLSKU", 7)));

            PurchaseOffer offer = offers.findByLink(1).orElseThrow();
            assertThat(offer.lines()).containsExactly(new PurchaseOffer.Line(1, "POOLSKU", 7));
            assertThat(offers.findByProcessInstance("pi-1").orElseThrow().lines()).hasSize(1);
        }
    }
}
