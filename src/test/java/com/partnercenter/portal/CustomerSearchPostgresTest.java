package com.partnercenter.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.support.postgres.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link CustomerSearchContract} on PostgreSQL, and the prefix indexes PostgreSQL needs (V8). */
@PostgresIntegrationTest
class CustomerSearchPostgresTest extends CustomerSearchContract {

    @Autowired JdbcClient jdbc;

    @Override
    String engine() {
        return "pgtest";
    }

    @Test
    void prefixSearchHasPatternOpsIndexes() {
        assertThat(jdbc.sql("select indexdef from pg_indexes where indexname in ('ix_customer_name_prefix', "
                + "'ix_customer_domain_prefix', 'ix_customer_admin_email_prefix')").query(String.class).list())
                .hasSize(3).allMatch(def -> def.contains("varchar_pattern_ops"));
    }
}
