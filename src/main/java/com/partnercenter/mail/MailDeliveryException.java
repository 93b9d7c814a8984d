package com.partnercenter.mail;

/**
 * An e-mail could not be handed to the SMTP server. The message is written for operators (it becomes the
 * incident message in Cockpit), e.g. {@code Could not send e-mail 'customer-welcome' to x@y.example: Connection
 * refused (SMTP localhost:25)}. Retrying the job is safe: a mail that was sent is never sent again.
 */
public class MailDeliveryException extends RuntimeException {

    private final String smtpCause;

    public MailDeliveryException(String message, Throwable cause) {
        this(message, cause, message);
    }

    MailDeliveryException(String message, Throwable cause, String smtpCause) {
        super(message, cause);
        this.smtpCause = smtpCause;
    }

    /** The server's or the connection's own words, for the outbox row. */
    public String smtpCause() {
        return smtpCause == null ? getMessage() : smtpCause;
    }

    public MailDeliveryException(String message) {
        this(message, null, message);
    }
}
