package com.partnercenter.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class SubscriptionRepository {

    private static final String COLUMNS =
            "id, customer_id, sku_code, licenses, status, origin, start_date, end_date, partner_of_record_id";

    private final JdbcClient jdbc;

    public SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Subscription> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from pc_subscription where id = ?").param(id)
                .query(SubscriptionRepository::row).optional();
    }

    public Optional<Subscription> findByRequestKey(String requestKey) {
        return jdbc.sql("select " + COLUMNS + " from pc_subscription where request_key = ?").param(requestKey)
                .query(SubscriptionRepository::row).optional();
    }

    public List<Subscription> findByCustomer(long customerId) {
        return jdbc.sql("select " + COLUMNS + " from pc_subscription where customer_id = ? order by id")
                .param(customerId).query(SubscriptionRepository::row).list();
    }

    public Subscription insert(long customerId, String skuCode, int licenses, Subscription.Status status,
            Subscription.Origin origin, LocalDate start, LocalDate end, Long partnerOfRecordId, String requestKey) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into pc_subscription (customer_id, sku_code, licenses, status, origin, start_date, end_date, "
                        + "partner_of_record_id, request_key, trial_key) values (?,?,?,?,?,?,?,?,?,?)")
                .params(customerId, skuCode, licenses, status.name(), origin.name(), start, end, partnerOfRecordId,
                        requestKey, origin == Subscription.Origin.TRIAL_INVITATION ? trialKey(customerId, skuCode) : null)
                .update(keys, "id");
        return new Subscription(keys.getKey().longValue(), customerId, skuCode, licenses, status, origin, start, end,
                partnerOfRecordId);
    }

    /** The key of a customer's one trial of a SKU (unique: one trial per SKU and customer). */
    static String trialKey(long customerId, String skuCode) {
        return customerId + ":" + skuCode;
    }

    /** True when the customer already had a trial of the SKU, running or not (it can have only one). */
    public boolean hadTrial(long customerId, String skuCode) {
        return jdbc.sql("select count(*) from pc_subscription where trial_key = ?").param(trialKey(customerId, skuCode))
                .query(Long.class).single() > 0;
    }

    /** The process instance that follows this subscription's lifecycle (a trial's reminders and expiry). */
    public void setProcessInstance(long id, String processInstanceId) {
        jdbc.sql("update pc_subscription set process_instance_id = ? where id = ?").params(processInstanceId, id).update();
    }

    public Optional<Long> findIdByProcessInstance(String processInstanceId) {
        return jdbc.sql("select id from pc_subscription where process_instance_id = ?").param(processInstanceId)
                .query(Long.class).optional();
    }

    public Optional<String> processInstanceOf(long id) {
        return jdbc.sql("select process_instance_id from pc_subscription where id = ?").param(id)
                .query(String.class).optional();
    }

    /** TRIAL → EXPIRED; false when the subscription is no longer a trial (converted, cancelled). */
    public boolean expireTrial(long id) {
        return jdbc.sql("update pc_subscription set status = 'EXPIRED', updated_at = ? where id = ? and status = 'TRIAL'")
                .params(java.sql.Timestamp.from(com.partnercenter.platform.EngineClock.now()), id).update() == 1;
    }

    /** TRIAL → ACTIVE with the bought license count and term end; false when it is no longer a trial. */
    public boolean convertTrial(long id, int licenses, LocalDate endDate) {
        return jdbc.sql("update pc_subscription set status = 'ACTIVE', licenses = ?, end_date = ?, updated_at = ? "
                        + "where id = ? and status = 'TRIAL'")
                .params(licenses, endDate, java.sql.Timestamp.from(com.partnercenter.platform.EngineClock.now()), id)
                .update() == 1;
    }

    /** Sets the license count when it is still {@code expected}: a conditional update, true when it changed. */
    public boolean updateLicenses(long id, int expected, int licenses) {
        return jdbc.sql("update pc_subscription set licenses = ?, updated_at = ? where id = ? and licenses = ?")
                .params(licenses, java.sql.Timestamp.from(com.partnercenter.platform.EngineClock.now()), id, expected)
                .update() == 1;
    }

    /**
     * Sets the partner of record when it is still {@code expected} (null: none): a conditional update, true
     * when it changed.
     */
    public boolean updatePartnerOfRecord(long id, Long expected, Long partnerOfRecordId) {
        String condition = expected == null ? "partner_of_record_id is null" : "partner_of_record_id = ?";
        var spec = jdbc.sql("update pc_subscription set partner_of_record_id = ?, updated_at = current_timestamp "
                + "where id = ? and " + condition).param(partnerOfRecordId).param(id);
        if (expected != null) {
            spec = spec.param(expected);
        }
        return spec.update() == 1;
    }

    static Subscription row(ResultSet rs, int n) throws SQLException {
        Long por = rs.getObject("partner_of_record_id", Long.class);
        return new Subscription(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("sku_code"),
                rs.getInt("licenses"), Subscription.Status.valueOf(rs.getString("status")),
                Subscription.Origin.valueOf(rs.getString("origin")), rs.getObject("start_date", LocalDate.class),
                rs.getObject("end_date", LocalDate.class), por);
    }
}
