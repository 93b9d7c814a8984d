package com.partnercenter.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Account lockout ({@code partner-center.sign-in.*}): after {@code maxAttempts} wrong passwords in a row an account
 * is locked for {@code lockDuration}, then unlocks by itself (the count starts again). Between failures the engine's
 * growing delay applies (3 s, doubling, at most 60 s: {@code loginDelay*} of the engine), during which even the
 * right password is refused and nothing is counted. Operators can still unlock at once in Admin.
 */
@ConfigurationProperties("partner-center.sign-in")
public record SignInSettings(Integer maxAttempts, Duration lockDuration) {

    public SignInSettings {
        maxAttempts = maxAttempts == null ? 10 : maxAttempts;
        lockDuration = lockDuration == null ? Duration.ofMinutes(15) : lockDuration;
        if (maxAttempts < 1 || lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException("partner-center.sign-in: max-attempts at least 1, lock-duration positive");
        }
    }
}
