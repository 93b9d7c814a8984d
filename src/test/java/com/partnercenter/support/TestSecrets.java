package com.partnercenter.support;

import java.security.SecureRandom;
import java.util.Base64;

/** Secrets for an application started by a suite (benchmark, fault suite): random, per run, never stored. */
public final class TestSecrets {

    private TestSecrets() {}

    /** A {@code LINK_SECRETS} value: one random 32-byte secret. */
    public static String linkSecrets() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return "run=" + Base64.getEncoder().encodeToString(secret);
    }
}
