package com.partnercenter.servicerequest;

import java.time.Instant;

/**
 * A service request a partner opened for one of its customers. {@code businessKey} is the key of the opening's
 * process (null for a request opened before it was kept and not found in the audit); {@code statusChanges} counts
 * the status changes so far, each mailed by its own process keyed {@code businessKey-S{n}}.
 */
public record ServiceRequest(long id, long customerId, long partnerId, String subject, String description,
        Severity severity, Status status, String createdBy, Instant createdAt, Instant updatedAt,
        String businessKey, int statusChanges) {

    public enum Severity { CRITICAL, HIGH, NORMAL, LOW }

    public enum Status { OPEN, IN_PROGRESS, RESOLVED, CLOSED }
}
