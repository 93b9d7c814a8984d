package com.partnercenter.platform;

import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets, e.g. the initial password of an account that waits for its set-password link. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /** 192 random bits, URL-safe Base64. */
    public static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
