package com.partnercenter.audit;

import static com.partnercenter.platform.Rows.instant;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who did what, when: one row per action, per partner and customer. */
@Component
public class AuditLog {

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, Long partnerId, Long customerId, String businessKey,
            String details) {
        // one row per action; long values are cut to the column sizes rather than refused
        jdbc.sql("insert into pc_audit (actor, action, partner_id, customer_id, business_key, details) "
                        + "values (?,?,?,?,?,?)")
                .params(cut(actor == null ? "system" : actor, 100), action, partnerId, customerId, businessKey,
                        cut(details, 2000))
                .update();
    }

    /** One row of the audit list. */
    public record Entry(long id, Instant occurredAt, String actor, String action, Long partnerId, String businessKey,
            String details) {}

    /**
     * The audit list of a customer, newest first: a partner sees its own rows ({@code partnerId}), operators every
     * row ({@code partnerId} null).
     */
    public List<Entry> forCustomer(long customerId, Long partnerId, int limit) {
        String partnerFilter = partnerId == null ? "" : " and partner_id = ?";
        var spec = jdbc.sql("select id, occurred_at, actor, action, partner_id, business_key, details from pc_audit "
                + "where customer_id = ?" + partnerFilter + " order by occurred_at desc, id desc limit ?")
                .param(customerId);
        if (partnerId != null) {
            spec = spec.param(partnerId);
        }
        return spec.param(limit).query((rs, n) -> new Entry(rs.getLong("id"), instant(rs, "occurred_at"),
                rs.getString("actor"), rs.getString("action"), rs.getObject("partner_id", Long.class),
                rs.getString("business_key"), rs.getString("details"))).list();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
