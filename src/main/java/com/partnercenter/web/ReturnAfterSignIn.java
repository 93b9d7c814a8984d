package com.partnercenter.web;

import com.partnercenter.platform.Language;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The accept page to go back to once an existing customer's administrator has signed in to Tasklist (it left the
 * page to sign in). Kept in a cookie of this site for {@value #MINUTES} minutes — the webapps' sign-in replaces the
 * HTTP session, a cookie stays — and honoured only when it is the address of an accept page of this application
 * ({@code /p/{advisor code}/{token}}, optionally with {@code ?lang=} one of {@link Language}'s codes): a tampered
 * cookie can lead nowhere else.
 */
public final class ReturnAfterSignIn {

    static final String COOKIE = "pc_return";
    static final int MINUTES = 30;
    private static final Pattern ALLOWED = Pattern.compile("/p/[A-Za-z0-9]{1,16}/[A-Za-z0-9_-]{43}(\\?lang=("
            + Arrays.stream(Language.values()).map(Language::code).collect(Collectors.joining("|")) + "))?");

    private ReturnAfterSignIn() {}

    /** Remembers the accept page for the next sign-in in this browser. */
    public static void remember(HttpServletRequest request, HttpServletResponse response, String path) {
        if (!ALLOWED.matcher(path).matches()) {
            throw new IllegalArgumentException("only an accept page of this application: " + path);
        }
        response.addCookie(cookie(request, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(path.getBytes(StandardCharsets.UTF_8)), MINUTES * 60));
    }

    /** The accept page to go back to, if one is remembered. */
    public static Optional<String> pending(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return Optional.empty();
        }
        for (Cookie cookie : request.getCookies()) {
            if (COOKIE.equals(cookie.getName())) {
                try {
                    String path = new String(Base64.getUrlDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
                    return ALLOWED.matcher(path).matches() ? Optional.of(path) : Optional.empty();
                } catch (IllegalArgumentException notBase64) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The administrator is back: nothing to go back to any more. */
    public static void clear(HttpServletRequest request, HttpServletResponse response) {
        if (pending(request).isPresent()) {
            response.addCookie(cookie(request, "", 0));
        }
    }

    private static Cookie cookie(HttpServletRequest request, String value, int maxAge) {
        Cookie cookie = new Cookie(COOKIE, value);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setMaxAge(maxAge);
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }
}
