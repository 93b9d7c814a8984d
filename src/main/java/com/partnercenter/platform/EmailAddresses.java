package com.partnercenter.platform;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** One plain, strictly valid e-mail address: no display name, no list, no control characters. */
public final class EmailAddresses {

    private EmailAddresses() {}

    public static boolean isValid(String value) {
        if (value == null || value.isBlank() || value.length() > 254 || value.chars().anyMatch(Character::isISOControl)) {
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
