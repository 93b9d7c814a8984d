package com.partnercenter.customer;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What a customer's domain and country must look like, wherever a customer is entered. */
public final class CustomerFields {

    /** An internet domain name (any case), at most 253 characters. */
    public static final String DOMAIN_PATTERN =
            "^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$";

    private static final Pattern DOMAIN = Pattern.compile(DOMAIN_PATTERN);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private CustomerFields() {}

    public static boolean isDomain(String value) {
        return value != null && DOMAIN.matcher(value).matches();
    }

    /** An ISO 3166 two-letter code, upper case. */
    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }
}
