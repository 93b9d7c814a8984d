package com.partnercenter.fault;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The SMTP server outside the application (in the harness JVM, so mail survives a node's crash): GreenMail, which
 * can be stopped for an outage and started again on the same port. Every message it received is kept here across
 * outages.
 */
final class SmtpServer implements AutoCloseable {

    /** A received message: recipient, Message-ID, body. */
    record Received(String to, String messageId, String body) {}

    private final int port;
    /** Messages of earlier server runs (before an outage). */
    private final List<Received> before = new ArrayList<>();
    private final List<Received> kept = new ArrayList<>();
    /** Each message read once (by identity): a poll only reads what is new. */
    private final java.util.Map<MimeMessage, Received> read = new java.util.IdentityHashMap<>();
    private GreenMail server;

    SmtpServer(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    synchronized void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** Takes the server away: connections are refused until {@link #start()}. */
    synchronized void stop() {
        collect();
        before.clear();
        before.addAll(kept);
        server.stop();
        server = null;
        read.clear();
    }

    synchronized boolean running() {
        return server != null;
    }

    synchronized List<Received> received() {
        collect();
        return List.copyOf(kept);
    }

    synchronized Optional<Received> firstTo(String address, Predicate<String> body) {
        collect();
        return kept.stream().filter(r -> r.to().equalsIgnoreCase(address) && body.test(r.body())).findFirst();
    }

    /** All messages: those of earlier runs, and every message of the running server (its order is per mailbox). */
    private void collect() {
        if (server == null) {
            return;
        }
        List<Received> now = new ArrayList<>(before);
        for (MimeMessage m : server.getReceivedMessages()) {
            now.add(read.computeIfAbsent(m, SmtpServer::read));
        }
        kept.clear();
        kept.addAll(now);
    }

    private static Received read(MimeMessage m) {
        try {
            return new Received(m.getAllRecipients()[0].toString(), m.getMessageID(),
                    com.icegreen.greenmail.util.GreenMailUtil.getBody(m));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable message at the SMTP server", e);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
        }
    }
}
