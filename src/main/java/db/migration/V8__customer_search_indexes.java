package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Prefix search on customers (name, domain, admin e-mail, all stored lower-case) must use an index on both
 * databases. On PostgreSQL a plain b-tree index serves {@code like 'abc%'} only under the C collation, so
 * there extra indexes use the {@code varchar_pattern_ops} operator class; H2 has no operator classes and
 * already uses the indexes of V1 (ix_customer_name_lower, uq_customer_domain, ix_customer_admin_email) for a
 * prefix {@code like}. One migration, two dialects: hence Java, not SQL.
 */
public class V8__customer_search_indexes extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        boolean postgres = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase()
                .contains("postgres");
        if (!postgres) {
            return;
        }
        String ops = " varchar_pattern_ops";
        try (Statement st = context.getConnection().createStatement()) {
            st.execute("create index ix_customer_name_prefix on pc_customer (name_lower" + ops + ")");
            st.execute("create index ix_customer_domain_prefix on pc_customer (domain" + ops + ")");
            st.execute("create index ix_customer_admin_email_prefix on pc_customer_admin (email_lower" + ops + ")");
        }
    }
}
