package com.partnercenter.benchmark;

import com.partnercenter.customer.CustomerDirectory;
import com.partnercenter.customer.CustomerDirectory.Query;
import com.partnercenter.customer.CustomerDirectory.Sort;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.support.postgres.EmbeddedPostgresSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Benchmark, not a test of the normal suite (its name does not end in "Test", so {@code mvn verify} skips it):
 * loads 50,000 customers of one partner (plus 5,000 of another) into an embedded PostgreSQL migrated by the
 * application's Flyway migrations, then times the customer search ({@link CustomerDirectory#search}: the page and
 * the capped count, as the page runs them) against baselines measured in the same run: a primary-key lookup, and
 * the same name search with the prefix indexes of V8 dropped. Also reports PostgreSQL's own execution time
 * (EXPLAIN ANALYZE) of each page query.
 *
 * <pre>mvn -o test -Dtest=CustomerSearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * The report is printed and written to {@code target/customer-search-benchmark.txt}.
 */
class CustomerSearchBenchmark {

    static final int CUSTOMERS = Integer.getInteger("benchmark.customers", 50_000);
    static final int OTHERS = 5_000;
    static final int WARMUP = 30;
    static final int RUNS = 200;
    static final String[] SKUS = {"BUSINESS_BASIC", "BUSINESS_STANDARD", "BUSINESS_PREMIUM", "E3", "E5",
            "EXCHANGE_ONLINE"};
    static final String[] FIRST = {"Alpine", "Blue", "Cedar", "Delta", "Evergreen", "Falcon", "Granite", "Harbor",
            "Iris", "Juniper", "Kestrel", "Lumen", "Maple", "Nova", "Orchid", "Pioneer", "Quartz", "River", "Summit",
            "Tidal", "Union", "Vertex", "Willow", "Zenith", "Atlas"};
    static final String[] SECOND = {"Dental", "Logistics", "Bakery", "Consulting", "Architects", "Clinic", "Legal",
            "Foods", "Motors", "Studio", "Farms", "Travel"};

    private final List<String> report = new ArrayList<>();
    private final List<String> plans = new ArrayList<>();

    @Test
    void searchOnFiftyThousandCustomers() throws Exception {
        String database = EmbeddedPostgresSupport.createDatabase("bench");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(EmbeddedPostgresSupport.jdbcUrl(database));
        dataSource.setUser(EmbeddedPostgresSupport.USER);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        long start = System.nanoTime();
        long partnerId = load(dataSource);
        line("Loaded %,d customers of one partner (+ %,d of another), each with an admin and a subscription, in %.1f s",
                CUSTOMERS, OTHERS, (System.nanoTime() - start) / 1e9);
        Partner partner = new Partner(partnerId, "BENCH", "partnerBENCH", "Bench", "", "", "", "FR", "", "", null,
                "en", EnumSet.of(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER));
        // one open connection, as a pool would hand out: the timings are the queries, not connection set-up
        SingleConnectionDataSource connection = new SingleConnectionDataSource(dataSource.getConnection(), true);
        JdbcClient jdbc = JdbcClient.create(connection);
        CustomerDirectory directory = new CustomerDirectory(jdbc);
        line("PostgreSQL %s", jdbc.sql("show server_version").query(String.class).single());
        line("");
        line("%-58s %10s %10s %12s %8s", "query (page of 25 + capped count)", "median ms", "p95 ms",
                "db exec ms", "matches");

        long someId = jdbc.sql("select max(id) / 2 from pc_customer").query(Long.class).single();
        time("baseline: one customer by primary key", () -> jdbc.sql("select id, name, domain, country "
                + "from pc_customer where id = ?").param(someId).query((rs, n) -> n).list().size(), null, null, jdbc);
        Query[] queries = {
                new Query("", null, Sort.NAME, false, 0, 25),
                new Query("", null, Sort.NAME, false, 400, 25),
                new Query("", null, Sort.DOMAIN, true, 0, 25),
                new Query("maple", null, Sort.NAME, false, 0, 25),
                new Query("maple studio 1", null, Sort.NAME, false, 0, 25),
                new Query("summit-", null, Sort.NAME, false, 0, 25),
                new Query("admin4711@", null, Sort.NAME, false, 0, 25),
                new Query("", "E5", Sort.NAME, false, 0, 25),
                new Query("river", "E3", Sort.COUNTRY, false, 0, 25),
                new Query("zz-nothing", null, Sort.NAME, false, 0, 25)};
        for (Query q : queries) {
            time(describe(q), () -> (int) directory.search(partner, q).total(), partner, q, jdbc);
        }
        try (Connection c = connection.getConnection(); Statement st = c.createStatement()) {
            st.execute("drop index ix_customer_name_prefix");
            st.execute("drop index ix_customer_domain_prefix");
            st.execute("drop index ix_customer_admin_email_prefix");
        }
        Query q = new Query("maple studio 1", null, Sort.NAME, false, 0, 25);
        time("baseline: " + describe(q) + " WITHOUT V8 indexes", () -> (int) directory.search(partner, q).total(),
                partner, q, jdbc);
        Path out = Path.of("target", "customer-search-benchmark.txt");
        Files.createDirectories(out.getParent());
        report.addAll(plans);
        Files.write(out, report);
        System.out.println(String.join(System.lineSeparator(), report));
    }

    private void time(String label, Supplier<Integer> run, Partner partner, Query query, JdbcClient jdbc) {
        int matches = 0;
        for (int i = 0; i < WARMUP; i++) {
            matches = run.get();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            run.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        String exec = "";
        if (query != null) {
            List<Object> params = new ArrayList<>();
            String sql = CustomerDirectory.pageSql(partner, query, params);
            List<String> plan = jdbc.sql("explain (analyze, format text) " + sql).params(params).query(String.class)
                    .list();
            if (Boolean.getBoolean("benchmark.plans")) {
                plans.add("-- " + label);
                plans.addAll(plan);
            }
            exec = plan.stream().filter(l -> l.startsWith("Execution Time")).findFirst()
                    .map(l -> l.replaceAll("[^0-9.]", "")).orElse("?");
        }
        line("%-58s %10.2f %10.2f %12s %8d", label, ms[RUNS / 2], ms[(int) (RUNS * 0.95)], exec, matches);
    }

    private static String describe(Query q) {
        return (q.text().isEmpty() ? "all" : "prefix '" + q.text() + "'") + (q.sku() == null ? "" : " sku " + q.sku())
                + ", by " + q.sort().name().toLowerCase(Locale.ROOT) + (q.descending() ? " desc" : "")
                + (q.page() > 0 ? ", page " + (q.page() + 1) : "");
    }

    private void line(String format, Object... args) {
        report.add(String.format(Locale.ROOT, format, args));
    }

    /** Loads the data with batched inserts; returns the benchmark partner's id. */
    private static long load(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sku : SKUS) {
                    st.execute("insert into pc_sku (code, name, max_licenses) values ('" + sku + "', '" + sku + "', 10000)");
                }
                st.execute("insert into pc_partner (advisor_code, tenant_id, name, address_line, postal_code, city, "
                        + "country, phone, support_email, authorized_service_provider) values ('BENCH', 'partnerBENCH', "
                        + "'Bench', '', '', '', 'FR', '', 'b@example.com', true), ('OTHER', 'partnerOTHER', 'Other', '', "
                        + "'', '', 'FR', '', 'o@example.com', true)");
            }
            long bench = id(c, "BENCH");
            long other = id(c, "OTHER");
            Random random = new Random(42);
            insertCustomers(c, bench, 1, CUSTOMERS, random);
            insertCustomers(c, other, CUSTOMERS + 1, CUSTOMERS + OTHERS, random);
            c.commit();
            try (Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                st.execute("vacuum analyze"); // the steady state autovacuum keeps a live database in
            }
            return bench;
        }
    }

    private static long id(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id from pc_partner where advisor_code = ?")) {
            ps.setString(1, code);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insertCustomers(Connection c, long partnerId, int from, int to, Random random)
            throws SQLException {
        try (PreparedStatement customer = c.prepareStatement("insert into pc_customer (id, name, name_lower, domain, "
                        + "country, language) overriding system value values (?,?,?,?,?,?)");
                PreparedStatement link = c.prepareStatement(
                        "insert into pc_partner_customer (partner_id, customer_id) values (?,?)");
                PreparedStatement admin = c.prepareStatement("insert into pc_customer_admin (customer_id, user_id, "
                        + "first_name, last_name, email, email_lower) values (?,?,?,?,?,?)");
                PreparedStatement subscription = c.prepareStatement("insert into pc_subscription (customer_id, sku_code, "
                        + "licenses, status, origin, start_date, end_date) values (?,?,?,?,?,?,?)")) {
            LocalDate today = LocalDate.now();
            for (int i = from; i <= to; i++) {
                String name = FIRST[random.nextInt(FIRST.length)] + " " + SECOND[random.nextInt(SECOND.length)] + " " + i;
                String domain = name.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example";
                customer.setLong(1, i);
                customer.setString(2, name);
                customer.setString(3, name.toLowerCase(Locale.ROOT));
                customer.setString(4, domain);
                customer.setString(5, i % 3 == 0 ? "FR" : "GB");
                customer.setString(6, "en");
                customer.addBatch();
                link.setLong(1, partnerId);
                link.setLong(2, i);
                link.addBatch();
                String email = "admin" + i + "@" + domain;
                admin.setLong(1, i);
                admin.setString(2, "admin" + i);
                admin.setString(3, "Admin");
                admin.setString(4, "Number " + i);
                admin.setString(5, email);
                admin.setString(6, email);
                admin.addBatch();
                subscription.setLong(1, i);
                subscription.setString(2, SKUS[random.nextInt(SKUS.length)]);
                subscription.setInt(3, 5 + random.nextInt(200));
                subscription.setString(4, "ACTIVE");
                subscription.setString(5, "PURCHASE_OFFER");
                subscription.setDate(6, Date.valueOf(today.minusDays(random.nextInt(300))));
                subscription.setDate(7, Date.valueOf(today.plusDays(30 + random.nextInt(300))));
                subscription.addBatch();
                if (i % 1000 == 0 || i == to) {
                    customer.executeBatch();
                    link.executeBatch();
                    admin.executeBatch();
                    subscription.executeBatch();
                }
            }
        }
    }
}
