package com.partnercenter.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.security.SignInGuard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * {@code partner-center.rate-limits.enabled=false} (the benchmark, the fault suite) switches the rate limits off,
 * but not the sign-in throttle, which has its own switch in the shipped configuration (application.yml), on unless
 * {@code SIGN_IN_THROTTLE_ENABLED=false}.
 */
class SignInThrottleSwitchTest {

    @Test
    void theSignInThrottleStaysOnWhenTheRateLimitsAreOff() throws IOException {
        RateLimiter limiter = limiter(Map.of("partner-center.rate-limits.enabled", "false"));
        String client = "203.0.113.7";
        for (int i = 0; i < 10; i++) {
            limiter.consume(SignInGuard.FAILURE_LIMIT, client);
        }
        assertThat(limiter.hasCapacity(SignInGuard.FAILURE_LIMIT, client)).as("failed sign-ins still throttled")
                .isFalse();
        for (int i = 0; i < 30; i++) {
            assertThat(limiter.tryAcquire(SignInGuard.ATTEMPT_LIMIT, client)).isTrue();
        }
        assertThat(limiter.tryAcquire(SignInGuard.ATTEMPT_LIMIT, client)).as("the 31st login in a minute").isFalse();
        for (int i = 0; i < 500; i++) {
            assertThat(limiter.tryAcquire("public-page", client)).as("the other limits are off").isTrue();
        }
    }

    @Test
    void theSignInThrottleHasItsOwnSwitch() throws IOException {
        RateLimiter limiter = limiter(Map.of("SIGN_IN_THROTTLE_ENABLED", "false"));
        String client = "203.0.113.8";
        for (int i = 0; i < 50; i++) {
            limiter.consume(SignInGuard.FAILURE_LIMIT, client);
        }
        assertThat(limiter.hasCapacity(SignInGuard.FAILURE_LIMIT, client)).isTrue();
        for (int i = 0; i < 120; i++) {
            assertThat(limiter.tryAcquire("public-page", client)).isTrue();
        }
        assertThat(limiter.tryAcquire("public-page", client)).as("the other limits stay on").isFalse();
    }

    /** The limiter of the shipped application.yml, with these properties over it. */
    private static RateLimiter limiter(Map<String, Object> overrides) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("overrides", overrides));
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        RateLimitSettings settings = new Binder(ConfigurationPropertySources.get(environment),
                new org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver(environment))
                .bind("partner-center.rate-limits", RateLimitSettings.class).get();
        return new RateLimiter(settings, new SimpleMeterRegistry());
    }
}
