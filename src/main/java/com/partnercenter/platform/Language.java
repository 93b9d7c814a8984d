package com.partnercenter.platform;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The languages of the program, the one owner of which languages exist: every page, form and e-mail exists in each,
 * and the locale resolver, the validators of a language field and the delegates that pick a reader's language ask
 * here. A language's code is its constant in lower case (an ISO 639-1 code); the first constant is the default.
 */
public enum Language {
    EN, FR;

    /** The language of anyone whose language is unknown or not one of the program's. */
    public static final Language DEFAULT = EN;

    private static final List<Language> ALL = List.of(values());
    private static final List<Locale> LOCALES = ALL.stream().map(Language::locale).toList();

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    /** The language's name in itself, as a language choice shows it ("English", "Français"; from the JDK). */
    public String nativeName() {
        String name = locale().getDisplayLanguage(locale());
        return name.substring(0, 1).toUpperCase(locale()) + name.substring(1);
    }

    /** The locales of every language, the default first. */
    public static List<Locale> locales() {
        return LOCALES;
    }

    /** The language of exactly this code ("en", "fr": lower case, no blanks), if the program speaks it. */
    public static Optional<Language> exact(String code) {
        return ALL.stream().filter(language -> language.code().equals(code)).findFirst();
    }

    /** The language of a locale, or the default for a language the program does not speak. */
    public static Language of(Locale locale) {
        return locale == null ? DEFAULT : exact(locale.getLanguage()).orElse(DEFAULT);
    }

    /** Parses a code (any case, blanks around); anything else is refused. */
    public static Language of(String code) {
        if (code == null) {
            throw new IllegalArgumentException("language is missing (expected " + expected() + ")");
        }
        return exact(code.trim().toLowerCase(Locale.ROOT)).orElseThrow(() -> new IllegalArgumentException(
                "unsupported language '" + code + "' (expected " + expected() + ")"));
    }

    public static Language orDefault(String code, Language fallback) {
        try {
            return of(code);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static String expected() {
        return Arrays.stream(values()).map(Language::code).collect(Collectors.joining(" or "));
    }
}
