package com.partnercenter.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The e-mail outbox and log (table {@code pc_mail}), one row per idempotency key. Every write runs in its own
 * transaction (REQUIRES_NEW), independent of the caller's (engine) transaction, so that "this mail was sent"
 * survives a rollback of the job that sent it.
 */
@Repository
public class MailOutbox {

    public enum Status { SENDING, SENT, FAILED }

    /** Outcome of {@link #claim}. */
    public enum Claim {
        /** This attempt may send: the row is now SENDING and the attempt is counted. */
        CLAIMED,
        /** The mail was sent before: do nothing. */
        ALREADY_SENT,
        /** Another attempt claimed the same key at the same moment: do not send now. */
        TAKEN_BY_OTHER_ATTEMPT
    }

    public record Entry(String idempotencyKey, String template, String language, String recipient, String subject,
            Status status, int attempts, String lastError, String businessKey, Long partnerId, LocalDateTime sentAt) {}

    private static final int MAX_ERROR_LENGTH = 1000;
    private static final int MAX_SUBJECT_LENGTH = 300;

    private final JdbcClient jdbc;
    private final TransactionTemplate requiresNew;

    public MailOutbox(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.requiresNew = new TransactionTemplate(transactionManager);
        this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public Optional<Entry> find(String idempotencyKey) {
        return jdbc.sql("select idempotency_key, template, language, recipient, subject, status, attempts, last_error, "
                        + "business_key, partner_id, sent_at from pc_mail where idempotency_key = ?")
                .param(idempotencyKey).query(MailOutbox::entry).optional();
    }

    /**
     * Claims one delivery attempt of the mail: inserts its row, or takes over a row left SENDING or FAILED by an
     * earlier attempt. The attempt counter doubles as an optimistic lock, so two racing attempts never both win.
     */
    Claim claim(OutgoingMail mail, String language, String subject) {
        return requiresNew.execute(tx -> {
            Optional<Entry> existing = find(mail.idempotencyKey());
            if (existing.isEmpty()) {
                try {
                    jdbc.sql("insert into pc_mail (idempotency_key, template, language, recipient, subject, status, "
                                    + "attempts, business_key, partner_id) values (?,?,?,?,?,?,1,?,?)")
                            .params(mail.idempotencyKey(), mail.template(), language, mail.recipient(),
                                    truncate(subject, MAX_SUBJECT_LENGTH), Status.SENDING.name(), mail.businessKey(),
                                    mail.partnerId())
                            .update();
                    return Claim.CLAIMED;
                } catch (DuplicateKeyException e) {
                    tx.setRollbackOnly();
                    return Claim.TAKEN_BY_OTHER_ATTEMPT;
                }
            }
            Entry entry = existing.get();
            if (entry.status() == Status.SENT) {
                return Claim.ALREADY_SENT;
            }
            int updated = jdbc.sql("update pc_mail set status = ?, attempts = attempts + 1 "
                            + "where idempotency_key = ? and status <> ? and attempts = ?")
                    .params(Status.SENDING.name(), mail.idempotencyKey(), Status.SENT.name(), entry.attempts())
                    .update();
            return updated == 1 ? Claim.CLAIMED : Claim.TAKEN_BY_OTHER_ATTEMPT;
        });
    }

    void markSent(String idempotencyKey) {
        requiresNew.executeWithoutResult(tx -> jdbc.sql(
                        "update pc_mail set status = ?, sent_at = current_timestamp, last_error = null "
                                + "where idempotency_key = ?")
                .params(Status.SENT.name(), idempotencyKey).update());
    }

    void markFailed(String idempotencyKey, String error) {
        requiresNew.executeWithoutResult(tx -> jdbc.sql(
                        "update pc_mail set status = ?, last_error = ? where idempotency_key = ?")
                .params(Status.FAILED.name(), truncate(error, MAX_ERROR_LENGTH), idempotencyKey).update());
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        Timestamp sentAt = rs.getTimestamp("sent_at");
        return new Entry(rs.getString("idempotency_key"), rs.getString("template"), rs.getString("language").trim(),
                rs.getString("recipient"), rs.getString("subject"), Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), rs.getString("last_error"), rs.getString("business_key"),
                rs.getObject("partner_id", Long.class), sentAt == null ? null : sentAt.toLocalDateTime());
    }
}
