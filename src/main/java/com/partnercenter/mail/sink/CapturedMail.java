package com.partnercenter.mail.sink;

import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/** A mail captured by the dev sink, as the /dev/mail pages show it. */
public record CapturedMail(int index, Date receivedAt, String from, String to, String replyTo, String subject,
        String html, String text, List<String> links) {

    private static final Pattern HREF = Pattern.compile("(?i)\\bhref=\"([^\"]*)\"");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

    static CapturedMail of(int index, StoredMessage stored) {
        MimeMessage message = stored.getMimeMessage();
        try {
            String html = body(message, "text/html");
            String text = body(message, "text/plain");
            return new CapturedMail(index, stored.getReceivedDate(), addresses(message.getFrom()),
                    addresses(message.getAllRecipients()), addresses(message.getReplyTo()), message.getSubject(), html,
                    text, links(html, text));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("captured mail " + index + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The first inline part of the given type, searching multiparts depth-first. */
    private static String body(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = body(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Web links of the mail (http and https only), in order of appearance. */
    private static List<String> links(String html, String text) {
        Set<String> links = new LinkedHashSet<>();
        if (html != null) {
            Matcher href = HREF.matcher(html);
            while (href.find()) {
                links.add(HtmlUtils.htmlUnescape(href.group(1)).strip());
            }
        } else if (text != null) {
            URL.matcher(text).results().forEach(m -> links.add(m.group()));
        }
        return links.stream().filter(link -> link.matches("(?i)https?://.+")).toList();
    }

    private static String addresses(Address[] addresses) {
        return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
    }
}
