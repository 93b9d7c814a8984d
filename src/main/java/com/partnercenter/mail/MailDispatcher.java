package com.partnercenter.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends, on every node, the queued mails of the outbox that are due: failed before, or left by a sender that died
 * (its lease ran out). Nodes never send one row together (see {@link MailOutbox}). Off in tests, which call
 * {@link MailService#deliverDue(int)}.
 */
@Component
@ConditionalOnProperty(name = "partner-center.background-jobs.enabled", havingValue = "true", matchIfMissing = true)
public class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

    private final MailService mails;
    private final int batch;

    public MailDispatcher(MailService mails, @Value("${partner-center.mail.outbox.batch:50}") int batch) {
        this.mails = mails;
        this.batch = batch;
    }

    @Scheduled(fixedDelayString = "${partner-center.mail.outbox.poll-millis:5000}", initialDelay = 5_000)
    public void dispatch() {
        try {
            int sent = mails.deliverDue(batch);
            if (sent > 0) {
                log.info("{} delayed e-mail(s) sent from the outbox", sent);
            }
        } catch (RuntimeException e) {
            // the database may be away; the next round tries again
            log.warn("Outbox round failed: {}", e.toString());
        }
    }
}
