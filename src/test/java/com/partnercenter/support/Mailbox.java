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

    /** The plain-text alternative, decoded (for asserting on what the mail says). */
    public static String text(MimeMessage m) {
        try {
            String text = plainText(m.getContent());
            assertThat(text).as("a text/plain part").isNotNull();
            return text.replace("\r\n", "\n");
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plainText(Object content) throws MessagingException, java.io.IOException {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                String text = part.isMimeType("text/plain") ? (String) part.getContent() : plainText(part.getContent());
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    /** The raw body with quoted-printable soft line breaks and "=3D" undone (enough to find links). */
    public static String body(MimeMessage m) {
        return GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=3D", "=");
    }
}
