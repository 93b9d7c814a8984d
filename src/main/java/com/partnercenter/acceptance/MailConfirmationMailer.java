package com.partnercenter.acceptance;

import com.partnercenter.mail.MailLink;
import com.partnercenter.mail.MailOutbox;
import com.partnercenter.mail.MailService;
import com.partnercenter.mail.OutgoingMail;
import com.partnercenter.partner.Partner;
import org.springframework.stereotype.Component;

/**
 * Queues the acceptance's confirmation link with the mail template {@code acceptance-confirmation}, whose texts
 * follow what is confirmed ({@link Confirming#mailVariables()}). The first mail of an acceptance has the key
 * {@code acceptance/{id}/confirmation}, each later one {@code acceptance/{id}/confirmation/{n}} (n = 2, 3, …).
 */
@Component
public class MailConfirmationMailer implements ConfirmationMailer {

    private final MailService mail;
    private final MailOutbox outbox;

    public MailConfirmationMailer(MailService mail, MailOutbox outbox) {
        this.mail = mail;
        this.outbox = outbox;
    }

    @Override
    public MailService.Queued queueConfirmation(Acceptance acceptance, Confirming confirming, Partner partner,
            long confirmationLinkId, String businessKey) {
        String first = "acceptance/" + acceptance.id() + "/confirmation";
        int earlier = outbox.keysStartingWith(first).size();
        String key = earlier == 0 ? first : first + "/" + (earlier + 1);
        // the confirm page opens in the language the customer chose on the accept page (and the mail is in)
        return mail.queue(new OutgoingMail(key, "acceptance-confirmation", acceptance.language(),
                acceptance.adminEmail(), confirming.mailVariables(), partner.id(), businessKey)
                .withLink("confirmationUrl", new MailLink(confirmationLinkId, "lang=" + acceptance.language())));
    }
}
