package com.partnercenter.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Public pages exist in English and French: {@code ?lang=fr|en} wins, then the signed-in partner user's
 * language on the partner pages (request attribute {@value #USER_LANGUAGE}), then the browser's
 * Accept-Language, then English. Stateless: links carry the language they were opened in.
 */
public class PageLocaleResolver implements LocaleResolver {

    /** Request attribute: language of the signed-in user ("en" or "fr"), set by the partner pages' sign-in. */
    public static final String USER_LANGUAGE = "partnerCenter.userLanguage";

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH);

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        String lang = request.getParameter("lang");
        if ("fr".equals(lang)) {
            return Locale.FRENCH;
        }
        if ("en".equals(lang)) {
            return Locale.ENGLISH;
        }
        Object userLanguage = request.getAttribute(USER_LANGUAGE);
        if ("fr".equals(userLanguage)) {
            return Locale.FRENCH;
        }
        if ("en".equals(userLanguage)) {
            return Locale.ENGLISH;
        }
        String header = request.getHeader("Accept-Language");
        if (header != null && !header.isBlank()) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
                if (best != null) {
                    return best;
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed header falls back to English
            }
        }
        return Locale.ENGLISH;
    }

    /**
     * The path of a page to redirect to after a post, with the {@code lang} the post came with (so the language the
     * user chose on the page stays): {@code /partner/profile?done=saved} becomes {@code …&lang=fr}.
     */
    public static String redirect(HttpServletRequest request, String path) {
        String lang = request.getParameter("lang");
        if (!"fr".equals(lang) && !"en".equals(lang)) {
            return "redirect:" + path;
        }
        return "redirect:" + path + (path.contains("?") ? "&" : "?") + "lang=" + lang;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        throw new UnsupportedOperationException("the page language is chosen with ?lang=");
    }
}
