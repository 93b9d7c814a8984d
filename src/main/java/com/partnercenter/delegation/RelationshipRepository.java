package com.partnercenter.delegation;

import static com.partnercenter.platform.Rows.instant;

import com.partnercenter.platform.EngineClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Relationships and their role grants. "One open relationship per partner and customer" is enforced by
 * the unique column open_pair, set while PENDING or ACTIVE.
 */
@Repository
public class RelationshipRepository {

    private static final String COLUMNS = "id, partner_id, customer_id, admin_role, status, auto_extend, starts_at, "
            + "ends_at, process_instance_id, duration_days";

    private final JdbcClient jdbc;

    public RelationshipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a PENDING relationship; a second open one for the pair violates uq_relationship_open_pair. */
    public long insertPending(long partnerId, long customerId, AdminRole role, boolean autoExtend, int durationDays,
            String processInstanceId) {
        var keys = new GeneratedKeyHolder();
        Timestamp now = Timestamp.from(EngineClock.now());
        jdbc.sql("insert into pc_delegated_admin_relationship (partner_id, customer_id, admin_role, status, open_pair, "
                        + "auto_extend, duration_days, process_instance_id, created_at, updated_at) "
                        + "values (?,?,?,?,?,?,?,?,?,?)")
                .params(partnerId, customerId, role.name(), "PENDING", partnerId + ":" + customerId, autoExtend,
                        durationDays, processInstanceId, now, now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<Relationship> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from pc_delegated_admin_relationship where id = ?").param(id)
                .query(RelationshipRepository::row).optional();
    }

    /** The relationship a "Delegated administration" instance is about (one per instance). */
    public Optional<Relationship> findByProcessInstance(String processInstanceId) {
        return jdbc.sql("select " + COLUMNS + " from pc_delegated_admin_relationship where process_instance_id = ?")
                .param(processInstanceId).query(RelationshipRepository::row).optional();
    }

    public Optional<Relationship> findOpen(long partnerId, long customerId) {
        return jdbc.sql("select " + COLUMNS + " from pc_delegated_admin_relationship where open_pair = ?")
                .param(partnerId + ":" + customerId).query(RelationshipRepository::row).optional();
    }

    public List<Relationship> findActiveOfPartner(long partnerId) {
        return jdbc.sql("select " + COLUMNS + " from pc_delegated_admin_relationship where partner_id = ? "
                        + "and status = 'ACTIVE' order by id")
                .param(partnerId).query(RelationshipRepository::row).list();
    }

    public List<Relationship> findActiveOfCustomer(long customerId) {
        return jdbc.sql("select " + COLUMNS + " from pc_delegated_admin_relationship where customer_id = ? "
                        + "and status = 'ACTIVE' order by id")
                .param(customerId).query(RelationshipRepository::row).list();
    }

    public void activate(long id, Instant startsAt, Instant endsAt) {
        update("update pc_delegated_admin_relationship set status = 'ACTIVE', starts_at = ?, ends_at = ?, "
                + "updated_at = ? where id = ? and status in ('PENDING', 'ACTIVE')",
                Timestamp.from(startsAt), Timestamp.from(endsAt), Timestamp.from(EngineClock.now()), id);
    }

    public void extend(long id, Instant endsAt) {
        update("update pc_delegated_admin_relationship set ends_at = ?, updated_at = ? where id = ? "
                + "and status = 'ACTIVE'", Timestamp.from(endsAt), Timestamp.from(EngineClock.now()), id);
    }

    /** Closes an open relationship (DECLINED, EXPIRED, TERMINATED); a closed one stays as it is. */
    public boolean close(long id, Relationship.Status status) {
        if (status.open()) {
            throw new IllegalArgumentException(status + " is not a closing status");
        }
        return jdbc.sql("update pc_delegated_admin_relationship set status = ?, open_pair = null, updated_at = ? "
                        + "where id = ? and status in ('PENDING', 'ACTIVE')")
                .params(status.name(), Timestamp.from(EngineClock.now()), id).update() == 1;
    }

    private void update(String sql, Object... params) {
        if (jdbc.sql(sql).params(params).update() != 1) {
            throw new IllegalStateException("relationship " + params[params.length - 1] + " is not open");
        }
    }

    // ---- role grants

    /** The current grant of a partner user on a relationship, if any. */
    public Optional<AdminRole.GrantedRole> activeGrant(long relationshipId, long partnerUserId) {
        return jdbc.sql("select role from pc_role_grant where relationship_id = ? and partner_user_id = ? "
                        + "and revoked_at is null")
                .params(relationshipId, partnerUserId).query(String.class).optional().map(AdminRole.GrantedRole::valueOf);
    }

    /** Grants (or changes) the role of a partner user on the relationship's customer. */
    public void grant(long relationshipId, long partnerUserId, long customerId, AdminRole.GrantedRole role) {
        Timestamp now = Timestamp.from(EngineClock.now());
        int updated = jdbc.sql("update pc_role_grant set role = ?, granted_at = ?, revoked_at = null "
                        + "where relationship_id = ? and partner_user_id = ?")
                .params(role.name(), now, relationshipId, partnerUserId).update();
        if (updated == 0) {
            jdbc.sql("insert into pc_role_grant (relationship_id, partner_user_id, customer_id, role, granted_at) "
                            + "values (?,?,?,?,?)")
                    .params(relationshipId, partnerUserId, customerId, role.name(), now).update();
        }
    }

    public void revoke(long relationshipId, long partnerUserId) {
        jdbc.sql("update pc_role_grant set revoked_at = ? where relationship_id = ? and partner_user_id = ? "
                        + "and revoked_at is null")
                .params(Timestamp.from(EngineClock.now()), relationshipId, partnerUserId).update();
    }

    public int revokeAll(long relationshipId) {
        return jdbc.sql("update pc_role_grant set revoked_at = ? where relationship_id = ? and revoked_at is null")
                .params(Timestamp.from(EngineClock.now()), relationshipId).update();
    }

    /** Active grants of a user on a customer (what customer management checks). */
    public Optional<AdminRole.GrantedRole> roleOn(long partnerUserId, long customerId) {
        return jdbc.sql("select g.role from pc_role_grant g join pc_delegated_admin_relationship r "
                        + "on r.id = g.relationship_id where g.partner_user_id = ? and g.customer_id = ? "
                        + "and g.revoked_at is null and r.status = 'ACTIVE'")
                .params(partnerUserId, customerId).query(String.class).list().stream()
                .map(AdminRole.GrantedRole::valueOf).min(Enum::compareTo);
    }

    static Relationship row(ResultSet rs, int n) throws SQLException {
        return new Relationship(rs.getLong("id"), rs.getLong("partner_id"), rs.getLong("customer_id"),
                AdminRole.valueOf(rs.getString("admin_role")), Relationship.Status.valueOf(rs.getString("status")),
                rs.getBoolean("auto_extend"), instant(rs, "starts_at"), instant(rs, "ends_at"),
                rs.getString("process_instance_id"), rs.getInt("duration_days"));
    }
}
