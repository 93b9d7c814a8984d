package com.partnercenter.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The rate limits ({@code partner-center.rate-limits.*}, defaults in application.yml, each documented in the
 * README): per limit name, how many requests ({@code capacity}) per {@code period}, refilled evenly over the
 * period. {@code trustedProxies}: addresses or CIDR ranges of the reverse proxies whose {@code X-Forwarded-For}
 * is believed (none by default: the client is the TCP peer). {@code maxTrackedKeys}: per limit, how many clients,
 * links or addresses are remembered at most (the least recently seen are forgotten first). {@code enabled=false}
 * switches off every limit that has no switch of its own (a benchmark whose one client stands for thousands); a
 * limit's own {@code enabled} decides for it alone, whatever the global switch says (the sign-in throttle's limits
 * have one, on by default: a benchmark signs in with right passwords and keeps the protection).
 */
@ConfigurationProperties("partner-center.rate-limits")
public record RateLimitSettings(List<String> trustedProxies, Integer maxTrackedKeys, Map<String, Limit> limits,
        Boolean enabled) {

    /** {@code capacity} requests per {@code period}; {@code enabled} its own switch (null: the global one). */
    public record Limit(long capacity, Duration period, Boolean enabled) {
        public Limit {
            if (capacity < 1 || period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate limit needs a capacity of at least 1 and a positive period");
            }
        }

        /** Whether this limit is applied, given the global switch. */
        public boolean on(boolean globally) {
            return enabled == null ? globally : enabled;
        }

        @Override
        public String toString() {
            return capacity + " per " + period + (enabled == null ? "" : enabled ? " (always on)" : " (off)");
        }
    }

    public RateLimitSettings {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        maxTrackedKeys = maxTrackedKeys == null ? 100_000 : maxTrackedKeys;
        limits = limits == null ? Map.of() : Map.copyOf(limits);
        // off only for a benchmark that stands for thousands of clients from one address
        enabled = enabled == null || enabled;
    }
}
