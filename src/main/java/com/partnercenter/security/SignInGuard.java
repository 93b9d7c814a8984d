package com.partnercenter.security;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.platform.HumanText;
import com.partnercenter.ratelimit.RateLimiter;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What happens around a password check, wherever it comes from (REST API's HTTP Basic, the webapps' login, the
 * identity API): the client address of the request ({@link #withClient}), set by the sign-in filter, so that every
 * failure takes a token of the client's {@value #FAILURE_LIMIT} bucket (a client that guesses one password each on
 * many accounts is stopped as one that guesses many on one), and the audit of failed and locked sign-ins
 * ({@code SIGN_IN_FAILED}, {@code SIGN_IN_LOCKED}, {@code SIGN_IN_WHILE_LOCKED}).
 */
@Component
public class SignInGuard {

    /** Failed sign-ins per client. */
    public static final String FAILURE_LIMIT = "sign-in-failure";
    /** Sign-in attempts per client on the webapps' login. */
    public static final String ATTEMPT_LIMIT = "sign-in";

    private static final Logger log = LoggerFactory.getLogger(SignInGuard.class);
    private static final ThreadLocal<String> CLIENT = new ThreadLocal<>();

    private final AuditLog audit;
    private final RateLimiter limiter;
    private final SignInSettings settings;

    public SignInGuard(AuditLog audit, RateLimiter limiter, SignInSettings settings) {
        this.audit = audit;
        this.limiter = limiter;
        this.settings = settings;
    }

    public SignInSettings settings() {
        return settings;
    }

    /** Runs the request's work with its client known to the password checks of this thread. */
    public static void withClient(String client, ThrowingRunnable work) throws Exception {
        CLIENT.set(client);
        try {
            work.run();
        } finally {
            CLIENT.remove();
        }
    }

    /** Work that may throw (a filter chain). */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A wrong password, or a user id that does not exist. */
    void failed(String userId, boolean known, int attempts) {
        String client = client();
        limiter.consume(FAILURE_LIMIT, client);
        String details = (known ? "wrong password (" + attempts + " of " + settings.maxAttempts() + " before the lock)"
                : "no such user") + " from " + client;
        audit.record(actor(userId), "SIGN_IN_FAILED", null, null, null, details);
        log.info("Sign-in of '{}' failed: {}", actor(userId), details);
    }

    /** The failure that locked the account. */
    void locked(String userId, Instant until) {
        String client = client();
        limiter.consume(FAILURE_LIMIT, client);
        String details = settings.maxAttempts() + " wrong passwords in a row, the last from " + client
                + ": locked until " + until;
        audit.record(actor(userId), "SIGN_IN_LOCKED", null, null, null, details);
        log.warn("Account '{}' locked: {}", actor(userId), details);
    }

    /** A sign-in while the account is locked (not counted, and refused even with the right password). */
    void whileLocked(String userId, Instant until) {
        audit.record(actor(userId), "SIGN_IN_WHILE_LOCKED", null, null, null, "refused until " + until + ", from "
                + client());
    }

    private static String client() {
        String client = CLIENT.get();
        return client == null ? "the application" : client;
    }

    /** The typed user id as an audit actor: what the text rule refuses is replaced, never stored. */
    static String actor(String userId) {
        if (userId == null) {
            return "(none)";
        }
        StringBuilder safe = new StringBuilder();
        userId.codePoints().limit(100).forEach(cp -> {
            if (HumanText.acceptable(new String(Character.toChars(cp)), HumanText.Kind.SHORT)) {
                safe.appendCodePoint(cp);
            } else {
                safe.append('?');
            }
        });
        return "sign-in:" + safe;
    }
}
