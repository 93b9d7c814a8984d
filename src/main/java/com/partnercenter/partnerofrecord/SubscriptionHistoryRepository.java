package com.partnercenter.partnerofrecord;

import static com.partnercenter.platform.Rows.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class SubscriptionHistoryRepository {

    private static final String COLUMNS = "id, change_id, subscription_id, kind, old_value, new_value, details, "
            + "partner_of_record_id, actor, occurred_at, notified_at";

    private final JdbcClient jdbc;

    public SubscriptionHistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SubscriptionChange> findByChangeId(String changeId) {
        return jdbc.sql("select " + COLUMNS + " from pc_subscription_change where change_id = ?").param(changeId)
                .query(SubscriptionHistoryRepository::row).optional();
    }

    public List<SubscriptionChange> findBySubscription(long subscriptionId) {
        return jdbc.sql("select " + COLUMNS + " from pc_subscription_change where subscription_id = ? "
                        + "order by occurred_at, id")
                .param(subscriptionId).query(SubscriptionHistoryRepository::row).list();
    }

    /** Changes whose partner of record was not told yet, oldest first. */
    public List<SubscriptionChange> findUnnotified(Instant before, int limit) {
        return jdbc.sql("select " + COLUMNS + " from pc_subscription_change where notified_at is null "
                        + "and partner_of_record_id is not null and kind <> 'POR_NOT_REGISTERED' and occurred_at < ? "
                        + "order by occurred_at, id fetch first " + Math.max(1, limit) + " rows only")
                .param(Timestamp.from(before)).query(SubscriptionHistoryRepository::row).list();
    }

    public SubscriptionChange insert(SubscriptionChange c) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into pc_subscription_change (change_id, subscription_id, kind, old_value, new_value, details, "
                        + "partner_of_record_id, actor, occurred_at) values (?,?,?,?,?,?,?,?,?)")
                .params(c.changeId(), c.subscriptionId(), c.kind().name(), c.oldValue(), c.newValue(), c.details(),
                        c.partnerOfRecordId(), c.actor(), Timestamp.from(c.occurredAt()))
                .update(keys, "id");
        return new SubscriptionChange(keys.getKey().longValue(), c.changeId(), c.subscriptionId(), c.kind(),
                c.oldValue(), c.newValue(), c.details(), c.partnerOfRecordId(), c.actor(), c.occurredAt(), null);
    }

    public void markNotified(long id, Instant at) {
        jdbc.sql("update pc_subscription_change set notified_at = ? where id = ? and notified_at is null")
                .params(Timestamp.from(at), id).update();
    }

    static SubscriptionChange row(ResultSet rs, int n) throws SQLException {
        return new SubscriptionChange(rs.getLong("id"), rs.getString("change_id"), rs.getLong("subscription_id"),
                SubscriptionChange.Kind.valueOf(rs.getString("kind")), rs.getString("old_value"),
                rs.getString("new_value"), rs.getString("details"), rs.getObject("partner_of_record_id", Long.class),
                rs.getString("actor"), instant(rs, "occurred_at"), instant(rs, "notified_at"));
    }
}
