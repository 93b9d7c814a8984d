package com.partnercenter.customer;

import com.partnercenter.platform.Countries;
import java.util.regex.Pattern;

/** What a customer's domain must look like, wherever a customer is entered (its country: {@link Countries}). */
public final class CustomerFields {

    /** An internet domain name (any case), at most 253 characters. */
    public static final String DOMAIN_PATTERN =
            "^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$";

    private static final Pattern DOMAIN = Pattern.compile(DOMAIN_PATTERN);

    private CustomerFields() {}

    public static boolean isDomain(String value) {
        return value != null && DOMAIN.matcher(value).matches();
    }
}
