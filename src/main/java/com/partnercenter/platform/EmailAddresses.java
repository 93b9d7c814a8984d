package com.partnercenter.platform;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * One plain, strictly valid e-mail address: no display name, no list, nothing the text rule refuses ({@link HumanText}:
 * no control or format character).
 */
public final class EmailAddresses {

    private EmailAddresses() {}

    public static boolean isValid(String value) {
        if (value == null || value.isBlank() || value.length() > 254
                || !HumanText.acceptable(value, HumanText.Kind.EMAIL)) {
            return false;
        }
        try {
            InternetAddress address = new InternetAddress(value, true);
            return address.getAddress().equals(value) && value.indexOf('@') > 0;
        } catch (AddressException e) {
            return false;
        }
    }
}
