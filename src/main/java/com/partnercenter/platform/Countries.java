package com.partnercenter.platform;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** ISO 3166 countries: the one rule for a country code wherever one is entered, and the pages' country list. */
public final class Countries {

    public record Country(String code, String name) {}

    private static final Set<String> CODES = Set.of(Locale.getISOCountries());

    private Countries() {}

    /** An ISO 3166 two-letter code, upper case. */
    public static boolean isCountry(String code) {
        return code != null && CODES.contains(code);
    }

    /** Every country, named in the page's language, in alphabetical order of the name. */
    public static List<Country> all() {
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        return Arrays.stream(Locale.getISOCountries())
                .map(code -> new Country(code, new Locale("", code).getDisplayCountry(locale)))
                .sorted(Comparator.comparing(Country::name))
                .toList();
    }
}
