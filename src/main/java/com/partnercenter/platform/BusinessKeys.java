package com.partnercenter.platform;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Readable, searchable business keys: FLOW-ADVISORCODE-YYYYMMDD-XXXXX. */
public final class BusinessKeys {

    private static final String ALPHABET = "BCDFGHJKMNPQRSTVWXZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private BusinessKeys() {}

    public static String next(String flow, String advisorCode) {
        StringBuilder suffix = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return flow + "-" + advisorCode + "-" + DAY.format(EngineClock.now()) + "-" + suffix;
    }
}
