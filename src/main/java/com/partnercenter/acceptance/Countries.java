package com.partnercenter.acceptance;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** ISO 3166 countries for the accept page's country list, named in the page's language. */
public final class Countries {

    public record Country(String code, String name) {}

    private Countries() {}

    public static List<Country> all() {
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        return Arrays.stream(Locale.getISOCountries())
                .map(code -> new Country(code, new Locale("", code).getDisplayCountry(locale)))
                .sorted(Comparator.comparing(Country::name))
                .toList();
    }
}
