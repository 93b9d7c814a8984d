package com.partnercenter.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;

/** The SMTP server every integration test sends to (spring.mail.port in application-test.yml). */
public final class TestMail {

    /** 3125, or TEST_SMTP_PORT when several test runs share one machine. */
    public static final int SMTP_PORT = Integer.parseInt(
            System.getenv().getOrDefault("TEST_SMTP_PORT", "3125"));

    private TestMail() {}

    public static GreenMailExtension extension() {
        return new GreenMailExtension(new ServerSetup(SMTP_PORT, null, ServerSetup.PROTOCOL_SMTP))
                .withPerMethodLifecycle(true);
    }
}
