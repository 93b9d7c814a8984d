package com.partnercenter.acceptance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the confirmation of an acceptance confirms, as the confirmation mail and the confirm / confirmed pages
 * tell it: the sign-up of a new organization, a trial (its terms), or a purchase offer (the lines as chosen)
 * by a new organization, which is then set up, or by an existing customer, for whom nothing is set up.
 *
 * @param customerName the organization, as the acceptance names it
 * @param trial        the trial's terms ({@link Kind#TRIAL} only), else null
 * @param lines        the subscriptions bought (purchases only), else empty
 */
public record Confirming(Kind kind, String customerName, OfferedTerms.Trial trial, List<Line> lines) {

    /** The texts of a kind end with its name, e.g. {@code confirm.body.TRIAL}. */
    public enum Kind { SIGN_UP, TRIAL, TRIAL_EXISTING_CUSTOMER, PURCHASE_NEW_CUSTOMER, PURCHASE_EXISTING_CUSTOMER }

    /** One subscription of a purchase: the SKU's name and the license count chosen. */
    public record Line(String skuName, int licenses) {}

    public Confirming {
        lines = List.copyOf(lines);
    }

    public static Confirming signUp(String customerName) {
        return new Confirming(Kind.SIGN_UP, customerName, null, List.of());
    }

    public static Confirming trial(String customerName, OfferedTerms.Trial trial) {
        return new Confirming(Kind.TRIAL, customerName, trial, List.of());
    }

    /** A trial for a customer that exists (its administrator accepted it signed in): nothing else is set up. */
    public static Confirming trialForCustomer(String customerName, OfferedTerms.Trial trial) {
        return new Confirming(Kind.TRIAL_EXISTING_CUSTOMER, customerName, trial, List.of());
    }

    public static Confirming purchase(String customerName, boolean existingCustomer, List<Line> lines) {
        return new Confirming(existingCustomer ? Kind.PURCHASE_EXISTING_CUSTOMER : Kind.PURCHASE_NEW_CUSTOMER,
                customerName, null, lines);
    }

    /**
     * The variables of the mail template {@code acceptance-confirmation}: {@code confirming} (the kind's name),
     * {@code customerName}, {@code lines} (skuName, licenses; empty but for a purchase) and, for a trial,
     * {@code skuName}, {@code trialDays}, {@code trialLicenses}.
     */
    public Map<String, Object> mailVariables() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("confirming", kind.name());
        vars.put("customerName", customerName);
        if (trial != null) {
            vars.put("skuName", trial.skuName());
            vars.put("trialDays", trial.days());
            vars.put("trialLicenses", trial.licenses());
        }
        vars.put("lines", lines.stream()
                .map(l -> Map.<String, Object>of("skuName", l.skuName(), "licenses", l.licenses())).toList());
        return vars;
    }
}
