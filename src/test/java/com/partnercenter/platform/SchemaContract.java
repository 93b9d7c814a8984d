package com.partnercenter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.partner.Partner;
import com.partnercenter.productkey.ProductKeyCodec;
import com.partnercenter.productkey.ProductKeyRepository;
import com.partnercenter.support.TestData;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The schema and its correctness constraints, checked the same way on every database the application
 * supports: a subclass per database, each in that database's shared Spring context. Every test builds
 * its own unique rows (the context and its database are shared by the whole test run).
 */
abstract class SchemaContract {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    TestData data;
    @Autowired
    ProductKeyRepository productKeys;
    @Autowired
    ProcessEngineConfigurationImpl engineConfiguration;

    /** The Camunda database type this subclass runs on ("h2", "postgres"). */
    abstract String expectedDatabaseType();

    @Test
    void runsOnTheExpectedDatabase() throws SQLException {
        assertThat(engineConfiguration.getDatabaseType()).isEqualTo(expectedDatabaseType());
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            assertThat(product).contains(expectedDatabaseType().equals("postgres") ? "postgresql" : "h2");
        }
    }

    @Test
    void flywayAppliedVersion1() {
        // Flyway creates its history table with quoted lower-case identifiers on every database
        List<Boolean> success = jdbc.sql("select \"success\" from \"flyway_schema_history\" where \"version\" = '1'")
                .query(Boolean.class).list();
        assertThat(success).containsExactly(true);
        String script = jdbc.sql("select \"script\" from \"flyway_schema_history\" where \"version\" = '1'")
                .query(String.class).single();
        assertThat(script).isEqualTo("V1__partner_center_schema.sql");
        assertThat(jdbc.sql("select count(*) from \"flyway_schema_history\" where \"success\" = false")
                .query(Long.class).single()).isZero();
    }

    @Test
    void engineSchemaPresent() {
        for (String table : List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_RU_JOB",
                "ACT_RU_EXT_TASK", "ACT_RU_AUTHORIZATION", "ACT_RU_EVENT_SUBSCR", "ACT_RE_PROCDEF",
                "ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_ID_USER", "ACT_ID_TENANT")) {
            // unquoted: upper-cased by H2, lower-cased by PostgreSQL, found on both
            assertThatCode(() -> jdbc.sql("select count(*) from " + table).query(Long.class).single())
                    .as("engine table %s", table).doesNotThrowAnyException();
        }
        // the engine logs every schema creation/upgrade; ACT_GE_PROPERTY's schema.version is a legacy "fox"
        List<String> versions = jdbc.sql("select VERSION_ from ACT_GE_SCHEMA_LOG").query(String.class).list();
        assertThat(versions).anySatisfy(v -> assertThat(v).startsWith("7.24"));
    }

    @Test
    void customerDomainIsUnique() {
        String domain = TestData.unique("dom").toLowerCase(Locale.ROOT) + ".example";
        insertCustomer(domain);
        assertUniqueViolation(() -> insertCustomer(domain), "uq_customer_domain");
        assertThat(jdbc.sql("select count(*) from pc_customer where domain = ?").param(domain)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void productKeyInsertedTwiceIsRefused() {
        Partner partner = data.partner();
        Sku sku = data.sku(false, 1, 300);
        String key = ProductKeyCodec.generate(RANDOM);
        productKeys.insert(key, partner.id(), sku.code(), 10, 12);
        assertUniqueViolation(() -> productKeys.insert(key, partner.id(), sku.code(), 10, 12), "uq_product_key");
        // not even by another partner
        Partner other = data.partner();
        assertUniqueViolation(() -> productKeys.insert(key, other.id(), sku.code(), 5, 12), "uq_product_key");
    }

    @Test
    void productKeyIsRedeemedOnceByTheConditionalUpdate() {
        Partner partner = data.partner();
        Sku sku = data.sku(false, 1, 300);
        String key = ProductKeyCodec.generate(RANDOM);
        productKeys.insert(key, partner.id(), sku.code(), 10, 12);
        Customer first = data.customer();
        Customer second = data.customer();

        assertThat(redeem(key, first)).isEqualTo(1);
        assertThat(redeem(key, second)).isZero();

        Long redeemedBy = jdbc.sql("select redeemed_customer_id from pc_product_key where key_code = ?").param(key)
                .query(Long.class).single();
        assertThat(redeemedBy).isEqualTo(first.id());
        assertThat(productKeys.countUnused(partner.id())).isZero();
    }

    @Test
    void oneOpenDelegatedAdminRelationshipPerPartnerAndCustomer() {
        Partner partner = data.partner();
        Customer customer = data.customer();
        String pair = partner.id() + ":" + customer.id();

        insertRelationship(partner, customer, "TERMINATED", null);
        insertRelationship(partner, customer, "DECLINED", null); // several closed ones: fine
        insertRelationship(partner, customer, "PENDING", pair);  // closed + open: fine
        assertUniqueViolation(() -> insertRelationship(partner, customer, "ACTIVE", pair),
                "uq_relationship_open_pair");
        assertUniqueViolation(() -> insertRelationship(partner, customer, "PENDING", pair),
                "uq_relationship_open_pair");

        // closing the open one frees the pair for a new offer
        jdbc.sql("update pc_delegated_admin_relationship set status = 'EXPIRED', open_pair = null where open_pair = ?")
                .param(pair).update();
        assertThatCode(() -> insertRelationship(partner, customer, "PENDING", pair)).doesNotThrowAnyException();
        // another partner may have its own open relationship with the same customer
        Partner other = data.partner();
        assertThatCode(() -> insertRelationship(other, customer, "ACTIVE", other.id() + ":" + customer.id()))
                .doesNotThrowAnyException();

        // open_pair must be set exactly while the relationship is open
        assertCheckViolation(() -> insertRelationship(data.partner(), customer, "ACTIVE", null),
                "ck_relationship_open");
        assertCheckViolation(() -> insertRelationship(data.partner(), customer, "TERMINATED", "1:2"),
                "ck_relationship_open");
    }

    @Test
    void checkConstraintsAreEnforced() {
        Partner partner = data.partner();
        Customer customer = data.customer();
        Sku sku = data.sku(false, 1, 300);

        assertCheckViolation(() -> insertSubscription(customer, sku, 0), "ck_subscription_licenses");
        assertCheckViolation(() -> insertSubscription(customer, sku, -5), "ck_subscription_licenses");
        assertThatCode(() -> insertSubscription(customer, sku, 1)).doesNotThrowAnyException();

        assertCheckViolation(() -> productKeys.insert(ProductKeyCodec.generate(RANDOM), partner.id(), sku.code(), 0,
                12), "ck_product_key_licenses");
        String key = ProductKeyCodec.generate(RANDOM);
        productKeys.insert(key, partner.id(), sku.code(), 3, 12);
        assertCheckViolation(() -> jdbc.sql("update pc_product_key set redeemed_at = ? where key_code = ?")
                .params(Timestamp.valueOf(LocalDateTime.now()), key).update(), "ck_product_key_redeemed");

        assertCheckViolation(() -> insertSku(0, 10), "ck_sku_bounds");
        assertCheckViolation(() -> insertSku(10, 5), "ck_sku_bounds");

        assertCheckViolation(() -> jdbc.sql("update pc_customer set language = 'de' where id = ?")
                .param(customer.id()).update(), "ck_customer_language");
    }

    @Test
    void linkTokenHashIsUniquelyIndexed() throws SQLException {
        List<List<String>> uniqueIndexes = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String table = meta.storesUpperCaseIdentifiers() ? "PC_LINK" : "pc_link";
            try (ResultSet rs = meta.getIndexInfo(null, null, table, true, false)) {
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME");
                    if (column != null) {
                        uniqueIndexes.add(List.of(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT),
                                column.toLowerCase(Locale.ROOT)));
                    }
                }
            }
        }
        assertThat(uniqueIndexes).anySatisfy(ix -> {
            assertThat(ix.get(0)).startsWith("uq_link_token");
            assertThat(ix.get(1)).isEqualTo("token_hash");
        });
    }

    // ---------------------------------------------------------------------------------------------

    private int redeem(String key, Customer customer) {
        return jdbc.sql("update pc_product_key set redeemed_at = ?, redeemed_customer_id = ? "
                        + "where key_code = ? and redeemed_at is null")
                .params(Timestamp.valueOf(LocalDateTime.now()), customer.id(), key).update();
    }

    private void insertCustomer(String domain) {
        jdbc.sql("insert into pc_customer (name, name_lower, domain, country) values (?,?,?,?)")
                .params("Org " + domain, "org " + domain, domain, "FR").update();
    }

    private void insertRelationship(Partner partner, Customer customer, String status, String openPair) {
        jdbc.sql("insert into pc_delegated_admin_relationship (partner_id, customer_id, admin_role, status, open_pair) "
                        + "values (?,?,?,?,?)")
                .params(partner.id(), customer.id(), "LIMITED", status, openPair).update();
    }

    private void insertSubscription(Customer customer, Sku sku, int licenses) {
        jdbc.sql("insert into pc_subscription (customer_id, sku_code, licenses, status, origin, start_date, end_date) "
                        + "values (?,?,?,?,?,?,?)")
                .params(customer.id(), sku.code(), licenses, "ACTIVE", "PURCHASE_OFFER", LocalDate.now(),
                        LocalDate.now().plusYears(1))
                .update();
    }

    private void insertSku(int min, int max) {
        String code = TestData.unique("SKU").toUpperCase(Locale.ROOT);
        jdbc.sql("insert into pc_sku (code, name, min_licenses, max_licenses) values (?,?,?,?)")
                .params(code, "Offer " + code, min, max).update();
    }

    private static void assertUniqueViolation(ThrowingCallable call, String constraint) {
        assertThatThrownBy(call).isInstanceOf(DuplicateKeyException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase(constraint));
    }

    private static void assertCheckViolation(ThrowingCallable call, String constraint) {
        assertThatThrownBy(call).isInstanceOf(DataIntegrityViolationException.class)
                .isNotInstanceOf(DuplicateKeyException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase(constraint));
    }
}
