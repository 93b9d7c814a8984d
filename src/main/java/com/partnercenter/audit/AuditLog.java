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
        jdbc.sql("insert into pc_audit (actor, action, partner_id, customer_id, business_key, details) "
                        + "values (?,?,?,?,?,?)")
                .params(actor == null ? "system" : actor, action, partnerId, customerId, businessKey,
                        details == null ? null : details.length() > 2000 ? details.substring(0, 2000) : details)
                .update();
    }
}
