package com.partnercenter.acceptance;

import com.partnercenter.mail.MailService;
import com.partnercenter.mail.OutgoingMail;
import com.partnercenter.partner.Partner;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Sends the acceptance's confirmation link with the mail template {@code acceptance-confirmation}. */
@Component
public class MailConfirmationMailer implements ConfirmationMailer {

    private final MailService mail;

    public MailConfirmationMailer(MailService mail) {
        this.mail = mail;
    }

    @Override
    public void sendConfirmation(Acceptance acceptance, Partner partner, String confirmationUrl, String businessKey) {
        mail.send(new OutgoingMail("acceptance/" + acceptance.id() + "/confirmation", "acceptance-confirmation",
                acceptance.language(), acceptance.adminEmail(),
                Map.of("customerName", acceptance.organizationName(), "confirmationUrl", confirmationUrl),
                partner.id(), businessKey));
    }
}
