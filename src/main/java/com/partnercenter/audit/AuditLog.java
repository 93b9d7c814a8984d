package com.partnercenter.audit;

import static com.partnercenter.platform.Rows.instant;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who did what, when: one row per action, per partner and customer. {@code details} is the operator's line
 * (English, as recorded); {@code args} are the values of the reader's sentence for the action (message
 * {@code audit.text.<ACTION>} of the pages' bundle), each typed with {@link #text}, {@link #day},
 * {@link #number} or {@link #plain} so that a page writes them in its own language.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The actor of what no person did (the engine, a timer, a worker): what every audit row without one shows. */
    public static final String SYSTEM = "system";

    /**
     * The actor of a flow's step: the user who started the flow, else the flow itself, named by its business key
     * ("process " + key), so an operator can find it in Cockpit.
     */
    public static String actor(Object initiator, String businessKey) {
        return initiator != null ? initiator.toString() : "process " + businessKey;
    }

    /** Separates the arguments in the {@code args} column (a character no argument contains). */
    static final String SEPARATOR = "\u001f";

    public void record(String actor, String action, Long partnerId, Long customerId, String businessKey,
            String details, String... args) {
        // one row per action; long values are cut to the column sizes rather than refused
        jdbc.sql("insert into pc_audit (actor, action, partner_id, customer_id, business_key, details, args) "
                        + "values (?,?,?,?,?,?,?)")
                .params(cut(actor == null ? SYSTEM : actor, 100), action, partnerId, customerId, businessKey,
                        cut(details, 2000), args.length == 0 ? null : cut(String.join(SEPARATOR,
                                java.util.Arrays.stream(args).map(a -> a.replace(SEPARATOR, " ")).toList()), 2000))
                .update();
    }

    /** An argument the reader sees translated: a message key of the pages' bundle. */
    public static String text(String messageKey) {
        return "t:" + messageKey;
    }

    /** An argument the reader sees as a day in its language (LocalDate, Instant or ISO text). */
    public static String day(Object date) {
        return "d:" + (date instanceof Instant i ? i.toString() : String.valueOf(date));
    }

    /** An argument the reader sees as a number in its language. */
    public static String number(long value) {
        return "n:" + value;
    }

    /** An argument shown as it is (a name, a domain, a subject). */
    public static String plain(Object value) {
        return "s:" + (value == null ? "" : value);
    }

    /** One row of the audit list; {@code args} as recorded (empty for rows written before they existed). */
    public record Entry(long id, Instant occurredAt, String actor, String action, Long partnerId, String businessKey,
            String details, List<String> args) {}

    /**
     * The audit list of a customer, newest first: a partner sees its own rows ({@code partnerId}), operators every
     * row ({@code partnerId} null).
     */
    public List<Entry> forCustomer(long customerId, Long partnerId, int limit) {
        String partnerFilter = partnerId == null ? "" : " and partner_id = ?";
        var spec = jdbc.sql("select id, occurred_at, actor, action, partner_id, business_key, details, args from pc_audit "
                + "where customer_id = ?" + partnerFilter + " order by occurred_at desc, id desc limit ?")
                .param(customerId);
        if (partnerId != null) {
            spec = spec.param(partnerId);
        }
        return spec.param(limit).query((rs, n) -> new Entry(rs.getLong("id"), instant(rs, "occurred_at"),
                rs.getString("actor"), rs.getString("action"), rs.getObject("partner_id", Long.class),
                rs.getString("business_key"), rs.getString("details"), args(rs.getString("args")))).list();
    }

    private static List<String> args(String column) {
        return column == null ? List.of() : List.of(column.split(SEPARATOR, -1));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
