package com.partnercenter.productkey;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Product keys: 25 characters in five groups of five, from an alphabet without look-alike
 * characters (no 0/O, 1/I/L, 5/S, A/E/U vowels, N/Z), the last one a Luhn mod 24 check character.
 * Luhn mod N detects every single-character error and every swap of two neighbours.
 */
public final class ProductKeyCodec {

    public static final String ALPHABET = "BCDFGHJKMPQRTVWXY2346789";
    public static final int LENGTH = 25;
    private static final int N = ALPHABET.length();

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
        return checkCharacter(key.substring(0, LENGTH - 1)) == key.charAt(LENGTH - 1)
                ? Optional.empty() : Optional.of(Problem.CHECK_CHARACTER);
    }

    public static boolean isValid(String raw) {
        return problem(raw).isEmpty();
    }

    /** Luhn mod N check character of a payload made of alphabet characters. */
    public static char checkCharacter(String payload) {
        int factor = 2;
        int sum = 0;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int code = ALPHABET.indexOf(payload.charAt(i));
            if (code < 0) {
                throw new IllegalArgumentException("character '" + payload.charAt(i) + "' is not in the key alphabet");
            }
            int addend = factor * code;
            factor = factor == 2 ? 1 : 2;
            sum += addend / N + addend % N;
        }
        int remainder = sum % N;
        return ALPHABET.charAt((N - remainder) % N);
    }

    /** A new random key (normalized form). */
    public static String generate(RandomGenerator random) {
        StringBuilder payload = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH - 1; i++) {
            payload.append(ALPHABET.charAt(random.nextInt(N)));
        }
        return payload.append(checkCharacter(payload.toString())).toString();
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
