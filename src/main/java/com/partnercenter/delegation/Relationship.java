package com.partnercenter.delegation;

import java.time.Instant;

/** A delegated-administration relationship between a partner and a customer. */
public record Relationship(
        long id,
        long partnerId,
        long customerId,
        AdminRole role,
        Status status,
        boolean autoExtend,
        Instant startsAt,
        Instant endsAt,
        String processInstanceId,
        int durationDays) {

    public enum Status {
        PENDING, ACTIVE, DECLINED, EXPIRED, TERMINATED;

        public boolean open() {
            return this == PENDING || this == ACTIVE;
        }
    }
}
