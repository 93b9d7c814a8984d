package com.partnercenter.link;

import java.time.Instant;

/** A stored personalized link (the token itself is never stored, only its SHA-256). */
public record Link(
        long id,
        LinkType type,
        long partnerId,
        String advisorCode,
        String processInstanceId,
        String businessKey,
        Long acceptanceId,
        boolean singleUse,
        Instant expiresAt,
        Instant revokedAt,
        Instant usedAt,
        String userId) {

    public boolean usable(Instant now) {
        return revokedAt == null && (!singleUse || usedAt == null) && now.isBefore(expiresAt);
    }
}
