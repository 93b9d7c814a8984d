package com.partnercenter.catalogue;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one rule for a license count, beside the catalogue whose bounds it applies: used by the purchase offer's start
 * check and steps, the accept page, the partner pages' license change, provisioning and the product-key inventory
 * ({@link Sku#allows}): a whole number within the SKU's minimum and maximum. Anything else (missing, not a number,
 * decimal, negative, zero, out of bounds, absurdly large) is a {@link Problem}.
 */
public final class LicenseCounts {

    /** Digits only, an optional leading "+"; at most 18 digits so that parsing never overflows. */
    private static final Pattern DIGITS = Pattern.compile("\\+?[0-9]{1,18}");
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private LicenseCounts() {}

    public enum Problem {
        MISSING, NOT_A_NUMBER, NOT_WHOLE, BELOW_MIN, ABOVE_MAX;

        /** Message key of the accept page (messages*.properties), with arguments min and max. */
        public String messageKey() {
            return "offer.count." + switch (this) {
                case MISSING -> "missing";
                case NOT_A_NUMBER -> "notNumber";
                case NOT_WHOLE -> "notWhole";
                case BELOW_MIN -> "belowMin";
                case ABOVE_MAX -> "aboveMax";
            };
        }
    }

    /** The count, or the problem with it. */
    public record Checked(int count, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** Checks a raw value from a form (text) or a process variable (number or text) against the SKU's bounds. */
    public static Checked check(Object raw, Sku sku) {
        if (raw == null || raw.toString().isBlank()) {
            return problem(Problem.MISSING);
        }
        if (raw instanceof Number n && !(raw instanceof BigDecimal)) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return problem(Problem.NOT_A_NUMBER);
            }
            if (d != Math.rint(d)) {
                return problem(Problem.NOT_WHOLE);
            }
            return bounded(d, sku);
        }
        String text = raw.toString().trim();
        if (DIGITS.matcher(text).matches()) {
            return bounded(Long.parseLong(text.startsWith("+") ? text.substring(1) : text), sku);
        }
        if (!NUMBER.matcher(text).matches()) {
            return problem(Problem.NOT_A_NUMBER);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            return problem(Problem.NOT_A_NUMBER);
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            return problem(Problem.NOT_WHOLE);
        }
        if (text.contains(".") || text.contains("e") || text.contains("E")) {
            // "5.0", "1e3": a whole value, but not written as a whole number of licenses
            return problem(Problem.NOT_WHOLE);
        }
        // a whole number of more than 18 digits, or zero or negative written with a sign
        return value.signum() <= 0 ? problem(Problem.BELOW_MIN) : problem(Problem.ABOVE_MAX);
    }

    private static Checked bounded(double value, Sku sku) {
        if (value < sku.minLicenses()) {
            return problem(Problem.BELOW_MIN);
        }
        if (value > sku.maxLicenses()) {
            return problem(Problem.ABOVE_MAX);
        }
        return new Checked((int) value, null);
    }

    private static Checked problem(Problem problem) {
        return new Checked(0, problem);
    }
}
