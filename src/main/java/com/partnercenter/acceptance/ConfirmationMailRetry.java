package com.partnercenter.acceptance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends again, every minute, the confirmation mails that could not leave when a customer submitted an
 * accept page (SMTP down): nothing a customer submitted is lost. Off in tests, which call the service.
 */
@Component
@ConditionalOnProperty(name = "partner-center.background-jobs.enabled", havingValue = "true", matchIfMissing = true)
public class ConfirmationMailRetry {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationMailRetry.class);

    private final AcceptanceService acceptances;

    public ConfirmationMailRetry(AcceptanceService acceptances) {
        this.acceptances = acceptances;
    }

    @Scheduled(fixedDelayString = "${partner-center.mail.confirmation-retry-millis:60000}", initialDelay = 30_000)
    public void retry() {
        int sent = acceptances.retryUnsentConfirmations();
        if (sent > 0) {
            log.info("{} delayed confirmation mail(s) sent", sent);
        }
    }
}
