package com.partnercenter.acceptance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import com.partnercenter.platform.EngineClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class AcceptanceRepository {

    private static final String COLUMNS = "id, link_id, organization_name, domain, country, language, admin_first_name, "
            + "admin_last_name, admin_email, delegated_admin_consent, status";

    private final JdbcClient jdbc;

    public AcceptanceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    public long countByLink(long linkId) {
        return jdbc.sql("select count(*) from pc_acceptance where link_id = ?").param(linkId).query(Long.class)
                .single();
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
                rs.getBoolean("delegated_admin_consent"), rs.getString("status"));
    }
}
