package com.partnercenter.invitation;

import com.partnercenter.platform.EmailAddresses;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The parts of a start request every flow with a personalized link shares, one rule each, for the flow's start
 * check (before the start) and its steps (inside the flow): the link's validity, the recipients, the personal
 * message. Every problem in the partner user's language.
 */
@Component
public class InvitationRequest {

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 90;
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_RECIPIENTS = 50;
    public static final int MAX_MESSAGE = 1000;

    private final Messages messages;

    public InvitationRequest(Messages messages) {
        this.messages = messages;
    }

    /** The link's validity in days: empty is the default, else a whole number within the bounds. */
    public Optional<String> validityProblem(Object value, Language language) {
        if (value == null || value.toString().isBlank()) {
            return Optional.empty();
        }
        Long days = wholeDays(value);
        if (days == null) {
            return Optional.of(messages.text(language, "request.linkValidity.notWhole", String.valueOf(value), MIN_DAYS,
                    MAX_DAYS));
        }
        if (days < MIN_DAYS || days > MAX_DAYS) {
            return Optional.of(messages.text(language, "request.linkValidity.range", days, MIN_DAYS, MAX_DAYS));
        }
        return Optional.empty();
    }

    /** The validity of a checked value (see {@link #validityProblem}). */
    public static long validityDays(Object value) {
        Long days = value == null || value.toString().isBlank() ? Long.valueOf(DEFAULT_DAYS) : wholeDays(value);
        if (days == null || days < MIN_DAYS || days > MAX_DAYS) {
            throw new IllegalArgumentException("link validity '" + value + "' was not checked");
        }
        return days;
    }

    /** Addresses separated by lines, commas or semicolons: each an e-mail address, at most {@value #MAX_RECIPIENTS}. */
    public List<String> recipientsProblems(Object raw, Language language) {
        List<String> problems = new ArrayList<>();
        Set<String> addresses = new LinkedHashSet<>();
        for (String address : split(raw)) {
            if (!EmailAddresses.isValid(address)) {
                problems.add(messages.text(language, "request.recipients.invalid", address));
            } else {
                addresses.add(address.toLowerCase(Locale.ROOT));
            }
        }
        if (addresses.size() > MAX_RECIPIENTS) {
            problems.add(messages.text(language, "request.recipients.tooMany", addresses.size(), MAX_RECIPIENTS));
        }
        return problems;
    }

    /** The recipients of checked input (see {@link #recipientsProblems}): lower-cased, each once, in order. */
    public static List<String> recipients(Object raw) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String address : split(raw)) {
            if (!EmailAddresses.isValid(address)) {
                throw new IllegalArgumentException("recipient '" + address + "' was not checked");
            }
            addresses.add(address.toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(addresses);
    }

    /** One required recipient address (the sign-up's). */
    public Optional<String> recipientProblem(Object raw, Language language) {
        if (raw == null || raw.toString().isBlank()) {
            return Optional.of(messages.text(language, "request.recipient.missing"));
        }
        return EmailAddresses.isValid(raw.toString()) ? Optional.empty()
                : Optional.of(messages.text(language, "request.recipient.invalid", raw.toString()));
    }

    public Optional<String> messageProblem(Object message, Language language) {
        return message != null && message.toString().length() > MAX_MESSAGE
                ? Optional.of(messages.text(language, "request.message.tooLong", MAX_MESSAGE)) : Optional.empty();
    }

    private static List<String> split(Object raw) {
        List<String> parts = new ArrayList<>();
        if (raw != null) {
            for (String part : raw.toString().split("[\\r\\n,;]+")) {
                if (!part.isBlank()) {
                    parts.add(part.trim());
                }
            }
        }
        return parts;
    }

    private static Long wholeDays(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue() : null;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
