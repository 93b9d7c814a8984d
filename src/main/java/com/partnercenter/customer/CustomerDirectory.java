package com.partnercenter.customer;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.web.Paged;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The customers a partner manages: a list, or a search with paging and sorting
 * for partners with many customers. Everything happens in the database, on indexed columns only:
 * {@code pc_partner_customer} (primary key partner_id, customer_id), prefix matches on the lower-case name, domain
 * and admin e-mail (b-tree indexes; {@code varchar_pattern_ops} on PostgreSQL, see V8), and the SKU filter on
 * {@code pc_subscription (sku_code, customer_id)}. The total is counted up to {@value #COUNT_CAP} matches: beyond
 * that the page says "more than".
 */
@Repository
public class CustomerDirectory {

    public static final int COUNT_CAP = 10_000;
    public static final int MAX_PAGE_SIZE = 100;

    /** Sort orders a page may ask for; anything else sorts by name. */
    public enum Sort {
        NAME("c.name_lower"), DOMAIN("c.domain"), COUNTRY("c.country"), CREATED("c.created_at");

        final String column;

        Sort(String column) {
            this.column = column;
        }

        public static Sort parse(String value) {
            for (Sort s : values()) {
                if (s.name().equalsIgnoreCase(value)) {
                    return s;
                }
            }
            return NAME;
        }
    }

    /** A search: text (prefix of name, domain or admin e-mail; may be empty), SKU code (may be null), page. */
    public record Query(String text, String sku, Sort sort, boolean descending, int page, int size) {
        public Query {
            text = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            sku = sku == null || sku.isBlank() ? null : sku.trim();
            sort = sort == null ? Sort.NAME : sort;
            page = Math.max(0, page);
            size = Math.min(MAX_PAGE_SIZE, Math.max(1, size));
        }
    }

    public record Row(long id, String name, String domain, String country, int activeSubscriptions) {}

    private final JdbcClient jdbc;

    public CustomerDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of results; its total is exact unless capped (then more than {@value #COUNT_CAP}). */
    public Paged<Row> search(Partner partner, Query query) {
        List<Object> pageParams = new ArrayList<>();
        List<Row> rows = jdbc.sql(pageSql(partner, query, pageParams))
                .params(pageParams)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("name"), rs.getString("domain"),
                        rs.getString("country").trim(), rs.getInt("active")))
                .list();
        List<Object> countParams = new ArrayList<>();
        long total = jdbc.sql(countSql(partner, query, countParams)).params(countParams).query(Long.class).single();
        return Paged.capped(rows, total, COUNT_CAP, query.page(), query.size());
    }

    /** The query of one page of results; its parameters are added to {@code params} (also for EXPLAIN). */
    public static String pageSql(Partner partner, Query query, List<Object> params) {
        String where = where(partner, query, params);
        String direction = query.descending() ? " desc" : " asc";
        params.add(query.size());
        params.add(Paged.offset(query.page(), query.size()));
        return "select c.id, c.name, c.domain, c.country, (select count(*) from pc_subscription s "
                + "where s.customer_id = c.id and s.status in ('ACTIVE', 'TRIAL')) as active "
                + where + " order by " + query.sort().column + direction + ", c.id" + direction + " limit ? offset ?";
    }

    /** The count of the matches, up to {@value #COUNT_CAP} + 1; its parameters are added to {@code params}. */
    public static String countSql(Partner partner, Query query, List<Object> params) {
        String where = where(partner, query, params);
        params.add(COUNT_CAP + 1);
        return "select count(*) from (select c.id " + where + " limit ?) matches";
    }

    /**
     * Whether the partner manages the customer: the list's own condition ({@link #managedBy}) on one customer, so
     * that a page, the API and the list never disagree. Callers ask {@code delegation.CustomerAccess#manages}, the one
     * owner of what a partner user may see and do on a customer.
     */
    public boolean manages(Partner partner, long customerId) {
        List<Object> params = new ArrayList<>();
        String from = managedBy(partner, params);
        params.add(customerId);
        return jdbc.sql("select count(*) " + from + " and c.id = ?").params(params).query(Long.class).single() > 0;
    }

    /** How many customers the partner manages (the list becomes a search from 100 on). */
    public long count(Partner partner) {
        List<Object> params = new ArrayList<>();
        String where = where(partner, new Query("", null, Sort.NAME, false, 0, 1), params);
        return jdbc.sql("select count(*) " + where).params(params).query(Long.class).single();
    }

    /**
     * The customers the partner manages, as the {@code from ... where} of a query on {@code pc_customer c}: those it
     * serves ({@code pc_partner_customer}) when it is an authorized service provider; with delegated administration
     * only, those of them that accepted it (an active relationship); without either, none.
     */
    private static String managedBy(Partner partner, List<Object> params) {
        StringBuilder sql = new StringBuilder(
                "from pc_partner_customer pc join pc_customer c on c.id = pc.customer_id where pc.partner_id = ?");
        params.add(partner.id());
        if (partner.has(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER)) {
            return sql.toString();
        }
        if (partner.has(ProgramAuthorization.DELEGATED_ADMIN)) {
            return sql.append(" and exists (select 1 from pc_delegated_admin_relationship r where r.partner_id = "
                    + "pc.partner_id and r.customer_id = pc.customer_id and r.status = 'ACTIVE')").toString();
        }
        return sql.append(" and 1 = 0").toString();
    }

    private static String where(Partner partner, Query query, List<Object> params) {
        StringBuilder sql = new StringBuilder(managedBy(partner, params));
        if (!query.text().isEmpty()) {
            String prefix = escapeLike(query.text()) + "%";
            sql.append(" and c.id in (select n.id from pc_customer n where n.name_lower like ? escape '\\'"
                    + " union select d.id from pc_customer d where d.domain like ? escape '\\'"
                    + " union select a.customer_id from pc_customer_admin a where a.email_lower like ? escape '\\')");
            params.add(prefix);
            params.add(prefix);
            params.add(prefix);
        }
        if (query.sku() != null) {
            sql.append(" and c.id in (select s.customer_id from pc_subscription s where s.sku_code = ?)");
            params.add(query.sku());
        }
        return sql.toString();
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
