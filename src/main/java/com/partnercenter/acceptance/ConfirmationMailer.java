package com.partnercenter.acceptance;

import com.partnercenter.mail.MailService;
import com.partnercenter.partner.Partner;

/**
 * Every confirmation mail of an acceptance, the first and each one sent again because the customer submitted the
 * page again, goes through {@link #queueConfirmation}: a limit on confirmation mails (per client, recipient or
 * domain) wraps this one method. Retries of a mail that did not leave are not new mails: the outbox sends those.
 */
public interface ConfirmationMailer {

    /**
     * Queues the mail of the one-time confirmation link {@code confirmationLinkId} to the admin address the customer
     * gave, saying what confirming does; inside the caller's transaction, sent when it commits (see
     * {@link MailService#queue}).
     *
     * @throws org.springframework.dao.DuplicateKeyException another request queued the same mail at the same moment
     */
    MailService.Queued queueConfirmation(Acceptance acceptance, Confirming confirming, Partner partner,
            long confirmationLinkId, String businessKey);
}
