package com.partnercenter.platform;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.validation.Errors;

/**
 * The one rule for text a person typed (accept pages, partner and customer pages, start and task forms): it
 * holds no control or format character and stays within the length of its kind of field. Every page, API and
 * delegate that takes such a text asks {@link #check(Object, Kind)} and, when the text is refused, answers with
 * the field message of {@link Checked#messageKey()} (messages*.properties, English and French) and stores
 * nothing.
 *
 * <p>Refused everywhere: Unicode Cc (controls: NUL, ESC, CR, DEL, U+0085 …), Cf (format: bidi overrides and
 * isolates U+202A–202E, U+2066–2069, zero-width space/joiners U+200B–200D, word joiner, BOM U+FEFF, soft hyphen
 * …), Zl and Zp (U+2028, U+2029: line breaks in disguise), unpaired surrogates and Unicode noncharacters. They
 * cannot be seen, they change how the text around them is shown (a name that reads backwards, two names that
 * look alike) or they end a line where a mail header, a log line or a CSV cell expects one.
 *
 * <p>Allowed in multi-line kinds only ({@link Kind#multiLine()}: personal messages, comments, a service
 * request's description, lists of addresses or keys): line feed and tab, because there a line break or an
 * indentation is part of what the person wrote; such text is shown escaped in pages and mail bodies and never
 * goes into a header, an address or a name. A browser sends a textarea's line break as CR LF: CR LF counts as
 * one LF (and is stored as LF); a CR on its own is refused.
 *
 * <p>Lengths count Unicode code points of the text as stored (stripped of leading and trailing white space).
 * Blank text is acceptable here (as the empty string): whether a field is required is the caller's rule, with
 * its own message.
 */
public final class HumanText {

    /** "This field can have at most {0} characters." */
    public static final String TOO_LONG = "text.tooLong";
    /** "This field takes one line: remove the line break." */
    public static final String ONE_LINE = "text.oneLine";
    /** "Remove the invisible or control character {0} …" ({0}: e.g. U+202E). */
    public static final String INVISIBLE = "text.invisible";

    /** A kind of field: its maximum length (code points) and whether it may hold several lines. */
    public record Kind(int maxLength, boolean multiLine) {
        /** A first or last name. */
        public static final Kind PERSON_NAME = oneLine(100);
        /** An organization's or company's name. */
        public static final Kind ORGANIZATION_NAME = oneLine(200);
        /** One line of text: a subject, a street, a city, a search. */
        public static final Kind LINE = oneLine(200);
        /** A short code-like line: postal code, phone number, country code, sign-in id. */
        public static final Kind SHORT = oneLine(40);
        /** An e-mail address (its own syntax is checked by {@link EmailAddresses}). */
        public static final Kind EMAIL = oneLine(254);
        /** A personal message, a comment, a note. */
        public static final Kind MESSAGE = multiLine(1000);
        /** A longer description (a service request). */
        public static final Kind DESCRIPTION = multiLine(4000);
        /** A list typed one item per line (recipient addresses, product keys). */
        public static final Kind LIST = multiLine(5000);

        public Kind {
            if (maxLength < 1) {
                throw new IllegalArgumentException("a field holds at least one character");
            }
        }

        public static Kind oneLine(int maxLength) {
            return new Kind(maxLength, false);
        }

        public static Kind multiLine(int maxLength) {
            return new Kind(maxLength, true);
        }
    }

    /** The text as it is stored ({@code text}), or why it is refused ({@code messageKey} and its arguments). */
    public record Checked(String text, String messageKey, Object[] arguments) {
        public boolean ok() {
            return messageKey == null;
        }

        /** The field message in the given language. */
        public String message(MessageSource messages, Locale locale) {
            return messages.getMessage(messageKey, arguments, messageKey, locale);
        }

        /**
         * The refusal said of a named field, "The field 'Personal message': why" (message {@code field.refused}):
         * the one wording of a refused typed text in a start or task form, whether the engine's door refuses it
         * (the guard's form check) or a delegate reading the typed variable does ({@code TypedVariables}).
         */
        public String fieldMessage(MessageSource messages, Locale locale, String field) {
            return messages.getMessage("field.refused", new Object[] {field, message(messages, locale)}, locale);
        }

        /** Reports the refusal on the field (nothing when the text is acceptable); true when it was refused. */
        public boolean rejectOn(Errors errors, String field) {
            if (ok()) {
                return false;
            }
            errors.rejectValue(field, messageKey, arguments, null);
            return true;
        }
    }

    private HumanText() {}

    /**
     * Checks a typed value (a form field, a request parameter, a process variable: anything but a string is
     * taken as its {@code toString()}); null is the empty string.
     */
    public static Checked check(Object value, Kind kind) {
        if (value == null) {
            return new Checked("", null, null);
        }
        String raw = value.toString();
        StringBuilder normalized = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            int width = Character.charCount(cp);
            if (cp == '\r' && kind.multiLine() && i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                // CR LF, as a browser sends a textarea's line break: one LF
                i++;
                continue;
            }
            if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
                if (!kind.multiLine()) {
                    return new Checked(null, ONE_LINE, null);
                }
                if (cp != '\n') {
                    return invisible(cp);
                }
            } else if (cp == '\t' && kind.multiLine()) {
                // allowed: indentation of a multi-line text
            } else if (forbidden(cp)) {
                return invisible(cp);
            }
            normalized.appendCodePoint(cp);
            i += width;
        }
        String text = normalized.toString().strip();
        int length = text.codePointCount(0, text.length());
        if (length > kind.maxLength()) {
            return new Checked(null, TOO_LONG, new Object[] {kind.maxLength()});
        }
        return new Checked(text, null, null);
    }

    /** True when the value passes {@link #check(Object, Kind)}. */
    public static boolean acceptable(Object value, Kind kind) {
        return check(value, kind).ok();
    }

    /** A character no typed text may hold (line feed and tab are decided by the kind, see the class comment). */
    static boolean forbidden(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR || nonCharacter(cp);
    }

    private static boolean nonCharacter(int cp) {
        return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }

    private static Checked invisible(int cp) {
        return new Checked(null, INVISIBLE, new Object[] {String.format(Locale.ROOT, "U+%04X", cp)});
    }
}
