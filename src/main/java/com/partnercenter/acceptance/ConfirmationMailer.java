package com.partnercenter.acceptance;

import com.partnercenter.partner.Partner;

/** Sends the one-time confirmation link of an acceptance to the admin address the customer gave. */
public interface ConfirmationMailer {

    void sendConfirmation(Acceptance acceptance, Partner partner, String confirmationUrl, String businessKey);
}
