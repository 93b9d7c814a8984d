package com.partnercenter.mail;

import com.partnercenter.platform.EngineClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The e-mail outbox and log (table {@code pc_mail}), one row per idempotency key.
 *
 * <p>A sender holds a row through a <em>lease</em> ({@code claimed_by}, {@code lease_until}): a claim is a
 * conditional update, so across threads and nodes exactly one sender holds a row at a time; a row left SENDING by
 * a process that died is taken over once its lease ran out ({@code takeovers} counts those: each may duplicate a
 * mail the dead sender had handed over). Two kinds of rows:
 * <ul>
 *   <li><b>job mails</b> ({@link #claim}): sent by a BPMN step, whose job retries; the row records the attempt and
 *       its outcome. Written in transactions of their own (REQUIRES_NEW), so "sent" survives the job's rollback.</li>
 *   <li><b>queued mails</b> ({@link #enqueue}): written in the caller's transaction with their payload, so the mail
 *       is stored if and only if what it reports is; sent after commit and, when that fails or its sender dies, by
 *       {@link MailDispatcher} on any node at {@code next_attempt_at}.</li>
 * </ul>
 */
@Repository
public class MailOutbox {

    public enum Status { PENDING, SENDING, SENT, FAILED, ABANDONED }

    /** Outcome of {@link #claim}. */
    public enum Claim {
        /** This attempt may send: the row is SENDING under its lease. */
        CLAIMED,
        /** This attempt may send, taking over from one whose lease ran out: a duplicate if that one had sent it. */
        TAKEN_OVER,
        /** The mail was sent before: do nothing. */
        ALREADY_SENT,
        /** Another attempt holds the row under a lease that has not run out: do not send now. */
        TAKEN_BY_OTHER_ATTEMPT
    }

    public record Entry(String idempotencyKey, String template, String language, String recipient, String subject,
            Status status, int attempts, String lastError, String businessKey, Long partnerId, LocalDateTime sentAt,
            String payload, int takeovers) {}

    /** A claimed row: the claim id proves the holder. */
    public record Held(String idempotencyKey, String claimId, boolean takeover) {}

    private static final int MAX_ERROR_LENGTH = 1000;
    private static final int MAX_SUBJECT_LENGTH = 300;
    private static final String COLUMNS = "idempotency_key, template, language, recipient, subject, status, attempts, "
            + "last_error, business_key, partner_id, sent_at, payload, takeovers";
    /** The row may be taken: due, or held under a lease that ran out (a null lease: a row from before leases). */
    private static final String TAKEABLE = "(status = 'SENDING' and (lease_until is null or lease_until < ?))";

    private final JdbcClient jdbc;
    private final TransactionTemplate requiresNew;
    private final Duration lease;
    private final String node;

    public MailOutbox(JdbcClient jdbc, PlatformTransactionManager transactionManager,
            @Value("${partner-center.mail.outbox.lease:PT25S}") Duration lease,
            @Value("${partner-center.node-id:${HOSTNAME:node}}") String node) {
        this.jdbc = jdbc;
        this.lease = lease;
        this.node = node.length() > 60 ? node.substring(0, 60) : node;
        this.requiresNew = new TransactionTemplate(transactionManager);
        this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public Duration lease() {
        return lease;
    }

    public Optional<Entry> find(String idempotencyKey) {
        return jdbc.sql("select " + COLUMNS + " from pc_mail where idempotency_key = ?")
                .param(idempotencyKey).query(MailOutbox::entry).optional();
    }

    /** The keys that start with the prefix (e.g. every confirmation mail of one acceptance), oldest first. */
    public List<String> keysStartingWith(String prefix) {
        return jdbc.sql("select idempotency_key from pc_mail where idempotency_key like ? escape '\\' order by id")
                .param(prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .query(String.class).list();
    }

    /**
     * Claims one delivery attempt of a job mail: inserts its row, or takes over one left FAILED or PENDING, or
     * SENDING under a lease that ran out.
     */
    Claim claim(OutgoingMail mail, String language, String subject) {
        return requiresNew.execute(tx -> {
            Optional<Entry> existing = find(mail.idempotencyKey());
            if (existing.isEmpty()) {
                try {
                    insert(mail, language, subject, null, newClaimId());
                    return Claim.CLAIMED;
                } catch (DuplicateKeyException e) {
                    tx.setRollbackOnly();
                    return Claim.TAKEN_BY_OTHER_ATTEMPT;
                }
            }
            if (existing.get().status() == Status.SENT) {
                return Claim.ALREADY_SENT;
            }
            Instant now = EngineClock.now();
            return take(mail.idempotencyKey(), "(status in ('PENDING', 'FAILED', 'ABANDONED') or " + TAKEABLE + ")",
                    now, Timestamp.from(now)).map(held -> held.takeover() ? Claim.TAKEN_OVER : Claim.CLAIMED)
                    .orElse(Claim.TAKEN_BY_OTHER_ATTEMPT);
        });
    }

    /**
     * Stores a queued mail in the caller's transaction, held by the caller (who sends it after commit); if the
     * caller dies first, the lease runs out and the dispatcher sends it. Throws {@link DuplicateKeyException} when
     * the key exists.
     */
    Held enqueue(OutgoingMail mail, String language, String subject, String payload) {
        String claimId = newClaimId();
        insert(mail, language, subject, payload, claimId);
        return new Held(mail.idempotencyKey(), claimId, false);
    }

    /** Keys of queued mails that a dispatcher may take now, oldest first. */
    List<String> due(int limit) {
        Timestamp now = Timestamp.from(EngineClock.now());
        return jdbc.sql("select idempotency_key from pc_mail where payload is not null and ((status in ('PENDING', "
                        + "'FAILED') and next_attempt_at <= ?) or " + TAKEABLE + ") order by id fetch first "
                        + Math.max(1, limit) + " rows only")
                .params(now, now).query(String.class).list();
    }

    /** Takes a queued mail that is due, or whose sender's lease ran out; empty when another sender has it. */
    Optional<Held> claimDue(String idempotencyKey) {
        Instant now = EngineClock.now();
        Timestamp ts = Timestamp.from(now);
        return requiresNew.execute(tx -> take(idempotencyKey,
                "payload is not null and ((status in ('PENDING', 'FAILED') and next_attempt_at <= ?) or " + TAKEABLE + ")",
                now, ts, ts));
    }

    /** When the row was stored (the age of a queued mail). */
    Instant createdAt(String idempotencyKey) {
        return jdbc.sql("select created_at from pc_mail where idempotency_key = ?").param(idempotencyKey)
                .query(Timestamp.class).single().toInstant();
    }

    /**
     * Renews the holder's lease from now, if its claim still stands (nobody took the row over): the lease of a mail
     * queued in a long transaction starts when it is sent, not when it was stored. False: another sender has it.
     */
    boolean renew(Held held) {
        return requiresNew.execute(tx -> jdbc.sql("update pc_mail set lease_until = ? where idempotency_key = ? "
                        + "and claimed_by = ? and status = 'SENDING'")
                .params(Timestamp.from(EngineClock.now().plus(lease)), held.idempotencyKey(), held.claimId())
                .update() == 1);
    }

    void markSent(String idempotencyKey) {
        requiresNew.executeWithoutResult(tx -> jdbc.sql(
                        "update pc_mail set status = 'SENT', sent_at = ?, last_error = null, lease_until = null, "
                                + "next_attempt_at = null where idempotency_key = ?")
                .params(Timestamp.from(EngineClock.now()), idempotencyKey).update());
    }

    /**
     * Records a failed attempt: FAILED, due again at {@code nextAttempt} (queued mails), or ABANDONED when
     * {@code nextAttempt} is null for a queued mail (too old to matter).
     */
    void markFailed(String idempotencyKey, String error, Instant nextAttempt, boolean queued) {
        String status = queued && nextAttempt == null ? Status.ABANDONED.name() : Status.FAILED.name();
        requiresNew.executeWithoutResult(tx -> jdbc.sql(
                        "update pc_mail set status = ?, last_error = ?, lease_until = null, next_attempt_at = ? "
                                + "where idempotency_key = ? and status <> 'SENT'")
                .params(status, truncate(error, MAX_ERROR_LENGTH), nextAttempt == null ? null : Timestamp.from(nextAttempt),
                        idempotencyKey).update());
    }

    /** Queued mails, rows per status, and the age of the oldest one not sent (metrics). */
    public record Backlog(long pending, long sending, long failed, long abandoned, long takeovers,
            Duration oldestUnsent) {}

    public Backlog backlog() {
        var counts = jdbc.sql("select status, count(*) n from pc_mail where status <> 'SENT' group by status")
                .query((rs, n) -> java.util.Map.entry(rs.getString("status"), rs.getLong("n"))).list();
        java.util.Map<String, Long> byStatus = new java.util.HashMap<>();
        counts.forEach(e -> byStatus.put(e.getKey(), e.getValue()));
        long takeovers = jdbc.sql("select coalesce(sum(takeovers), 0) from pc_mail").query(Long.class).single();
        Timestamp oldest = jdbc.sql("select min(created_at) from pc_mail where status in ('PENDING', 'SENDING', 'FAILED')")
                .query(Timestamp.class).single();
        Duration age = oldest == null ? Duration.ZERO
                : Duration.between(oldest.toInstant(), EngineClock.now()).isNegative() ? Duration.ZERO
                : Duration.between(oldest.toInstant(), EngineClock.now());
        return new Backlog(byStatus.getOrDefault("PENDING", 0L), byStatus.getOrDefault("SENDING", 0L),
                byStatus.getOrDefault("FAILED", 0L), byStatus.getOrDefault("ABANDONED", 0L), takeovers, age);
    }

    private Optional<Held> take(String key, String condition, Instant now, Object... conditionParams) {
        String claimId = newClaimId();
        Object[] params = new Object[3 + conditionParams.length];
        params[0] = Timestamp.from(now.plus(lease));
        params[1] = claimId;
        params[2] = key;
        System.arraycopy(conditionParams, 0, params, 3, conditionParams.length);
        boolean takeover = find(key).map(e -> e.status() == Status.SENDING).orElse(false);
        int updated = jdbc.sql("update pc_mail set status = 'SENDING', lease_until = ?, claimed_by = ?, "
                        + "attempts = attempts + 1, takeovers = takeovers + case when status = 'SENDING' then 1 else 0 end "
                        + "where idempotency_key = ? and " + condition)
                .params(params).update();
        return updated == 1 ? Optional.of(new Held(key, claimId, takeover)) : Optional.empty();
    }

    private void insert(OutgoingMail mail, String language, String subject, String payload, String claimId) {
        Instant now = EngineClock.now();
        jdbc.sql("insert into pc_mail (idempotency_key, template, language, recipient, subject, status, attempts, "
                        + "business_key, partner_id, payload, lease_until, claimed_by, next_attempt_at, created_at) "
                        + "values (?,?,?,?,?,'SENDING',1,?,?,?,?,?,?,?)")
                .params(mail.idempotencyKey(), mail.template(), language, mail.recipient(),
                        truncate(subject, MAX_SUBJECT_LENGTH), mail.businessKey(), mail.partnerId(), payload,
                        Timestamp.from(now.plus(lease)), claimId, payload == null ? null : Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    private String newClaimId() {
        return node + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        Timestamp sentAt = rs.getTimestamp("sent_at");
        return new Entry(rs.getString("idempotency_key"), rs.getString("template"), rs.getString("language").trim(),
                rs.getString("recipient"), rs.getString("subject"), Status.valueOf(rs.getString("status").trim()),
                rs.getInt("attempts"), rs.getString("last_error"), rs.getString("business_key"),
                rs.getObject("partner_id", Long.class), sentAt == null ? null : sentAt.toLocalDateTime(),
                rs.getString("payload"), rs.getInt("takeovers"));
    }
}
