package com.partnercenter.servicerequest;

import java.time.Instant;

/** A service request a partner opened for one of its customers. */
public record ServiceRequest(long id, long customerId, long partnerId, String subject, String description,
        Severity severity, Status status, String createdBy, Instant createdAt, Instant updatedAt) {

    public enum Severity { CRITICAL, HIGH, NORMAL, LOW }

    public enum Status { OPEN, IN_PROGRESS, RESOLVED, CLOSED }
}
