package com.partnercenter.platform;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one clock of the application: the engine's. Link expiry and process timers agree, and tests
 * move time for both by moving the engine clock.
 */
public final class EngineClock {

    private EngineClock() {}

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
