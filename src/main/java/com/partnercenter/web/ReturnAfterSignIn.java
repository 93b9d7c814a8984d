package com.partnercenter.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The page to go back to once the user has signed in to Tasklist (an existing customer's administrator who left
 * an accept page to sign in): kept in the HTTP session, for {@value #MINUTES} minutes, and only a path of this
 * application that the application itself named (never a URL a request gave).
 */
public final class ReturnAfterSignIn {

    static final String ATTRIBUTE = ReturnAfterSignIn.class.getName();
    static final long MINUTES = 30;

    private record Pending(String path, Instant until) {}

    private ReturnAfterSignIn() {}

    /** Remembers the path (starting with "/", of this application) for the next sign-in of this session. */
    public static void remember(HttpServletRequest request, String path) {
        if (!path.startsWith("/") || path.startsWith("//")) {
            throw new IllegalArgumentException("only a path of this application: " + path);
        }
        request.getSession().setAttribute(ATTRIBUTE, new Pending(path, Instant.now().plus(Duration.ofMinutes(MINUTES))));
    }

    /** The path to go back to, while it is fresh. */
    public static Optional<String> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Pending pending)) {
            return Optional.empty();
        }
        if (Instant.now().isAfter(pending.until())) {
            session.removeAttribute(ATTRIBUTE);
            return Optional.empty();
        }
        return Optional.of(pending.path());
    }

    /** The user is back: nothing to return to any more. */
    public static void clear(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
    }
}
