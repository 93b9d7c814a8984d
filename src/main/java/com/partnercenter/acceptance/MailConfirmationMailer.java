package com.partnercenter.acceptance;

import com.partnercenter.mail.MailService;
import com.partnercenter.mail.OutgoingMail;
import com.partnercenter.partner.Partner;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Sends the acceptance's confirmation link with the mail template {@code acceptance-confirmation}, whose texts
 * follow what is confirmed ({@link Confirming#mailVariables()}).
 */
@Component
public class MailConfirmationMailer implements ConfirmationMailer {

    private final MailService mail;

    public MailConfirmationMailer(MailService mail) {
        this.mail = mail;
    }

    @Override
    public void sendConfirmation(Acceptance acceptance, Confirming confirming, Partner partner, String confirmationUrl,
            String businessKey) {
        Map<String, Object> vars = new HashMap<>(confirming.mailVariables());
        // the confirm page opens in the language the customer chose on the accept page (and the mail is in)
        vars.put("confirmationUrl", confirmationUrl + "?lang=" + acceptance.language());
        mail.send(new OutgoingMail("acceptance/" + acceptance.id() + "/confirmation", "acceptance-confirmation",
                acceptance.language(), acceptance.adminEmail(), vars, partner.id(), businessKey));
    }
}
