package com.partnercenter.partnerofrecord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends again, every minute, partner-of-record mails that could not leave when the change was recorded by a
 * caller that does not retry (SMTP down): no change goes unreported. Off in tests, which call the service.
 */
@Component
@ConditionalOnProperty(name = "partner-center.background-jobs.enabled", havingValue = "true", matchIfMissing = true)
public class PartnerOfRecordMailRetry {

    private static final Logger log = LoggerFactory.getLogger(PartnerOfRecordMailRetry.class);

    private final PartnerOfRecordService service;

    public PartnerOfRecordMailRetry(PartnerOfRecordService service) {
        this.service = service;
    }

    @Scheduled(fixedDelayString = "${partner-center.mail.confirmation-retry-millis:60000}", initialDelay = 45_000)
    public void retry() {
        int sent = service.retryUnnotified();
        if (sent > 0) {
            log.info("{} delayed partner-of-record mail(s) sent", sent);
        }
    }
}
