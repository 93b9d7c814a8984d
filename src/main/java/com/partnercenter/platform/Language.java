package com.partnercenter.platform;

import java.util.Locale;

/** The two languages of the program: every page and e-mail exists in both. */
public enum Language {
    EN, FR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return this == FR ? Locale.FRENCH : Locale.ENGLISH;
    }

    /** Parses "en"/"fr" (any case); anything else is refused. */
    public static Language of(String code) {
        if (code == null) {
            throw new IllegalArgumentException("language is missing (expected en or fr)");
        }
        return switch (code.trim().toLowerCase(Locale.ROOT)) {
            case "en" -> EN;
            case "fr" -> FR;
            default -> throw new IllegalArgumentException("unsupported language '" + code + "' (expected en or fr)");
        };
    }

    public static Language orDefault(String code, Language fallback) {
        try {
            return of(code);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
