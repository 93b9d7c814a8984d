package com.partnercenter.mail;

import java.time.Duration;
import java.time.Instant;
import com.partnercenter.platform.EngineClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * When the outbox tries a queued mail again after a failed attempt: 30 s after the first failure, doubling up to
 * {@code partner-center.mail.outbox.max-backoff} (5 min), and not at all once the mail is older than
 * {@code partner-center.mail.outbox.give-up-after} (48 h, the life of a confirmation link): it is ABANDONED, counted
 * and logged.
 */
@Component
public class MailRetryPolicy {

    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration giveUpAfter;

    public MailRetryPolicy(@Value("${partner-center.mail.outbox.first-backoff:PT30S}") Duration firstBackoff,
            @Value("${partner-center.mail.outbox.max-backoff:PT5M}") Duration maxBackoff,
            @Value("${partner-center.mail.outbox.give-up-after:PT48H}") Duration giveUpAfter) {
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.giveUpAfter = giveUpAfter;
    }

    /** The next attempt after {@code attempts} failed ones of a mail stored at {@code createdAt}; null: give up. */
    Instant nextAttempt(int attempts, Instant createdAt) {
        Instant now = EngineClock.now();
        if (!now.isBefore(createdAt.plus(giveUpAfter))) {
            return null;
        }
        Duration wait = firstBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return now.plus(wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait);
    }
}
