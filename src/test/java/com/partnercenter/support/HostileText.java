package com.partnercenter.support;

import java.util.List;

/**
 * One sample of every character class the text rule ({@code platform.HumanText}) refuses, for the table-driven
 * tests of every typed field: each is put inside an otherwise valid value.
 */
public final class HostileText {

    /** A hostile character, its name in test reports, and whether a multi-line field still refuses it. */
    public record Sample(String name, String character, boolean refusedInMultiLine) {
        /** The character inside a valid value (never at an end, where stripping could hide it). */
        public String inside(String valid) {
            int middle = Math.max(1, valid.length() / 2);
            return valid.substring(0, middle) + character + valid.substring(middle);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static final List<Sample> ALL = List.of(
            new Sample("CR LF (header injection)", "\r\nBcc: evil@evil.example\r\n", false),
            new Sample("LF", "\n", false),
            new Sample("CR alone", "\r", true),
            new Sample("NUL", "\u0000", true),
            new Sample("ESC", "\u001b[31m", true),
            new Sample("DEL", "\u007f", true),
            new Sample("NEL U+0085", "\u0085", true),
            new Sample("TAB", "\t", false),
            new Sample("right-to-left override U+202E", "\u202e", true),
            new Sample("left-to-right isolate U+2066", "\u2066", true),
            new Sample("zero width space U+200B", "\u200b", true),
            new Sample("zero width joiner U+200D", "\u200d", true),
            new Sample("byte order mark U+FEFF", "\ufeff", true),
            new Sample("soft hyphen U+00AD", "\u00ad", true),
            new Sample("line separator U+2028", "\u2028", true),
            new Sample("paragraph separator U+2029", "\u2029", true),
            new Sample("unpaired surrogate", "\ud800", true),
            new Sample("noncharacter U+FFFF", "\uffff", true));

    private HostileText() {}

    /** The samples a one-line field refuses (all of them). */
    public static List<Sample> oneLine() {
        return ALL;
    }

    /** The samples a multi-line field refuses (LF, CR LF and tab are allowed there). */
    public static List<Sample> multiLine() {
        return ALL.stream().filter(Sample::refusedInMultiLine).toList();
    }
}
