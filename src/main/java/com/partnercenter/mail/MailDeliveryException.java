package com.partnercenter.mail;

/**
 * An e-mail could not be handed to the SMTP server. The message is written for operators (it becomes the
 * incident message in Cockpit), e.g. {@code Could not send e-mail 'customer-welcome' to x@y.example: Connection
 * refused (SMTP localhost:25)}. Retrying the job is safe: a mail that was sent is never sent again.
 */
public class MailDeliveryException extends RuntimeException {

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public MailDeliveryException(String message) {
        super(message);
    }
}
