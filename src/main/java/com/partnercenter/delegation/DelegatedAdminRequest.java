package com.partnercenter.delegation;

import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.guard.StartCheck;
import com.partnercenter.guard.StartRequest;
import com.partnercenter.partner.Partner;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The rule of a delegated-administration request ({@value DelegatedAdminStarter#PROCESS}): Full or Limited, a
 * duration of {@value #MIN_DAYS} to {@value #MAX_DAYS} days (default {@value #DEFAULT_DAYS}), automatic renewal only
 * for Limited, a customer of the partner (its domain from the start form, or its id from another flow) with no
 * request waiting and no relationship active with it. The start check of a partner user's start, and the flow's step
 * "Record the pending request" (which also serves the starts of other flows).
 */
@Component
public class DelegatedAdminRequest implements StartCheck {

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 730;
    public static final int DEFAULT_DAYS = 365;

    private final CustomerRepository customers;
    private final RelationshipRepository relationships;
    private final Messages messages;

    public DelegatedAdminRequest(CustomerRepository customers, RelationshipRepository relationships,
            Messages messages) {
        this.customers = customers;
        this.relationships = relationships;
        this.messages = messages;
    }

    @Override
    public String processKey() {
        return DelegatedAdminStarter.PROCESS;
    }

    @Override
    public List<String> problems(StartRequest request) {
        return problems(request.partner(), request::value, request.language());
    }

    /** Every problem of the request whose values {@code variables} gives, in the language. */
    public List<String> problems(Partner partner, Function<String, Object> variables, Language language) {
        List<String> problems = new ArrayList<>();
        Object role = variables.apply("adminRole");
        if (role == null || role.toString().isBlank()) {
            problems.add(messages.text(language, "request.delegatedAdmin.noRole"));
        } else {
            roleProblem(role, messages, language).ifPresent(problems::add);
        }
        durationProblem(variables.apply("durationDays"), language).ifPresent(problems::add);
        if (autoExtend(variables.apply("autoExtend")) && role != null && "FULL".equalsIgnoreCase(role.toString().trim())) {
            problems.add(messages.text(language, "request.delegatedAdmin.fullAutoExtend"));
        }
        Object id = variables.apply("customerId");
        Object domain = variables.apply("customerDomain");
        if (id == null && (domain == null || domain.toString().isBlank())) {
            problems.add(messages.text(language, "request.delegatedAdmin.noCustomer"));
            return problems;
        }
        Optional<Customer> customer = customer(partner, id, domain);
        if (customer.isEmpty()) {
            problems.add(messages.text(language, "request.customer.notYours", String.valueOf(domain != null ? domain : id),
                    partner.name()));
            return problems;
        }
        relationships.findOpen(partner.id(), customer.get().id()).ifPresent(open -> problems.add(messages.text(language,
                open.status() == Relationship.Status.PENDING ? "request.delegatedAdmin.pending"
                        : "request.delegatedAdmin.active", customer.get().name(), open.role().name())));
        return problems;
    }

    /** The partner's customer the request names (by id, else by domain); empty when it is none of its customers. */
    public Optional<Customer> customer(Partner partner, Object id, Object domain) {
        Optional<Customer> customer = id instanceof Number n ? customers.findById(n.longValue())
                : domain != null && !domain.toString().isBlank()
                        ? customers.findByDomain(domain.toString().trim().toLowerCase(Locale.ROOT)) : Optional.empty();
        return customer.filter(c -> customers.isPartnerOf(partner.id(), c.id()));
    }

    static Optional<String> roleProblem(Object role, Messages messages, Language language) {
        try {
            AdminRole.valueOf(role.toString().trim().toUpperCase(Locale.ROOT));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(messages.text(language, "request.delegatedAdmin.badRole", role.toString()));
        }
    }

    private Optional<String> durationProblem(Object value, Language language) {
        if (value == null || value.toString().isBlank()) {
            return Optional.empty();
        }
        Double number = number(value);
        if (number == null) {
            return Optional.of(messages.text(language, "request.delegatedAdmin.notADuration", value.toString(), MIN_DAYS,
                    MAX_DAYS));
        }
        if (number != Math.rint(number) || number < MIN_DAYS || number > MAX_DAYS) {
            return Optional.of(messages.text(language, "request.delegatedAdmin.durationRange", value.toString(), MIN_DAYS,
                    MAX_DAYS));
        }
        return Optional.empty();
    }

    /** The checked request's role. */
    static AdminRole role(Object value) {
        return AdminRole.valueOf(value.toString().trim().toUpperCase(Locale.ROOT));
    }

    /** The checked request's duration. */
    static int days(Object value) {
        return value == null || value.toString().isBlank() ? DEFAULT_DAYS : number(value).intValue();
    }

    static boolean autoExtend(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(String.valueOf(value));
    }

    private static Double number(Object value) {
        try {
            return value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
