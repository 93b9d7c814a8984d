package com.partnercenter.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Public pages exist in every {@link Language}: {@code ?lang=<code>} wins, then the signed-in partner user's
 * language on the partner pages (request attribute {@value #USER_LANGUAGE}), then the browser's
 * Accept-Language, then the default language. Stateless: links carry the language they were opened in.
 */
public class PageLocaleResolver implements LocaleResolver {

    /** Request attribute: language code of the signed-in user ({@link Language}), set by the partner pages' sign-in. */
    public static final String USER_LANGUAGE = "partnerCenter.userLanguage";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Optional<Language> chosen = Language.exact(request.getParameter("lang"));
        if (chosen.isPresent()) {
            return chosen.get().locale();
        }
        Object userLanguage = request.getAttribute(USER_LANGUAGE);
        Optional<Language> user = Language.exact(userLanguage == null ? null : userLanguage.toString());
        if (user.isPresent()) {
            return user.get().locale();
        }
        String header = request.getHeader("Accept-Language");
        if (header != null && !header.isBlank()) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(header), Language.locales());
                if (best != null) {
                    return best;
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed header falls back to the default language
            }
        }
        return Language.DEFAULT.locale();
    }

    /**
     * The path of a page to redirect to after a post, with the {@code lang} the post came with (so the language the
     * user chose on the page stays): {@code /partner/profile?done=saved} becomes {@code …&lang=fr}.
     */
    public static String redirect(HttpServletRequest request, String path) {
        String lang = request.getParameter("lang");
        if (Language.exact(lang).isEmpty()) {
            return "redirect:" + path;
        }
        return "redirect:" + path + (path.contains("?") ? "&" : "?") + "lang=" + lang;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        throw new UnsupportedOperationException("the page language is chosen with ?lang=");
    }
}
