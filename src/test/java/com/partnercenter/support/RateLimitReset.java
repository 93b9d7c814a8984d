package com.partnercenter.support;

import com.partnercenter.ratelimit.RateLimiter;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Every test method starts with full rate-limit buckets: the tests of a shared context all come from the loopback
 * address, and one test's requests must not throttle the next. Registered for every Spring test in
 * META-INF/spring.factories; the rate-limit tests send their own client addresses.
 */
public class RateLimitReset implements TestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            testContext.getApplicationContext().getBeanProvider(RateLimiter.class).ifAvailable(RateLimiter::reset);
        }
    }
}
