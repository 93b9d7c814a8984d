package com.partnercenter.partnerofrecord;

import java.time.Instant;

/**
 * One entry of a subscription's history.
 *
 * @param changeId         identifies the change: recording the same id again changes nothing and mails nobody
 * @param partnerOfRecordId the partner of record told of the change (after the change for {@link Kind#POR_CHANGED});
 *                          null when the subscription had none
 * @param notifiedAt       when the partner of record's mail left; null while not (yet) sent or without POR
 */
public record SubscriptionChange(
        long id,
        String changeId,
        long subscriptionId,
        Kind kind,
        String oldValue,
        String newValue,
        String details,
        Long partnerOfRecordId,
        String actor,
        Instant occurredAt,
        Instant notifiedAt) {

    /** What changed. */
    public enum Kind {
        /** License count: old and new count. */
        LICENSES_CHANGED,
        /** Trial converted to a paid subscription: old and new status. */
        TRIAL_CONVERTED,
        /** Renewed: old and new end date. */
        RENEWED,
        /** Reached its end date: end date. */
        EXPIRED,
        /** Cancelled: old status, details the reason. */
        CANCELLED,
        /** Partner of record changed: old and new partner's advisor code (old empty for the first one). */
        POR_CHANGED,
        /** A partner could not become partner of record: details say why (nobody is mailed). */
        POR_NOT_REGISTERED
    }
}
