package com.partnercenter.acceptance;

import com.partnercenter.partner.Partner;

/**
 * Sends the one-time confirmation link of an acceptance to the admin address the customer gave, saying what
 * confirming does ({@code confirming}).
 */
public interface ConfirmationMailer {

    void sendConfirmation(Acceptance acceptance, Confirming confirming, Partner partner, String confirmationUrl,
            String businessKey);
}
