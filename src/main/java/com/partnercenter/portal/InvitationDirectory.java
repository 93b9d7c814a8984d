package com.partnercenter.portal;

import static com.partnercenter.platform.Rows.instant;

import com.partnercenter.platform.EngineClock;
import com.partnercenter.web.Paged;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every link a partner issued to customers — trial invitations, purchase offers, sign-up invitations — with its
 * status and the count of its acceptances, searchable and paged like the customer list: a prefix of the business
 * key, a recipient's or an accepting administrator's address, or an accepting organization's name or domain; the
 * kind; the status; the month it was issued, or in which one of its acceptances was confirmed or one of its trials
 * converted. Everything is read from the application's tables ({@code pc_link}, {@code pc_purchase_offer},
 * {@code pc_acceptance}, {@code pc_mail}), never from process variables.
 */
@Repository
public class InvitationDirectory {

    public static final int PAGE_SIZE = 25;
    static final List<String> TYPES = List.of("TRIAL_INVITATION", "PURCHASE_OFFER", "CUSTOMER_SIGNUP");
    /** The invitation mails of each kind of link (their recipients are the link's recipients). */
    static final List<String> INVITATION_MAILS = List.of("trial-invitation", "offer-invitation", "signup-invitation");

    /** What a link is. */
    public enum Kind {
        TRIAL("TRIAL_INVITATION"), OFFER("PURCHASE_OFFER"), SIGNUP("CUSTOMER_SIGNUP");

        final String linkType;

        Kind(String linkType) {
            this.linkType = linkType;
        }

        public static Kind ofLinkType(String linkType) {
            for (Kind k : values()) {
                if (k.linkType.equals(linkType)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(linkType);
        }

        static Kind parse(String value) {
            for (Kind k : values()) {
                if (k.name().equalsIgnoreCase(value)) {
                    return k;
                }
            }
            return null;
        }
    }

    /**
     * Where a link stands: open; expired; revoked or withdrawn by the partner; superseded by a newer offer to the
     * same customer; accepted (an offer to one customer, or a sign-up: used once and closed).
     */
    public enum Status {
        OPEN, EXPIRED, REVOKED, SUPERSEDED, ACCEPTED;

        static Status parse(String value) {
            for (Status s : values()) {
                if (s.name().equalsIgnoreCase(value)) {
                    return s;
                }
            }
            return null;
        }
    }

    /**
     * A search. {@code issued}, {@code accepted} and {@code converted} are months ({@code yyyy-MM}) or, for the
     * last two, {@code any}; anything else is no filter.
     */
    public record Query(String text, Kind kind, Status status, String issued, String accepted, String converted,
            int page) {

        public static Query of(String text, String kind, String status, String issued, String accepted,
                String converted, String page) {
            int number = Paged.number(page, 400);
            return new Query(text == null ? "" : text.strip().toLowerCase(Locale.ROOT), Kind.parse(kind),
                    Status.parse(status), month(issued, false), month(accepted, true), month(converted, true), number);
        }

        private static String month(String value, boolean anyAllowed) {
            if (value == null || value.isBlank()) {
                return null;
            }
            if (anyAllowed && value.equalsIgnoreCase("any")) {
                return "any";
            }
            try {
                return YearMonth.parse(value.trim()).toString();
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        public boolean filtered() {
            return !text.isEmpty() || kind != null || status != null || issued != null || accepted != null
                    || converted != null;
        }
    }

    /** One row of the list. */
    public record Row(long linkId, Kind kind, String businessKey, String processInstanceId, Instant createdAt,
            Instant expiresAt, Status status, Long offerId, String customerName, int recipients, int pending,
            int confirmed) {}

    private final JdbcClient jdbc;

    public InvitationDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Paged<Row> search(long partnerId, Query query) {
        Timestamp now = Timestamp.from(EngineClock.now());
        List<Object> params = new ArrayList<>();
        String from = from(partnerId, query, now, params);
        long total = jdbc.sql("select count(*) " + from).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(columnParams(now));
        pageParams.addAll(params);
        pageParams.add(PAGE_SIZE);
        pageParams.add(Paged.offset(query.page(), PAGE_SIZE));
        List<Row> rows = jdbc.sql("select " + COLUMNS + from + " order by l.created_at desc, l.id desc limit ? offset ?")
                .params(pageParams).query((rs, n) -> row(rs)).list();
        return Paged.of(rows, total, query.page(), PAGE_SIZE);
    }

    /** One link of the partner, as a row (empty for another partner's link or another kind of link). */
    public Optional<Row> find(long partnerId, long linkId) {
        Timestamp now = Timestamp.from(EngineClock.now());
        List<Object> params = new ArrayList<>(columnParams(now));
        params.add(partnerId);
        params.add(linkId);
        return jdbc.sql("select " + COLUMNS + " from pc_link l left join pc_purchase_offer o on o.link_id = l.id "
                        + "left join pc_customer tc on tc.id = o.customer_id where l.partner_id = ? and l.id = ? "
                        + "and l.link_type in ('TRIAL_INVITATION', 'PURCHASE_OFFER', 'CUSTOMER_SIGNUP')")
                .params(params).query((rs, n) -> row(rs)).optional();
    }

    /** The status of a link (one parameter: now). */
    private static final String STATUS = "case "
            + "when o.status in ('SUPERSEDED', 'ACCEPTED', 'REVOKED', 'EXPIRED') then o.status "
            + "when l.link_type = 'CUSTOMER_SIGNUP' and exists (select 1 from pc_acceptance x where x.link_id = l.id "
            + "and x.status = 'CONFIRMED') then 'ACCEPTED' "
            // closed before its end: revoked; closed at or after its end (the expiry timer): expired
            + "when l.revoked_at is not null and l.revoked_at < l.expires_at then 'REVOKED' "
            + "when l.revoked_at is not null or l.expires_at <= ? then 'EXPIRED' "
            + "else 'OPEN' end";

    /** The columns of a row (two parameters: now, then the start of the confirmation window). */
    private static final String COLUMNS = "l.id, l.link_type, l.business_key, l.process_instance_id, l.created_at, "
            + "l.expires_at, o.id as offer_id, tc.name as customer_name, " + STATUS + " as status, "
            + "(select count(distinct m.recipient) from pc_mail m where m.business_key = l.business_key "
            + "and m.template in ('trial-invitation', 'offer-invitation', 'signup-invitation')) as recipients, "
            + "(select count(*) from pc_acceptance a where a.link_id = l.id and a.status = 'PENDING_CONFIRMATION' "
            + "and a.created_at > ?) as pending, "
            + "(select count(*) from pc_acceptance a where a.link_id = l.id and a.status = 'CONFIRMED') as confirmed ";

    /** How long a pending acceptance can still be confirmed (its confirmation link's validity). */
    static final java.time.Duration CONFIRMATION_WINDOW =
            com.partnercenter.acceptance.AcceptanceService.CONFIRMATION_VALIDITY;

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long offerId = rs.getLong("offer_id");
        boolean noOffer = rs.wasNull();
        return new Row(rs.getLong("id"), Kind.ofLinkType(rs.getString("link_type")), rs.getString("business_key"),
                rs.getString("process_instance_id"), instant(rs, "created_at"), instant(rs, "expires_at"),
                Status.valueOf(rs.getString("status")), noOffer ? null : offerId,
                rs.getString("customer_name"), rs.getInt("recipients"), rs.getInt("pending"), rs.getInt("confirmed"));
    }

    private static String from(long partnerId, Query query, Timestamp now, List<Object> params) {
        StringBuilder sql = new StringBuilder(" from pc_link l left join pc_purchase_offer o on o.link_id = l.id "
                + "left join pc_customer tc on tc.id = o.customer_id where l.partner_id = ? "
                + "and l.link_type in ('TRIAL_INVITATION', 'PURCHASE_OFFER', 'CUSTOMER_SIGNUP')");
        params.add(partnerId);
        if (query.kind() != null) {
            sql.append(" and l.link_type = ?");
            params.add(query.kind().linkType);
        }
        if (query.status() != null) {
            sql.append(" and (").append(STATUS).append(") = ?");
            params.add(now);
            params.add(query.status().name());
        }
        if (!query.text().isEmpty()) {
            String prefix = escapeLike(query.text()) + "%";
            sql.append(" and (lower(l.business_key) like ? escape '\\'"
                    + " or lower(tc.name) like ? escape '\\'"
                    + " or exists (select 1 from pc_mail m where m.business_key = l.business_key"
                    + " and m.template in ('trial-invitation', 'offer-invitation', 'signup-invitation')"
                    + " and lower(m.recipient) like ? escape '\\')"
                    + " or exists (select 1 from pc_acceptance a where a.link_id = l.id and (lower(a.admin_email) like ?"
                    + " escape '\\' or lower(a.organization_name) like ? escape '\\' or a.domain like ? escape '\\')))");
            for (int i = 0; i < 6; i++) {
                params.add(prefix);
            }
        }
        if (query.issued() != null) {
            sql.append(" and l.created_at >= ? and l.created_at < ?");
            addMonth(params, query.issued());
        }
        if (query.accepted() != null) {
            sql.append(" and exists (select 1 from pc_acceptance a where a.link_id = l.id and a.status = 'CONFIRMED'");
            if (!query.accepted().equals("any")) {
                sql.append(" and a.confirmed_at >= ? and a.confirmed_at < ?");
                addMonth(params, query.accepted());
            }
            sql.append(")");
        }
        if (query.converted() != null) {
            sql.append(" and l.link_type = 'TRIAL_INVITATION' and exists (select 1 from pc_acceptance a "
                    + "join pc_customer c on c.domain = a.domain join pc_subscription s on s.customer_id = c.id "
                    + "and s.origin = 'TRIAL_INVITATION' join pc_subscription_change ch on ch.subscription_id = s.id "
                    + "and ch.kind = 'TRIAL_CONVERTED' where a.link_id = l.id and a.status = 'CONFIRMED'");
            if (!query.converted().equals("any")) {
                sql.append(" and ch.occurred_at >= ? and ch.occurred_at < ?");
                addMonth(params, query.converted());
            }
            sql.append(")");
        }
        return sql.toString();
    }

    private static List<Object> columnParams(Timestamp now) {
        return List.of(now, Timestamp.from(now.toInstant().minus(CONFIRMATION_WINDOW)));
    }

    private static void addMonth(List<Object> params, String month) {
        YearMonth m = YearMonth.parse(month);
        params.add(Timestamp.from(m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
        params.add(Timestamp.from(m.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
