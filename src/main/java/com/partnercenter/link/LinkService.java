package com.partnercenter.link;

import static com.partnercenter.platform.Rows.instant;

import com.partnercenter.partner.Partner;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.platform.PartnerCenterProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * Personalized links: public base URL + advisor code + unguessable token. Resolves, revokes and
 * consumes (single-use) links. Correlation data (process instance id, business key) lives on the
 * link row, on indexed columns.
 */
@Service
public class LinkService {

    private static final String COLUMNS = "id, link_type, partner_id, advisor_code, process_instance_id, business_key, "
            + "acceptance_id, single_use, expires_at, revoked_at, used_at, user_id";

    private final JdbcClient jdbc;
    private final PartnerCenterProperties properties;

    public LinkService(JdbcClient jdbc, PartnerCenterProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Issues a link; the returned URL holds the only copy of the token. */
    public IssuedLink issue(LinkType type, Partner partner, Instant expiresAt, String processInstanceId,
            String businessKey, Long acceptanceId, boolean singleUse) {
        if (!expiresAt.isAfter(EngineClock.now())) {
            throw new IllegalArgumentException("a link must expire in the future, not at " + expiresAt);
        }
        String token = LinkTokens.newToken();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into pc_link (link_type, partner_id, advisor_code, token_hash, process_instance_id, "
                        + "business_key, acceptance_id, single_use, expires_at, created_at) values (?,?,?,?,?,?,?,?,?,?)")
                .params(type.name(), partner.id(), partner.advisorCode(), LinkTokens.hash(token), processInstanceId,
                        businessKey, acceptanceId, singleUse, Timestamp.from(expiresAt),
                        Timestamp.from(EngineClock.now()))
                .update(keys, "id");
        return new IssuedLink(keys.getKey().longValue(), url(type, partner.advisorCode(), token), expiresAt);
    }

    /**
     * Issues the single-use set-password link of a user; earlier unused ones of the same user stop working,
     * so only the link in the latest mail opens the account.
     */
    public IssuedLink issuePasswordSetup(Partner partner, String userId, Instant expiresAt, String processInstanceId,
            String businessKey) {
        jdbc.sql("update pc_link set revoked_at = ? where user_id = ? and link_type = 'PASSWORD_SETUP' "
                        + "and used_at is null and revoked_at is null")
                .params(Timestamp.from(EngineClock.now()), userId).update();
        IssuedLink link = issue(LinkType.PASSWORD_SETUP, partner, expiresAt, processInstanceId, businessKey, null, true);
        jdbc.sql("update pc_link set user_id = ? where id = ?").params(userId, link.id()).update();
        return link;
    }

    public String url(LinkType type, String advisorCode, String token) {
        String base = properties.baseUrl() + "/p/" + advisorCode + "/";
        return switch (type) {
            case EMAIL_CONFIRMATION -> base + "confirm/" + token;
            case PASSWORD_SETUP -> base + "password/" + token;
            default -> base + token;
        };
    }

    /** Opens a link: unknown, malformed and tampered links are all "not found". */
    public LinkResolution resolve(String advisorCode, String token) {
        if (!LinkTokens.wellFormed(token) || advisorCode == null || advisorCode.length() > 16) {
            return new LinkResolution.NotFound();
        }
        Optional<Link> link = jdbc.sql("select " + COLUMNS + " from pc_link where token_hash = ?")
                .param(LinkTokens.hash(token)).query(LinkService::row).optional();
        if (link.isEmpty() || !link.get().advisorCode().equals(advisorCode)) {
            return new LinkResolution.NotFound();
        }
        return link.get().usable(EngineClock.now()) ? new LinkResolution.Usable(link.get())
                : new LinkResolution.Gone(link.get());
    }

    public Optional<Link> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from pc_link where id = ?").param(id).query(LinkService::row)
                .optional();
    }

    /** Marks a single-use link used; true for exactly one caller, even when several race. */
    public boolean consume(long linkId) {
        return jdbc.sql("update pc_link set used_at = ? where id = ? and used_at is null and revoked_at is null")
                .params(Timestamp.from(EngineClock.now()), linkId).update() == 1;
    }

    /** Revokes the unused confirmation links of an acceptance (before a new one is mailed). */
    public void revokeConfirmationsOf(long acceptanceId) {
        jdbc.sql("update pc_link set revoked_at = ? where acceptance_id = ? and link_type = 'EMAIL_CONFIRMATION' "
                        + "and used_at is null and revoked_at is null")
                .params(Timestamp.from(EngineClock.now()), acceptanceId).update();
    }

    /**
     * Revokes the customer-facing links of a process instance (its invitation and pending confirmations);
     * set-password links of accounts it created stay valid.
     */
    public int revokeAllOf(String processInstanceId) {
        return jdbc.sql("update pc_link set revoked_at = ? where process_instance_id = ? and revoked_at is null "
                        + "and link_type <> 'PASSWORD_SETUP'")
                .params(Timestamp.from(EngineClock.now()), processInstanceId).update();
    }

    static Link row(ResultSet rs, int n) throws SQLException {
        long acceptance = rs.getLong("acceptance_id");
        Long acceptanceId = rs.wasNull() ? null : acceptance;
        return new Link(rs.getLong("id"), LinkType.valueOf(rs.getString("link_type")), rs.getLong("partner_id"),
                rs.getString("advisor_code"), rs.getString("process_instance_id"), rs.getString("business_key"),
                acceptanceId, rs.getBoolean("single_use"), instant(rs, "expires_at"), instant(rs, "revoked_at"),
                instant(rs, "used_at"), rs.getString("user_id"));
    }
}
