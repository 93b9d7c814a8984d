package com.partnercenter.productkey;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Product keys: 25 characters in five groups of five, from an alphabet without look-alike
 * characters (no 0/O, 1/I/L, 5/S, vowels, N/Z). The last one is a check character: with codes
 * c<sub>i</sub> (position in the alphabet) and weights i+1, the weighted sum of all 25 codes is a
 * multiple of the prime {@value #P}. Because codes (&lt; 24) and weights (1..25) are all distinct and
 * non-zero modulo 29, every single-character change and every swap of two characters is detected.
 * Payloads whose check value would fall outside the alphabet are never issued.
 */
public final class ProductKeyCodec {

    public static final String ALPHABET = "BCDFGHJKMPQRTVWXY2346789";
    public static final int LENGTH = 25;
    static final int P = 29;
    private static final int N = ALPHABET.length();
    /** Inverse of the check position's weight (25) modulo 29: 25 × 7 = 175 = 6 × 29 + 1. */
    private static final int INVERSE_OF_LAST_WEIGHT = 7;

    private ProductKeyCodec() {}

    /** Why a text is not a product key. */
    public enum Problem { FORMAT, CHECK_CHARACTER }

    /** Upper-case, without separators (spaces and dashes); does not validate. */
    public static String normalize(String raw) {
        return raw == null ? "" : raw.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    /** The problem of a raw key, or empty when it is a well-formed key with a correct check character. */
    public static Optional<Problem> problem(String raw) {
        String key = normalize(raw);
        if (key.length() != LENGTH) {
            return Optional.of(Problem.FORMAT);
        }
        for (char c : key.toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.of(Problem.FORMAT);
            }
        }
        return weightedSum(key) % P == 0 ? Optional.empty() : Optional.of(Problem.CHECK_CHARACTER);
    }

    public static boolean isValid(String raw) {
        return problem(raw).isEmpty();
    }

    /** The check character of a 24-character payload, or empty when none exists for it. */
    public static Optional<Character> checkCharacter(String payload) {
        if (payload.length() != LENGTH - 1) {
            throw new IllegalArgumentException("a payload has " + (LENGTH - 1) + " characters");
        }
        int sum = weightedSum(payload);
        int code = Math.floorMod(-sum * INVERSE_OF_LAST_WEIGHT, P);
        return code < N ? Optional.of(ALPHABET.charAt(code)) : Optional.empty();
    }

    private static int weightedSum(String chars) {
        int sum = 0;
        for (int i = 0; i < chars.length(); i++) {
            int code = ALPHABET.indexOf(chars.charAt(i));
            if (code < 0) {
                throw new IllegalArgumentException("character '" + chars.charAt(i) + "' is not in the key alphabet");
            }
            sum = (sum + (i + 1) * code) % P;
        }
        return sum;
    }

    /** A new random key (normalized form). */
    public static String generate(RandomGenerator random) {
        while (true) {
            StringBuilder payload = new StringBuilder(LENGTH);
            for (int i = 0; i < LENGTH - 1; i++) {
                payload.append(ALPHABET.charAt(random.nextInt(N)));
            }
            Optional<Character> check = checkCharacter(payload.toString());
            if (check.isPresent()) {
                return payload.append(check.get()).toString();
            }
        }
    }

    public static String generate() {
        return generate(new SecureRandom());
    }

    /** XXXXX-XXXXX-XXXXX-XXXXX-XXXXX */
    public static String format(String normalized) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < normalized.length(); i++) {
            if (i > 0 && i % 5 == 0) {
                out.append('-');
            }
            out.append(normalized.charAt(i));
        }
        return out.toString();
    }
}
