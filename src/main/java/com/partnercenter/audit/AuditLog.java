package com.partnercenter.audit;

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

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
