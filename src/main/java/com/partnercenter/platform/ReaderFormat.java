package com.partnercenter.platform;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * Dates and numbers as a reader of the language reads them: the one format of every page, mail and form text.
 * A day is written out ("31 December 2026", "31 décembre 2026": the same for British and American readers, never
 * 12/1/27), a moment adds the time in UTC, numbers group their thousands ("10,000", "10 000"). Dates are kept as
 * ISO text ({@code 2026-12-31}) or instants in the data and formatted only when shown.
 */
public final class ReaderFormat {

    private final Language language;
    private final DateTimeFormatter day;
    private final DateTimeFormatter when;

    private ReaderFormat(Language language) {
        this.language = language;
        Locale locale = language.locale();
        // the patterns are the language's texts (format.day, format.moment in messages*.properties)
        ResourceBundle texts = ResourceBundle.getBundle("messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.day = DateTimeFormatter.ofPattern(texts.getString("format.day"), locale);
        this.when = DateTimeFormatter.ofPattern(texts.getString("format.moment"), locale).withZone(ZoneOffset.UTC);
    }

    private static final Map<Language, ReaderFormat> FORMATS = Arrays.stream(Language.values())
            .collect(Collectors.toMap(language -> language, ReaderFormat::new, (a, b) -> a,
                    () -> new EnumMap<>(Language.class)));

    /**
     * A day as a model variable keeps it (ISO {@code 2026-12-31}, UTC) for the mails that read it back through
     * {@link #day}: the one writer of such variables ({@code trialEndsAtText}, {@code linkExpiresAtText}).
     */
    public static String isoDay(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    public static ReaderFormat of(Language language) {
        return FORMATS.get(language == null ? Language.DEFAULT : language);
    }

    /** The format of a locale's language (English for any language the program does not speak). */
    public static ReaderFormat of(Locale locale) {
        return of(Language.of(locale));
    }

    public Language language() {
        return language;
    }

    /**
     * A day: from a {@link LocalDate}, an {@link Instant} or {@link Date} (its UTC day) or ISO text
     * ({@code 2026-12-31}, also the date part of an ISO timestamp); empty for null. Text that is no date is
     * returned as it is, never hidden.
     */
    public String day(Object value) {
        LocalDate date = toDate(value);
        if (date == null) {
            return value == null ? "" : value.toString();
        }
        return day.format(date);
    }

    /** A moment, to the minute, in UTC; empty for null. */
    public String when(Instant instant) {
        return instant == null ? "" : when.format(instant);
    }

    /**
     * A link the reader opens, in the reader's language: {@code lang} added to its query unless it names one
     * already ({@code /p/CONTOSO/abc} → {@code /p/CONTOSO/abc?lang=fr}); empty for null.
     */
    public String link(String url) {
        if (url == null || url.isEmpty()) {
            return "";
        }
        int hash = url.indexOf('#');
        String path = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        if (path.matches("(?s).*[?&]lang=.*")) {
            return url;
        }
        return path + (path.contains("?") ? "&" : "?") + "lang=" + language.code() + fragment;
    }

    /** A whole number with the language's thousands separator. */
    public String number(Number value) {
        return value == null ? "" : NumberFormat.getIntegerInstance(language.locale()).format(value);
    }

    static LocalDate toDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof Instant i) {
            return LocalDate.ofInstant(i, ZoneOffset.UTC);
        }
        if (value instanceof Date d) {
            return LocalDate.ofInstant(d.toInstant(), ZoneOffset.UTC);
        }
        if (value instanceof CharSequence text && text.length() >= 10) {
            try {
                return LocalDate.parse(text.subSequence(0, 10));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        return null;
    }
}
