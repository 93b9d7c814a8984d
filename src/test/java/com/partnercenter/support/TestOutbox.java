package com.partnercenter.support;

import com.partnercenter.mail.MailService;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Runs the outbox dispatcher's round by hand, once the retry of a failed queued mail is due (the clock moved). */
public final class TestOutbox {

    private TestOutbox() {}

    /** Moves the engine clock past the first back-off, sends what is due, and resets the clock; returns how many left. */
    public static int sendDue(MailService mails) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 10 * 60_000));
        try {
            return mails.deliverDue(1000);
        } finally {
            ClockUtil.reset();
        }
    }
}
