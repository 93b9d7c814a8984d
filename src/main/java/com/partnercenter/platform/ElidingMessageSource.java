package com.partnercenter.platform;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The message bundles of pages and mails. In French, "de", "que" and "le" before a value that starts with a vowel
 * are elided ("l’essai d’Adatum", never "de Adatum"): a text cannot know the name it will be given, so the rule is
 * applied where the name is put in, to the values of the message only, never to its own words.
 */
public class ElidingMessageSource extends ResourceBundleMessageSource {

    private static final Pattern VOWEL_START = Pattern.compile("^[AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒaeiouyàâäéèêëîïôöùûüœ]");

    @Override
    protected String getMessageInternal(String code, Object[] args, Locale locale) {
        String message = super.getMessageInternal(code, args, locale);
        if (message == null || args == null || locale == null || !"fr".equals(locale.getLanguage())) {
            return message;
        }
        return elide(message, args);
    }

    /** The French text with "de"/"que"/"le" elided before each value of {@code args} that starts with a vowel. */
    public static String elide(String text, Object[] args) {
        String result = text;
        for (Object arg : args) {
            if (arg instanceof CharSequence value && !value.isEmpty() && VOWEL_START.matcher(value).find()) {
                String v = Pattern.quote(value.toString());
                result = result.replaceAll("(?<![\\p{L}’'])([Dd]e|[Qq]ue|[Ll]e) " + v,
                        "$1’" + Matcher.quoteReplacement(value.toString()));
                result = result.replace("De’", "D’").replace("de’", "d’").replace("Que’", "Qu’")
                        .replace("que’", "qu’").replace("Le’", "L’").replace("le’", "l’");
            }
        }
        return result;
    }
}
