package com.partnercenter.mail;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.PartnerCenterProperties;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends template e-mails, at most once per idempotency key as far as a retry can tell, and never loses one.
 *
 * <p>Two ways in, one outbox ({@link MailOutbox}, table {@code pc_mail}, a row per key):
 * <ul>
 *   <li>{@link #send}: a BPMN step's mail, whose job is the retry. It renders and checks the mail, claims its row
 *       (in a transaction of its own), hands the message to the SMTP server and marks the row SENT. A key found SENT
 *       is skipped, so a job whose transaction rolled back after the mail left sends nothing on its retry. A failed
 *       delivery marks the row FAILED and throws {@link MailDeliveryException}: the job retries, then becomes an
 *       incident naming the recipient and the cause.</li>
 *   <li>{@link #queue}: a mail sent outside a process (the accept page's confirmation). It is stored, with what it
 *       takes to send it again, in the caller's transaction, and sent right after that transaction commits; when
 *       that fails, or the process dies first, {@link MailDispatcher} sends it from the outbox on any node.</li>
 * </ul>
 * Links a mail carries ({@link MailLink}) are rebuilt from their ids at each rendering, so the outbox holds no URL
 * and a re-sent mail carries the same link. Each message's Message-ID is derived from its key: a duplicate is
 * recognizable as one by any mail client or server.
 *
 * <p>One sender per row at a time, across nodes: a sender holds its row through a lease
 * ({@code partner-center.mail.outbox.lease}, 25 s by default, longer than any SMTP exchange allowed by the timeouts);
 * another attempt that finds the lease running does not send. A row whose sender died is taken over once the lease
 * ran out. <b>The one duplicate window</b> of this at-least-once sender: the SMTP server accepted the message but
 * the SENT mark was never committed (the process died, or the database became unreachable, between the two; or the
 * connection broke after the server took the message and before it confirmed; or a sender outlived its lease). The
 * attempt that takes over cannot tell whether the mail left and sends it again; {@code pc_mail.takeovers} and the
 * metric {@code partner_center_mail_takeovers_total} count these.
 */
@Service
public class MailService {

    private static final Logger log = LoggerFactory.getLogger(MailService.class);

    static {
        // Jakarta Mail finds its stream provider through a ServiceLoader scan of every jar, for every message and body
        // part it creates (a tenth of a mail's cost); named once, it is a class lookup. Same provider either way.
        String provider = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null
                && MailService.class.getClassLoader().getResource(provider.replace('.', '/') + ".class") != null) {
            System.setProperty("jakarta.mail.util.StreamProvider", provider);
        }
    }
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final MailRenderer renderer;
    private final MailOutbox outbox;
    private final JavaMailSender sender;
    private final PartnerRepository partners;
    private final InternetAddress from;
    private final ObjectProvider<MailLinkUrls> linkUrls;
    private final ObjectMapper json = new ObjectMapper();
    private final MailRetryPolicy retryPolicy;
    private final Counter sentCounter;
    private final Counter failedCounter;
    private final Counter takeoverCounter;
    private final Counter abandonedCounter;

    public MailService(MailRenderer renderer, MailOutbox outbox, JavaMailSender sender, PartnerRepository partners,
            PartnerCenterProperties properties, ObjectProvider<MailLinkUrls> linkUrls, MailRetryPolicy retryPolicy,
            MeterRegistry meters) {
        this.renderer = renderer;
        this.outbox = outbox;
        this.sender = sender;
        this.partners = partners;
        this.linkUrls = linkUrls;
        this.retryPolicy = retryPolicy;
        String configuredFrom = properties.mail() == null ? null : properties.mail().from();
        this.from = parseAddress(configuredFrom, "partner-center.mail.from (MAIL_FROM)");
        this.sentCounter = Counter.builder("partner_center_mail_sent").description("Mails the SMTP server accepted")
                .register(meters);
        this.failedCounter = Counter.builder("partner_center_mail_failed_attempts")
                .description("Delivery attempts the SMTP server did not accept (each is retried)").register(meters);
        this.takeoverCounter = Counter.builder("partner_center_mail_takeovers")
                .description("Attempts that took over a mail whose sender's lease ran out (a possible duplicate)")
                .register(meters);
        this.abandonedCounter = Counter.builder("partner_center_mail_abandoned")
                .description("Queued mails given up because they are too old to matter").register(meters);
    }

    /**
     * Sends a BPMN step's mail unless its idempotency key was sent before.
     *
     * @return true when this call sent it, false when it had been sent already
     * @throws IllegalArgumentException the mail is invalid (recipient, template, language, partner, subject, link):
     *                                  nothing is sent or stored
     * @throws MailDeliveryException    the SMTP server did not take it (the row is FAILED), or another attempt is
     *                                  sending it right now; retrying is safe
     */
    public boolean send(OutgoingMail mail) {
        if (isSent(mail)) {
            return false;
        }
        Prepared prepared = prepare(mail);
        switch (outbox.claim(mail, prepared.language().code(), prepared.rendered().subject())) {
            case ALREADY_SENT -> {
                return false;
            }
            case TAKEN_BY_OTHER_ATTEMPT -> throw new MailDeliveryException("E-mail '" + mail.template() + "' to "
                    + mail.recipient() + " is being sent by another attempt at this moment; retry later (it will not "
                    + "be sent twice)");
            case TAKEN_OVER -> {
                takeoverCounter.increment();
                log.warn("E-mail {}: its earlier attempt's lease ran out (the process died or hung while sending); "
                        + "sending it again, a duplicate if that attempt had reached the SMTP server", mail.idempotencyKey());
            }
            case CLAIMED -> { }
        }
        try {
            transmit(mail, prepared);
        } catch (MailDeliveryException e) {
            outbox.markFailed(mail.idempotencyKey(), e.smtpCause(), null, false);
            throw e;
        }
        outbox.markSent(mail.idempotencyKey());
        sent(mail);
        return true;
    }

    /** A mail stored in the outbox and held by its caller, who sends it with {@link #deliver(Queued)}. */
    public static final class Queued {
        private final MailOutbox.Held held;
        private final OutgoingMail mail;
        /** The message as checked when it was queued: its first delivery sends it without rendering it again. */
        private final Prepared prepared;

        Queued(MailOutbox.Held held, OutgoingMail mail, Prepared prepared) {
            this.held = held;
            this.mail = mail;
            this.prepared = prepared;
        }

        public String idempotencyKey() {
            return held.idempotencyKey();
        }
    }

    /**
     * Stores the mail in the outbox within the caller's transaction (it must be in one), held by the caller for
     * the outbox lease: once that transaction has committed, the caller sends it with {@link #deliver(Queued)}. If
     * the caller dies first, or sending fails, the outbox sends it later, on any node, with the same links. Checked
     * like {@link #send} first: an invalid mail throws and stores nothing.
     *
     * <p>Delivery is a separate step, after the transaction and not inside it, so that a request never holds two
     * database connections at once (a pool whose connections are all held by threads waiting for a second one
     * stops everything until its timeout).
     *
     * @throws DuplicateKeyException a mail with this key exists (choose a new key for a mail sent again)
     */
    public Queued queue(OutgoingMail mail) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("MailService.queue needs a transaction: the mail is stored with what it "
                    + "reports");
        }
        Prepared prepared = prepare(mail);
        MailOutbox.Held held = outbox.enqueue(mail, prepared.language().code(), prepared.rendered().subject(),
                payload(mail));
        return new Queued(held, mail, prepared);
    }

    /**
     * Sends a queued mail after the transaction that stored it committed (never inside it). True when the SMTP
     * server took it now; false when it did not leave (the outbox retries it) or another sender has it.
     */
    public boolean deliver(Queued queued) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("deliver a queued mail after its transaction, not inside one");
        }
        return deliver(queued.held, queued.mail, queued.prepared);
    }

    /**
     * Sends the queued mails that are due (failed before, or whose sender died), each under its own claim: a mail
     * another node or request is sending is left to it. Returns how many the SMTP server accepted in this call.
     */
    public int deliverDue(int limit) {
        int sent = 0;
        for (String key : outbox.due(limit)) {
            try {
                Optional<MailOutbox.Held> held = outbox.claimDue(key);
                if (held.isEmpty()) {
                    continue;
                }
                if (held.get().takeover()) {
                    takeoverCounter.increment();
                    log.warn("E-mail {}: its sender's lease ran out (the process died or hung while sending); sending "
                            + "it again, a duplicate if the first attempt had reached the SMTP server", key);
                }
                MailOutbox.Entry entry = outbox.find(key).orElseThrow();
                if (deliver(held.get(), fromPayload(entry), null)) {
                    sent++;
                }
            } catch (RuntimeException e) {
                // one bad row never stops the others
                log.error("Queued e-mail {} could not be delivered", key, e);
            }
        }
        return sent;
    }

    /**
     * Sends a held queued mail, as {@code prepared} when given (its first delivery, right after it was queued and
     * rendered) or rendered now from its stored model (a retry, with its links rebuilt); false when it did not leave
     * (FAILED with its next attempt, or ABANDONED).
     */
    private boolean deliver(MailOutbox.Held held, OutgoingMail mail, Prepared prepared) {
        try {
            if (!outbox.renew(held)) {
                // another sender took it over (this one's lease ran out before it got here): it sends, not this one
                return false;
            }
            transmit(mail, prepared != null ? prepared : prepare(mail));
        } catch (MailDeliveryException e) {
            failedQueued(mail, e.smtpCause());
            log.warn("E-mail {} not sent yet, it is retried from the outbox: {}", mail.idempotencyKey(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // a mail that cannot even be rendered any more (a link gone, a partner deleted) is retried like the others
            // and reported; an operator sees it in the outbox metrics and the log
            failedQueued(mail, e.toString());
            log.error("E-mail {} could not be prepared, it is retried from the outbox", mail.idempotencyKey(), e);
            return false;
        }
        outbox.markSent(mail.idempotencyKey());
        sent(mail);
        return true;
    }

    private void failedQueued(OutgoingMail mail, String cause) {
        MailOutbox.Entry entry = outbox.find(mail.idempotencyKey()).orElseThrow();
        Instant next = retryPolicy.nextAttempt(entry.attempts(), createdAt(mail.idempotencyKey()));
        outbox.markFailed(mail.idempotencyKey(), cause, next, true);
        if (next == null) {
            abandonedCounter.increment();
            log.error("E-mail {} to {} given up after {} attempts: {}", mail.idempotencyKey(), mail.recipient(),
                    entry.attempts(), cause);
        }
    }

    private Instant createdAt(String key) {
        return outbox.createdAt(key);
    }

    private void sent(OutgoingMail mail) {
        sentCounter.increment();
        log.info("E-mail {} sent to {}", mail.idempotencyKey(), mail.recipient());
    }

    private record Prepared(InternetAddress to, Partner partner, Language language, RenderedMail rendered) {}

    private Prepared prepare(OutgoingMail mail) {
        InternetAddress to = parseAddress(mail.recipient(), "e-mail recipient");
        Partner partner = mail.partnerId() == null ? null : partners.findById(mail.partnerId())
                .orElseThrow(() -> new IllegalArgumentException("partner " + mail.partnerId() + " does not exist"));
        Language language = mail.language() != null ? Language.of(mail.language())
                : partner != null ? Language.orDefault(partner.defaultLanguage(), Language.EN) : Language.EN;
        RenderedMail rendered = renderer.render(mail.template(), language, withLinks(mail), partner);
        requireSingleLine(rendered.subject(), "e-mail subject");
        if (rendered.subject().isBlank()) {
            throw new IllegalArgumentException("e-mail template '" + mail.template() + "' renders an empty subject");
        }
        return new Prepared(to, partner, language, rendered);
    }

    /** The template's model with each link's URL rebuilt from its id. */
    private Map<String, Object> withLinks(OutgoingMail mail) {
        if (mail.links().isEmpty()) {
            return mail.model();
        }
        Map<String, Object> model = new HashMap<>(mail.model());
        MailLinkUrls urls = linkUrls.getObject();
        mail.links().forEach((name, link) -> {
            String url = urls.urlOf(link.linkId()).orElseThrow(() -> new IllegalArgumentException("e-mail '"
                    + mail.template() + "' carries link " + link.linkId() + " (" + name + "), whose URL cannot be "
                    + "rebuilt (unknown link, issued before V11, or its secret was removed from LINK_SECRETS)"));
            model.put(name, link.query() == null || link.query().isEmpty() ? url : url + "?" + link.query());
        });
        return model;
    }

    private void transmit(OutgoingMail mail, Prepared prepared) {
        Optional<InternetAddress> replyTo = replyTo(prepared.partner());
        try {
            sender.send(mimeMessage -> {
                var helper = new MimeMessageHelper(mimeMessage, true, StandardCharsets.UTF_8.name());
                helper.setFrom(from);
                helper.setTo(prepared.to());
                if (replyTo.isPresent()) {
                    helper.setReplyTo(replyTo.get());
                }
                helper.setSubject(prepared.rendered().subject());
                helper.setText(prepared.rendered().text(), prepared.rendered().html());
                // kept by JavaMailSenderImpl: every attempt of one key carries the same Message-ID
                mimeMessage.setHeader("Message-ID", messageId(mail.idempotencyKey()));
            });
        } catch (MailException e) {
            failedCounter.increment();
            String cause = causeOf(e);
            throw new MailDeliveryException("Could not send " + describe(mail) + ": " + cause + smtpServer(), e, cause);
        }
    }

    /** The Message-ID of every message sent for the key: {@code <sha-256 of the key, 32 hex>@partner-center>}. */
    public static String messageId(String idempotencyKey) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "<" + java.util.HexFormat.of().formatHex(digest).substring(0, 32) + "@partner-center>";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private String payload(OutgoingMail mail) {
        Map<String, Object> links = new HashMap<>();
        mail.links().forEach((name, link) -> links.put(name, link.query() == null
                ? Map.of("linkId", link.linkId()) : Map.of("linkId", link.linkId(), "query", link.query())));
        try {
            return json.writeValueAsString(Map.of("model", mail.model(), "links", links));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("e-mail '" + mail.template() + "': its model cannot be stored in the "
                    + "outbox (" + e.getOriginalMessage() + ")", e);
        }
    }

    @SuppressWarnings("unchecked")
    private OutgoingMail fromPayload(MailOutbox.Entry entry) {
        Map<String, Object> payload;
        try {
            payload = json.readValue(entry.payload(), MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox payload of " + entry.idempotencyKey() + " is not readable", e);
        }
        Map<String, MailLink> links = new HashMap<>();
        ((Map<String, Map<String, Object>>) payload.getOrDefault("links", Map.of())).forEach((name, link) ->
                links.put(name, new MailLink(((Number) link.get("linkId")).longValue(), (String) link.get("query"))));
        return new OutgoingMail(entry.idempotencyKey(), entry.template(), entry.language(), entry.recipient(),
                (Map<String, Object>) payload.getOrDefault("model", Map.of()), entry.partnerId(), entry.businessKey(),
                links);
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
