package com.partnercenter.mail;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.PartnerCenterProperties;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends template e-mails, at most once per idempotency key as far as a retry can tell.
 *
 * <p>Each mail has a row in {@code pc_mail}, written in transactions of its own (REQUIRES_NEW), never in the
 * caller's. {@link #send} renders and checks the mail, claims its row (inserting it, or taking over one left FAILED or SENDING),
 * hands the message to the SMTP server, and marks the row SENT. A key found SENT is skipped. So when the engine
 * transaction of a job rolls back after the mail went out, the job's retry finds SENT and sends nothing. A failed
 * delivery marks the row FAILED (attempts and last error kept) and throws {@link MailDeliveryException}, which
 * makes the job retry and finally become an incident naming the recipient and the cause.
 *
 * <p>Remaining at-least-once window: if the SMTP server accepted the message but the SENT mark is not committed
 * (the JVM dies or the database is unreachable between the two; or the connection breaks after the server took
 * the message but before it confirmed), the row stays SENDING/FAILED and the retry sends the mail a second time.
 * Nothing is ever lost; a duplicate is possible only in that window. Concurrent attempts for one key are not
 * expected (a job is locked by one executor): two that claim at the same moment cannot both win (the loser throws
 * {@link MailDeliveryException} and its retry finds the mail SENT), but one that starts while another is still
 * talking to the SMTP server (a job lock that expired) cannot tell it from a crashed attempt and sends again.
 */
@Service
public class MailService {

    private static final Logger log = LoggerFactory.getLogger(MailService.class);

    private final MailRenderer renderer;
    private final MailOutbox outbox;
    private final JavaMailSender sender;
    private final PartnerRepository partners;
    private final InternetAddress from;

    public MailService(MailRenderer renderer, MailOutbox outbox, JavaMailSender sender, PartnerRepository partners,
            PartnerCenterProperties properties) {
        this.renderer = renderer;
        this.outbox = outbox;
        this.sender = sender;
        this.partners = partners;
        String configuredFrom = properties.mail() == null ? null : properties.mail().from();
        this.from = parseAddress(configuredFrom, "partner-center.mail.from (MAIL_FROM)");
    }

    /**
     * Sends the mail unless its idempotency key was sent before.
     *
     * @return true when this call sent it, false when it had been sent already
     * @throws IllegalArgumentException the mail is invalid (recipient, template, language, partner, subject):
     *                                  nothing is sent or stored
     * @throws MailDeliveryException    the SMTP server did not take it; the row is FAILED, retrying is safe
     */
    public boolean send(OutgoingMail mail) {
        if (isSent(mail)) {
            return false;
        }
        InternetAddress to = parseAddress(mail.recipient(), "e-mail recipient");
        Partner partner = mail.partnerId() == null ? null : partners.findById(mail.partnerId())
                .orElseThrow(() -> new IllegalArgumentException("partner " + mail.partnerId() + " does not exist"));
        Language language = mail.language() != null ? Language.of(mail.language())
                : partner != null ? Language.orDefault(partner.defaultLanguage(), Language.EN) : Language.EN;
        RenderedMail rendered = renderer.render(mail.template(), language, mail.model(), partner);
        requireSingleLine(rendered.subject(), "e-mail subject");
        if (rendered.subject().isBlank()) {
            throw new IllegalArgumentException("e-mail template '" + mail.template() + "' renders an empty subject");
        }

        switch (outbox.claim(mail, language.code(), rendered.subject())) {
            case ALREADY_SENT -> {
                return false;
            }
            case TAKEN_BY_OTHER_ATTEMPT -> throw new MailDeliveryException("E-mail '" + mail.template() + "' to "
                    + mail.recipient() + " is being sent by another attempt at this moment; retry later (it will not be sent twice)");
            case CLAIMED -> { }
        }
        Optional<InternetAddress> replyTo = replyTo(partner);
        try {
            sender.send(mimeMessage -> {
                var helper = new MimeMessageHelper(mimeMessage, true, StandardCharsets.UTF_8.name());
                helper.setFrom(from);
                helper.setTo(to);
                if (replyTo.isPresent()) {
                    helper.setReplyTo(replyTo.get());
                }
                helper.setSubject(rendered.subject());
                helper.setText(rendered.text(), rendered.html());
            });
        } catch (MailException e) {
            String cause = causeOf(e);
            outbox.markFailed(mail.idempotencyKey(), cause);
            throw new MailDeliveryException("Could not send " + describe(mail) + ": " + cause + smtpServer(), e);
        }
        outbox.markSent(mail.idempotencyKey());
        log.info("E-mail {} sent to {}", mail.idempotencyKey(), mail.recipient());
        return true;
    }

    /**
     * Idempotency key of a mail sent by a BPMN step: one mail per process instance, activity, optional
     * distinguishing key and recipient, however often the job is retried.
     */
    public static String processMailKey(String processInstanceId, String activityId, String mailKey,
            String recipient) {
        return processInstanceId + "/" + activityId + (mailKey == null ? "" : "/" + mailKey) + "/"
                + recipient.toLowerCase(java.util.Locale.ROOT);
    }

    /** True when the mail of this key has been sent. */
    public boolean wasSent(String idempotencyKey) {
        return outbox.find(idempotencyKey).filter(e -> e.status() == MailOutbox.Status.SENT).isPresent();
    }

    /** A retry of a sent mail stops here, before rendering: it does not depend on today's templates or data. */
    private boolean isSent(OutgoingMail mail) {
        boolean sent = wasSent(mail.idempotencyKey());
        if (sent) {
            log.info("E-mail {} was sent before, not sending it again", mail.idempotencyKey());
        }
        return sent;
    }

    /** Parses exactly one bare address (no name, no group, no list, no CR/LF), strictly (RFC 822). */
    static InternetAddress parseAddress(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        requireSingleLine(value, what);
        try {
            InternetAddress[] parsed = InternetAddress.parse(value, true);
            if (parsed.length != 1) {
                throw new IllegalArgumentException(what + " must be exactly one address: '" + value + "'");
            }
            InternetAddress address = parsed[0];
            address.validate();
            if (address.isGroup() || address.getPersonal() != null || !address.getAddress().equals(value)
                    || address.getAddress().length() > 254) {
                throw new IllegalArgumentException(what + " must be a bare address like name@example.com: '"
                        + value + "'");
            }
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException(what + " is not a valid e-mail address: '" + value + "' ("
                    + e.getMessage() + ")", e);
        }
    }

    private static void requireSingleLine(String value, String what) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " must not contain line breaks: '"
                    + value.replace("\r", "\\r").replace("\n", "\\n") + "'");
        }
    }

    /** Replies go to the partner's support address, when it is a valid one. */
    private static Optional<InternetAddress> replyTo(Partner partner) {
        if (partner == null || partner.supportEmail() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parseAddress(partner.supportEmail(), "partner support e-mail"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String describe(OutgoingMail mail) {
        return "e-mail '" + mail.template() + "' to " + mail.recipient();
    }

    private static String causeOf(Exception e) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
        return message.replaceAll("\\s+", " ");
    }

    private String smtpServer() {
        return sender instanceof JavaMailSenderImpl impl
                ? " (SMTP " + impl.getHost() + ":" + (impl.getPort() > 0 ? impl.getPort() : 25) + ")" : "";
    }
}
