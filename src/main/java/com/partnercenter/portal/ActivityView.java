package com.partnercenter.portal;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.ReaderFormat;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The activity list of a customer page in plain words, in the reader's language: who (a person's name, the
 * customer's address, or "Partner Center" for the application itself) and what (the action's sentence
 * {@code audit.text.<ACTION>} with the row's arguments, or its label {@code audit.action.<ACTION>} for rows recorded
 * without them). No action code, role code or English detail line reaches the page.
 */
@Component
public class ActivityView {

    /** One line of the list. */
    public record Row(Instant occurredAt, String who, String what) {}

    private final MessageSource messages;
    private final PartnerRepository partners;
    private final CustomerRepository customers;

    public ActivityView(MessageSource messages, PartnerRepository partners, CustomerRepository customers) {
        this.messages = messages;
        this.partners = partners;
        this.customers = customers;
    }

    public List<Row> rows(List<AuditLog.Entry> entries, Locale locale) {
        Map<String, String> names = new HashMap<>();
        return entries.stream().map(e -> new Row(e.occurredAt(),
                names.computeIfAbsent(e.actor(), actor -> who(actor, locale)), what(e, locale))).toList();
    }

    String what(AuditLog.Entry entry, Locale locale) {
        String label = messages.getMessage("audit.action." + entry.action(), null, null, locale);
        if (label == null) {
            label = messages.getMessage("audit.action.OTHER", null, locale);
        }
        if (entry.args().isEmpty()) {
            return label;
        }
        Object[] args = entry.args().stream().map(a -> argument(a, locale)).toArray();
        return messages.getMessage("audit.text." + entry.action(), args, label, locale);
    }

    private Object argument(String encoded, Locale locale) {
        String value = encoded.length() > 2 ? encoded.substring(2) : "";
        return switch (encoded.isEmpty() ? ' ' : encoded.charAt(0)) {
            case 't' -> messages.getMessage(value, null, value, locale);
            case 'd' -> ReaderFormat.of(locale).day(value);
            case 'n' -> parse(value);
            default -> value;
        };
    }

    private static Object parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private String who(String actor, Locale locale) {
        if (actor == null || actor.equals(AuditLog.SYSTEM) || actor.equals("provisioning")) {
            return messages.getMessage("audit.actor.application", null, locale);
        }
        if (actor.startsWith("customer:")) {
            return actor.substring("customer:".length());
        }
        return partners.findUserByUserId(actor).map(u -> u.displayName())
                .or(() -> customers.findAdminByUserId(actor).map(a -> a.firstName() + " " + a.lastName()))
                .orElse(actor);
    }
}
