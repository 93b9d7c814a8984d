package com.partnercenter.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The one rate limiter: other code asks {@link #tryAcquire(String, String)} with the name of a limit (configured in
 * {@link RateLimitSettings}) and a key (a client address, a link id, a recipient address or domain). Each key has
 * its own token bucket (Bucket4j, greedy refill over the period), kept in memory on this node; the least recently
 * used keys are forgotten beyond {@code maxTrackedKeys}, and a key unseen for a whole period starts full again.
 *
 * <p>Buckets run on the engine's clock, so tests refill them by moving the engine clock. Every refusal counts in
 * the Micrometer counter {@value #METRIC} (tag {@code limit}) and is logged (at most one line per limit and minute,
 * with the number of refusals since the last line).
 */
@Service
public class RateLimiter {

    public static final String METRIC = "partnercenter.ratelimit.refused";

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    /** Bucket4j time from the engine clock (the application's one clock). */
    static final TimeMeter ENGINE_CLOCK = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return ClockUtil.getCurrentTime().getTime() * 1_000_000L;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    };

    /** One request to a limit, for {@link #tryAcquireAll(List)}. */
    public record Request(String limit, String key) {}

    /** Whether the request may go on, and when to try again when it may not. */
    public record Decision(boolean allowed, Duration retryAfter) {
        static final Decision ALLOWED = new Decision(true, Duration.ZERO);
    }

    private final Map<String, Limited> limits = new ConcurrentHashMap<>();

    public RateLimiter(RateLimitSettings settings, MeterRegistry meters) {
        settings.limits().forEach((name, limit) -> limits.put(name, new Limited(name, limit,
                limit.on(settings.enabled()), settings.maxTrackedKeys(),
                Counter.builder(METRIC).tag("limit", name).description("requests refused by a rate limit")
                        .register(meters))));
        List<String> off = limits.values().stream().filter(l -> !l.enabled).map(l -> l.name).sorted().toList();
        if (!off.isEmpty()) {
            log.warn("Rate limits OFF (partner-center.rate-limits.enabled=false or the limit's own enabled=false): {}",
                    off);
        }
        log.info("Rate limits (per node): {}", new java.util.TreeMap<>(settings.limits()));
    }

    /** Takes one token of the key's bucket; false (counted and logged) when the bucket is empty. */
    public boolean tryAcquire(String limit, String key) {
        return decide(limit, key).allowed();
    }

    /** Like {@link #tryAcquire} with the time until the next token when refused. */
    public Decision decide(String limit, String key) {
        Limited limited = limited(limit);
        if (!limited.enabled) {
            return Decision.ALLOWED;
        }
        ConsumptionProbe probe = limited.bucket(key).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Decision.ALLOWED;
        }
        limited.refused(key);
        return new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /**
     * Takes one token of each request's bucket, all or none: when one is refused, the tokens taken before it are
     * given back. The refused one is counted and logged.
     */
    public Decision tryAcquireAll(List<Request> requests) {
        List<Bucket> taken = new ArrayList<>();
        for (Request request : requests) {
            Limited limited = limited(request.limit());
            if (!limited.enabled) {
                continue;
            }
            Bucket bucket = limited.bucket(request.key());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                taken.forEach(b -> b.addTokens(1));
                limited.refused(request.key());
                return new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
            }
            taken.add(bucket);
        }
        return Decision.ALLOWED;
    }

    /** True when the key's bucket still holds a token (nothing is taken). */
    public boolean hasCapacity(String limit, String key) {
        Limited limited = limited(limit);
        return !limited.enabled || limited.bucket(key).getAvailableTokens() > 0;
    }

    /** Time until the key's bucket holds a token again (zero when it holds one). */
    public Duration retryAfter(String limit, String key) {
        long nanos = limited(limit).bucket(key).estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Duration.ofNanos(nanos);
    }

    /** Takes one token without asking whether there was one (a failure that already happened counts anyway). */
    public void consume(String limit, String key) {
        Limited limited = limited(limit);
        if (!limited.enabled) {
            return;
        }
        if (!limited.bucket(key).tryConsume(1)) {
            limited.refused(key);
        }
    }

    /** Forgets every bucket (all keys start full); for tests and for operators after a configuration change. */
    public void reset() {
        limits.values().forEach(l -> l.buckets.invalidateAll());
    }

    private Limited limited(String limit) {
        Limited limited = limits.get(limit);
        if (limited == null) {
            throw new IllegalStateException("no rate limit '" + limit + "' is configured (partner-center.rate-limits."
                    + "limits." + limit + ")");
        }
        return limited;
    }

    private static final class Limited {
        final String name;
        final RateLimitSettings.Limit limit;
        final boolean enabled;
        final Cache<String, Bucket> buckets;
        final Counter refusals;
        final AtomicLong unlogged = new AtomicLong();
        volatile long lastLog;

        Limited(String name, RateLimitSettings.Limit limit, boolean enabled, int maxKeys, Counter refusals) {
            this.name = name;
            this.enabled = enabled;
            this.limit = limit;
            this.refusals = refusals;
            // a key unseen for a whole period has refilled anyway: forgetting it changes nothing
            this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(limit.period()).build();
        }

        Bucket bucket(String key) {
            return buckets.get(key == null ? "" : key, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(limit.capacity())
                            .refillGreedy(limit.capacity(), limit.period()).build())
                    .withCustomTimePrecision(ENGINE_CLOCK).build());
        }

        void refused(String key) {
            refusals.increment();
            long now = System.currentTimeMillis();
            long skipped = unlogged.incrementAndGet();
            if (now - lastLog >= LOG_EVERY.toMillis()) {
                lastLog = now;
                unlogged.set(0);
                log.warn("Rate limit {} ({}) refused {} request(s) in the last minute, the last one for {}", name,
                        limit, skipped, key);
            }
        }
    }
}
