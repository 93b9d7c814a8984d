package com.partnercenter.support.http;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An SMTP server (GreenMail) that the application sends to, seen as mailboxes a client waits on: every
 * delivered message is indexed by recipient the moment the server takes it, and {@link #await} wakes the
 * waiting client then (no polling). For drivers of whole flows over HTTP, where a customer follows the link
 * of a mail, and for benchmarks that count the mails of each flow.
 */
public final class MailCatcher implements AutoCloseable {

    /** One delivered message: when the server took it, to whom, and its decoded body. */
    public record Mail(String to, String subject, String body, long arrivedNanos) {}

    private final GreenMail server;
    private final Map<String, List<Mail>> byRecipient = new HashMap<>();
    private final AtomicLong delivered = new AtomicLong();

    public MailCatcher(int port) {
        server = new GreenMail(new ServerSetup(port, null, ServerSetup.PROTOCOL_SMTP));
        server.start();
        MessageDeliveryHandler store = server.getUserManager().getMessageDeliveryHandler();
        server.getUserManager().setMessageDeliveryHandler((message, address) -> {
            var user = store.handle(message, address);
            arrived(address.getEmail(), message.getMessage());
            return user;
        });
    }

    private void arrived(String to, MimeMessage message) {
        Mail mail;
        try {
            mail = new Mail(to.toLowerCase(Locale.ROOT), message.getSubject(),
                    GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "="), System.nanoTime());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        synchronized (byRecipient) {
            byRecipient.computeIfAbsent(mail.to(), k -> new ArrayList<>()).add(mail);
            delivered.incrementAndGet();
            byRecipient.notifyAll();
        }
    }

    /** How many messages the server took since it started (for a run's totals). */
    public long delivered() {
        return delivered.get();
    }

    /** The messages delivered to the address so far, in order. */
    public List<Mail> to(String address) {
        synchronized (byRecipient) {
            return List.copyOf(byRecipient.getOrDefault(address.toLowerCase(Locale.ROOT), List.of()));
        }
    }

    /** The messages delivered to the address so far that the filter keeps, in order. */
    public List<Mail> to(String address, Predicate<Mail> which) {
        return to(address).stream().filter(which).toList();
    }

    /**
     * Waits until the address has received at least {@code count} messages and returns them all.
     *
     * @throws TimeoutException when they do not arrive in time (what came is in the message)
     */
    public List<Mail> await(String address, int count, Duration timeout) throws TimeoutException {
        return await(address, count, timeout, m -> true);
    }

    /**
     * Waits until the address has received at least {@code count} messages the filter keeps (e.g. those of one
     * flow, when one partner user runs many flows) and returns those.
     *
     * @throws TimeoutException when they do not arrive in time (what came is in the message)
     */
    public List<Mail> await(String address, int count, Duration timeout, Predicate<Mail> which)
            throws TimeoutException {
        String key = address.toLowerCase(Locale.ROOT);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (byRecipient) {
            while (byRecipient.getOrDefault(key, List.of()).stream().filter(which).count() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(count + " mail(s) to " + address + " expected within " + timeout
                            + ", received " + byRecipient.getOrDefault(key, List.of()).stream().map(Mail::subject).toList());
                }
                try {
                    byRecipient.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return byRecipient.get(key).stream().filter(which).toList();
        }
    }

    /** The first link in the mail that matches the pattern (e.g. an invitation or confirmation link). */
    public static Optional<String> link(Mail mail, Pattern link) {
        Matcher m = link.matcher(mail.body());
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** Invitation links ({@code base/p/ADVISOR/token}) of mails built from that public base URL. */
    public static Pattern invitationLink(String baseUrl) {
        return Pattern.compile(Pattern.quote(baseUrl) + "/p/[A-Z0-9]+/[A-Za-z0-9_-]{43}");
    }

    /** E-mail confirmation links ({@code base/p/ADVISOR/confirm/token}) of mails built from that base URL. */
    public static Pattern confirmationLink(String baseUrl) {
        return Pattern.compile(Pattern.quote(baseUrl) + "/p/[A-Z0-9]+/confirm/[A-Za-z0-9_-]{43}");
    }

    /** Sends a message to the server as any SMTP client would (the benchmark's check of its duplicate count). */
    public void deliver(String to, String subject, String body) {
        GreenMailUtil.sendTextEmail(to, "bench@bench.example", subject, body, server.getSmtp().getServerSetup());
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    @Override
    public void close() {
        server.stop();
    }
}
