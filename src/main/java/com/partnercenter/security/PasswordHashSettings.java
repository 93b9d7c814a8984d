package com.partnercenter.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The work factor of password hashing ({@code partner-center.password-hash.*}): Argon2id with {@code memoryKib} of
 * memory, {@code iterations} passes and {@code parallelism} lanes. The defaults are OWASP's first recommendation
 * (19 MiB, 2 passes, 1 lane). {@code verifiedCache}: how long a password that was just verified against a hash is
 * remembered in memory (as a SHA-256 of password and hash), so that the REST API's HTTP Basic, which signs in on
 * every request, does not pay the slow hash each time; 0 turns it off.
 */
@ConfigurationProperties("partner-center.password-hash")
public record PasswordHashSettings(Integer memoryKib, Integer iterations, Integer parallelism, Duration verifiedCache) {

    public static final int DEFAULT_MEMORY_KIB = 19_456;
    public static final int DEFAULT_ITERATIONS = 2;
    public static final int DEFAULT_PARALLELISM = 1;

    public PasswordHashSettings {
        memoryKib = memoryKib == null ? DEFAULT_MEMORY_KIB : memoryKib;
        iterations = iterations == null ? DEFAULT_ITERATIONS : iterations;
        parallelism = parallelism == null ? DEFAULT_PARALLELISM : parallelism;
        verifiedCache = verifiedCache == null ? Duration.ofMinutes(5) : verifiedCache;
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("partner-center.password-hash: Argon2 needs at least one pass, one lane "
                    + "and 8 KiB of memory per lane");
        }
    }

    /** The production work factor. */
    public static PasswordHashSettings defaults() {
        return new PasswordHashSettings(null, null, null, null);
    }
}
