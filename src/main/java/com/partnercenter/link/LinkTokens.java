package com.partnercenter.link;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Link tokens. A link has a random 256-bit nonce; its token is HMAC-SHA256(server secret, "pc-link-v1:" + nonce),
 * URL-safe Base64 (43 characters). The database keeps the nonce (to rebuild the URL when a mail is re-sent or a
 * partner copies its link) and the SHA-256 of the token (to find the link a request names) — neither is a token,
 * and without the secret no token can be derived from them.
 */
public final class LinkTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final byte[] CONTEXT = "pc-link-v1:".getBytes(StandardCharsets.US_ASCII);

    private LinkTokens() {}

    /** A new nonce: 256 random bits, URL-safe Base64. */
    public static String newNonce() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The token of a link: derived from its nonce under the secret it was issued with. */
    public static String token(byte[] secret, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(CONTEXT);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(nonce.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** True when the text has the shape of a token (checked before any database look-up). */
    public static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** The look-up hash stored for a token. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
