package com.partnercenter.platform;

/** Reading enum values from form fields. */
public final class Enums {

    private Enums() {}

    /** The constant of that exact name, or null when the value is missing or names none. */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
