package com.partnercenter.acceptance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the confirmation of an acceptance confirms, as the confirmation mail and the confirm / confirmed pages
 * tell it. The kind is the flow's own name for it, declared by the flow's {@link FlowAcceptance#confirmingKinds()}
 * (the shared acceptance code names no flow): the texts of a kind end with it ({@code confirm.body.<kind>},
 * {@code confirmed.body.<kind>}, the mail's {@code acceptance-confirmation.*.<kind>}).
 *
 * @param kind         the flow's kind of confirmation, upper case ({@code SIGN_UP}, {@code TRIAL} …)
 * @param customerName the organization, as the acceptance names it
 * @param trial        the trial's terms when a trial is confirmed, else null
 * @param lines        the subscriptions bought (purchases only), else empty
 */
public record Confirming(String kind, String customerName, OfferedTerms.Trial trial, List<Line> lines) {

    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z_]*");

    /** One subscription of a purchase: the SKU's name and the license count chosen. */
    public record Line(String skuName, int licenses) {}

    public Confirming {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("a confirmation's kind is an upper-case name, not " + kind);
        }
        lines = List.copyOf(lines);
    }

    /** The confirmation of an organization only (nothing more to tell). */
    public static Confirming of(String kind, String customerName) {
        return new Confirming(kind, customerName, null, List.of());
    }

    /** The confirmation of a trial, with its terms. */
    public static Confirming ofTrial(String kind, String customerName, OfferedTerms.Trial trial) {
        return new Confirming(kind, customerName, trial, List.of());
    }

    /** The confirmation of subscriptions bought, as chosen. */
    public static Confirming ofLines(String kind, String customerName, List<Line> lines) {
        return new Confirming(kind, customerName, null, lines);
    }

    /**
     * The variables of the mail template {@code acceptance-confirmation}: {@code confirming} (the kind),
     * {@code customerName}, {@code lines} (skuName, licenses; empty but for a purchase) and, for a trial,
     * {@code skuName}, {@code trialDays}, {@code trialLicenses}.
     */
    public Map<String, Object> mailVariables() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("confirming", kind);
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
