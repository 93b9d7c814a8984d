package com.partnercenter.acceptance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import com.partnercenter.platform.EngineClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class AcceptanceRepository {

    private static final String COLUMNS = "id, link_id, organization_name, domain, country, language, admin_first_name, "
            + "admin_last_name, admin_email, delegated_admin_consent, status, customer_id";

    private final JdbcClient jdbc;

    public AcceptanceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The acceptance was taken for an existing customer by its signed-in administrator. */
    public void takenFor(long acceptanceId, long customerId) {
        jdbc.sql("update pc_acceptance set customer_id = ? where id = ?").params(customerId, acceptanceId).update();
    }

    public long insert(long linkId, AcceptanceForm f) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into pc_acceptance (link_id, organization_name, domain, country, language, admin_first_name, "
                        + "admin_last_name, admin_email, delegated_admin_consent, created_at) values (?,?,?,?,?,?,?,?,?,?)")
                .params(linkId, f.getOrganizationName(), f.getDomain(), f.getCountry(), f.getLanguage(),
                        f.getAdminFirstName(), f.getAdminLastName(), f.getAdminEmail(), f.isDelegatedAdminConsent(),
                        Timestamp.from(EngineClock.now()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<Acceptance> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from pc_acceptance where id = ?").param(id)
                .query(AcceptanceRepository::row).optional();
    }

    /** PENDING_CONFIRMATION → CONFIRMED; true for exactly one caller. */
    public boolean markConfirmed(long id) {
        return jdbc.sql("update pc_acceptance set status = 'CONFIRMED', confirmed_at = ? where id = ? "
                        + "and status = 'PENDING_CONFIRMATION'")
                .params(Timestamp.from(EngineClock.now()), id).update() == 1;
    }

    static Acceptance row(ResultSet rs, int n) throws SQLException {
        return new Acceptance(rs.getLong("id"), rs.getLong("link_id"), rs.getString("organization_name"),
                rs.getString("domain"), rs.getString("country").trim(), rs.getString("language").trim(),
                rs.getString("admin_first_name"), rs.getString("admin_last_name"), rs.getString("admin_email"),
                rs.getBoolean("delegated_admin_consent"), rs.getString("status"),
                rs.getObject("customer_id") == null ? null : rs.getLong("customer_id"));
    }

    /** A pending acceptance of the same admin address through the same link, younger than {@code since}. */
    public Optional<Acceptance> findPending(long linkId, String adminEmail, Instant since) {
        return jdbc.sql("select " + COLUMNS + " from pc_acceptance where link_id = ? and lower(admin_email) = ? "
                        + "and status = 'PENDING_CONFIRMATION' and created_at > ? order by id desc")
                .params(linkId, adminEmail.toLowerCase(java.util.Locale.ROOT), Timestamp.from(since))
                .query(AcceptanceRepository::row).list().stream().findFirst();
    }

    public long countConfirmed(long linkId) {
        return jdbc.sql("select count(*) from pc_acceptance where link_id = ? and status = 'CONFIRMED'")
                .param(linkId).query(Long.class).single();
    }

}
