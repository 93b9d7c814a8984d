package com.partnercenter.browser;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.support.ui.FluentWait;

/** The mail sink of the journeys: waits for a mail as a user waits for it in the inbox, and reads its links. */
public final class Mails {

    private Mails() {}

    /** Waits (explicitly, up to the browser timeout) for the first mail to the address whose subject contains the text. */
    public static MimeMessage await(GreenMailExtension mail, String to, String subjectContains) {
        return new FluentWait<>(mail).withTimeout(Browser.TIMEOUT)
                .withMessage(() -> "a mail to " + to + " with subject containing '" + subjectContains + "'; received: "
                        + received(mail))
                .until(m -> find(m, to, subjectContains).orElse(null));
    }

    private static Optional<MimeMessage> find(GreenMailExtension mail, String to, String subjectContains) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> Mailbox.to(m).equals(to) && Mailbox.subject(m).contains(subjectContains))
                .findFirst();
    }

    /**
     * Waits for a mail to the address that carries a link matching the pattern, and returns that link
     * (what the user clicks in the mail).
     */
    public static String awaitLink(GreenMailExtension mail, String to, Pattern link) {
        return new FluentWait<>(mail).withTimeout(Browser.TIMEOUT)
                .withMessage(() -> "a mail to " + to + " with a link " + link + "; received: " + received(mail))
                .until(m -> Arrays.stream(m.getReceivedMessages())
                        .filter(message -> Mailbox.to(message).equals(to))
                        .map(message -> link.matcher(Mailbox.body(message)))
                        .filter(Matcher::find)
                        .map(Matcher::group)
                        .findFirst().orElse(null));
    }

    private static java.util.List<String> received(GreenMailExtension mail) {
        return Arrays.stream(mail.getReceivedMessages()).map(m -> Mailbox.to(m) + " / " + Mailbox.subject(m)).toList();
    }
}
