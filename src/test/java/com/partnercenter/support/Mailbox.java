package com.partnercenter.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** Reading what the test SMTP server received. */
public final class Mailbox {

    private Mailbox() {}

    /** The recipient of every received mail, in order. */
    public static List<String> recipients(GreenMailExtension mail) {
        return Arrays.stream(mail.getReceivedMessages()).map(Mailbox::to).toList();
    }

    /** The last mail received by the address (fails when there is none). */
    public static MimeMessage lastTo(GreenMailExtension mail, String address) {
        MimeMessage found = null;
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (to(m).equals(address)) {
                found = m;
            }
        }
        assertThat(found).as("a mail to " + address).isNotNull();
        return found;
    }

    public static String to(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw body with quoted-printable soft line breaks and "=3D" undone (enough to find links). */
    public static String body(MimeMessage m) {
        return GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=3D", "=");
    }
}
