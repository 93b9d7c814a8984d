package com.partnercenter.link;

import static com.partnercenter.platform.Rows.instant;

import com.partnercenter.mail.MailLinkUrls;
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
 *
 * <p>No usable token is stored anywhere: a link row holds a random nonce and the SHA-256 of its token, the token
 * being derived from the nonce under a server secret ({@link LinkSecrets}, {@link LinkTokens}). Whoever needs a
 * link's URL again (a mail sent or re-sent, a partner copying its published link) asks {@link #urlOf(long)} with
 * the link's id; a URL never goes into a process variable, a mail row or any other table.
 */
@Service
public class LinkService implements MailLinkUrls {

    private static final String COLUMNS = "id, link_type, partner_id, advisor_code, process_instance_id, business_key, "
            + "acceptance_id, single_use, expires_at, revoked_at, used_at, user_id";

    private final JdbcClient jdbc;
    private final PartnerCenterProperties properties;
    private final LinkSecrets secrets;

    public LinkService(JdbcClient jdbc, PartnerCenterProperties properties, LinkSecrets secrets) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.secrets = secrets;
    }

    /** Issues a link under the current secret; {@link #urlOf(long)} rebuilds its URL whenever it is needed again. */
    public IssuedLink issue(LinkType type, Partner partner, Instant expiresAt, String processInstanceId,
            String businessKey, Long acceptanceId, boolean singleUse) {
        if (!expiresAt.isAfter(EngineClock.now())) {
            throw new IllegalArgumentException("a link must expire in the future, not at " + expiresAt);
        }
        LinkSecrets.Secret secret = secrets.current();
        String nonce = LinkTokens.newNonce();
        String token = LinkTokens.token(secret.key(), nonce);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into pc_link (link_type, partner_id, advisor_code, token_hash, token_nonce, secret_id, "
                        + "process_instance_id, business_key, acceptance_id, single_use, expires_at, created_at) "
                        + "values (?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(type.name(), partner.id(), partner.advisorCode(), LinkTokens.hash(token), nonce, secret.id(),
                        processInstanceId, businessKey, acceptanceId, singleUse, Timestamp.from(expiresAt),
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

    /**
     * The URL of a link, rebuilt from its nonce under the secret it was issued with: the same URL every time (a
     * re-sent mail carries the link of the first one). Empty for an unknown link, a link issued before tokens were
     * derived (V11), or one whose secret was retired and removed from {@code LINK_SECRETS}. Says nothing about
     * whether the link still works.
     */
    @Override
    public Optional<String> urlOf(long linkId) {
        return jdbc.sql("select link_type, advisor_code, token_nonce, secret_id from pc_link where id = ?").param(linkId)
                .query((rs, n) -> new String[] {rs.getString("link_type"), rs.getString("advisor_code"),
                        rs.getString("token_nonce"), rs.getString("secret_id")})
                .optional()
                .filter(row -> row[2] != null && row[3] != null)
                .flatMap(row -> secrets.byId(row[3]).map(secret -> url(LinkType.valueOf(row[0]), row[1],
                        LinkTokens.token(secret.key(), row[2]))));
    }

    /**
     * The URL of a link the partner issued, for its own users to see and copy on the partner pages: empty when the
     * link is not that partner's or cannot be rebuilt (see {@link #urlOf(long)}). Only invitation links (sign-up,
     * trial, offer, delegated administration) are shown; confirmation and set-password links belong to the customer.
     */
    public Optional<String> partnerLinkUrl(long partnerId, long linkId) {
        return findById(linkId)
                .filter(link -> link.partnerId() == partnerId)
                .filter(link -> link.type() != LinkType.EMAIL_CONFIRMATION && link.type() != LinkType.PASSWORD_SETUP)
                .flatMap(link -> urlOf(link.id()));
    }

    /** An unused, unrevoked, unexpired confirmation link of the acceptance, to mail again. */
    public Optional<Link> liveConfirmationOf(long acceptanceId) {
        Timestamp now = Timestamp.from(EngineClock.now());
        return jdbc.sql("select " + COLUMNS + " from pc_link where acceptance_id = ? and link_type = 'EMAIL_CONFIRMATION' "
                        + "and used_at is null and revoked_at is null and expires_at > ? and token_nonce is not null "
                        + "order by id desc")
                .params(acceptanceId, now).query(LinkService::row).list().stream().findFirst();
    }

    /** The unused set-password link a process instance issued to the user, if it still works (a retried mail). */
    public Optional<Link> livePasswordSetupOf(String userId, String processInstanceId) {
        return jdbc.sql("select " + COLUMNS + " from pc_link where user_id = ? and process_instance_id = ? "
                        + "and link_type = 'PASSWORD_SETUP' and used_at is null and revoked_at is null and expires_at > ? "
                        + "and token_nonce is not null order by id desc")
                .params(userId, processInstanceId, Timestamp.from(EngineClock.now())).query(LinkService::row).list()
                .stream().findFirst();
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
