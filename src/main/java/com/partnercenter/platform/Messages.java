package com.partnercenter.platform;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Texts of {@code messages*.properties} in one of the program's languages, for code that is not a page. */
@Component
public class Messages {

    private final MessageSource source;

    public Messages(MessageSource source) {
        this.source = source;
    }

    /** A refused typed text, said of its field ({@link HumanText.Checked#fieldMessage}). */
    public String refusedField(Language language, String field, HumanText.Checked checked) {
        return checked.fieldMessage(source, language.locale(), field);
    }

    /** The text of {@code code} with its arguments (always through MessageFormat: write '' for an apostrophe). */
    public String text(Language language, String code, Object... args) {
        return source.getMessage(code, args.length == 0 ? new Object[] {""} : args, language.locale());
    }
}
