package com.partnercenter.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading what the test SMTP server received. */
public final class Mailbox {

    private static final Pattern CONFIRMATION_LINK =
            Pattern.compile("https://partners\\.test(/p/[A-Z0-9]+/confirm/[A-Za-z0-9_-]{43})");

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

    /** The path of the e-mail confirmation link in the mail ({@code /p/ADVISOR/confirm/token}); fails without one. */
    public static String confirmationPath(MimeMessage m) {
        Matcher link = CONFIRMATION_LINK.matcher(body(m));
        assertThat(link.find()).as("a confirmation link in the mail").isTrue();
        return link.group(1);
    }

    /** The confirmation link's path in the last mail received by the address. */
    public static String confirmationPath(GreenMailExtension mail, String address) {
        return confirmationPath(lastTo(mail, address));
    }

    /** The raw body with quoted-printable soft line breaks and "=3D" undone (enough to find links). */
    public static String body(MimeMessage m) {
        return GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=3D", "=");
    }
}
