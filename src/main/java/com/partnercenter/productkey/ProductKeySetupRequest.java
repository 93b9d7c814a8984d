package com.partnercenter.productkey;

import com.partnercenter.customer.Customer;
import com.partnercenter.customer.NewCustomerFields;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.guard.StartCheck;
import com.partnercenter.guard.StartRequest;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The rule of a product-key setup ({@value #PROCESS}): each key well formed, with a correct check character, in the
 * partner's inventory and unused, each once, at most {@value #MAX_KEYS}; the customer one of the partner's, or a
 * complete new one; delegated administration only for a partner holding it. Every problem named, in the partner
 * user's language. The start check of a partner user's start, and the step "Check the keys and the customer".
 */
@Component
public class ProductKeySetupRequest implements StartCheck {

    public static final String PROCESS = "productKeySetup";
    /** More keys than this in one setup are refused (one subscription per key). */
    public static final int MAX_KEYS = 20;

    /** The checked request: its problems, or the normalized request. */
    record Checked(List<String> problems, List<String> codes, boolean newCustomer, Customer customer, String name,
            String domain, String country, String language, String adminFirstName, String adminLastName,
            String adminEmail, String delegatedAdmin) {

        boolean offerDelegatedAdmin() {
            return delegatedAdmin != null;
        }
    }

    /**
     * The setup's variables of a new customer's fields ({@link NewCustomerFields}; the product-key form names them
     * so), in the order their problems are told.
     */
    static final Map<NewCustomerFields.Field, String> NEW_CUSTOMER_VARIABLES = new EnumMap<>(Map.of(
            NewCustomerFields.Field.ORGANIZATION_NAME, "customerName",
            NewCustomerFields.Field.DOMAIN, "customerDomain",
            NewCustomerFields.Field.COUNTRY, "customerCountry",
            NewCustomerFields.Field.LANGUAGE, "customerLanguage",
            NewCustomerFields.Field.ADMIN_FIRST_NAME, "adminFirstName",
            NewCustomerFields.Field.ADMIN_LAST_NAME, "adminLastName",
            NewCustomerFields.Field.ADMIN_EMAIL, "adminEmail"));

    private final ProductKeyRepository keys;
    private final CustomerRepository customers;
    private final Messages messages;

    public ProductKeySetupRequest(ProductKeyRepository keys, CustomerRepository customers, Messages messages) {
        this.keys = keys;
        this.customers = customers;
        this.messages = messages;
    }

    @Override
    public String processKey() {
        return PROCESS;
    }

    @Override
    public List<String> problems(StartRequest request) {
        return check(request.partner(), request::value, request.language()).problems();
    }

    Checked check(Partner partner, Function<String, Object> variables, Language tx) {
        List<String> problems = new ArrayList<>();
        List<String> codes = checkKeys(string(variables, "productKeys"), partner, tx, problems);
        String type = upper(string(variables, "customerType"));
        String domain = lower(string(variables, "customerDomain"));
        Customer existing = null;
        String name = null;
        String country = null;
        String language = null;
        String first = null;
        String last = null;
        String email = null;
        boolean newCustomer = "NEW".equals(type);
        if (!newCustomer) {
            if (domain == null) {
                problems.add(messages.text(tx, "productKey.customer.missing"));
            } else {
                Optional<Customer> customer = customers.findByDomain(domain);
                if (customer.isEmpty() || !customers.isPartnerOf(partner.id(), customer.get().id())) {
                    problems.add(messages.text(tx, "request.customer.notYours", domain, partner.name()));
                } else {
                    existing = customer.get();
                }
            }
        } else {
            NewCustomerFields.Values entered = new NewCustomerFields.Values(string(variables, "customerName"),
                    string(variables, "customerDomain"), string(variables, "customerCountry"),
                    string(variables, "customerLanguage"), string(variables, "adminFirstName"),
                    string(variables, "adminLastName"), string(variables, "adminEmail"));
            List<NewCustomerFields.Problem> fieldProblems = NewCustomerFields.problems(entered, true);
            fieldProblems.forEach(problem -> problems.add(messages.text(tx, problem.messageKey())));
            NewCustomerFields.Values v = entered.normalized();
            name = v.organizationName();
            country = v.country();
            language = v.language();
            first = v.adminFirstName();
            last = v.adminLastName();
            email = v.adminEmail();
            boolean domainOk = fieldProblems.stream().noneMatch(p -> p.field() == NewCustomerFields.Field.DOMAIN);
            if (domainOk && customers.findByDomain(domain).isPresent()) {
                problems.add(messages.text(tx, "productKey.customer.domainTaken", domain));
            }
        }
        String delegated = upper(string(variables, "delegatedAdmin"));
        boolean offer = delegated != null && !delegated.equals("NONE");
        if (offer && !delegated.equals("FULL") && !delegated.equals("LIMITED")) {
            problems.add(messages.text(tx, "request.delegatedAdmin.badRole", delegated));
        } else if (offer && !partner.has(ProgramAuthorization.DELEGATED_ADMIN)) {
            problems.add(messages.text(tx, "productKey.delegatedAdmin.notHeld", partner.name()));
        }
        return new Checked(problems, codes, newCustomer, existing, name, domain, country, language, first, last,
                email, offer ? delegated : null);
    }

    /** Checks every line; returns the normalized keys (in order, once each). */
    private List<String> checkKeys(String text, Partner partner, Language tx, List<String> problems) {
        List<String> lines = lines(text);
        if (lines.isEmpty()) {
            problems.add(messages.text(tx, "productKey.keys.none"));
            return List.of();
        }
        if (lines.size() > MAX_KEYS) {
            problems.add(messages.text(tx, "productKey.keys.tooMany", String.valueOf(MAX_KEYS),
                    String.valueOf(lines.size())));
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : lines) {
            String shown = display(raw);
            Optional<ProductKeyCodec.Problem> problem = ProductKeyCodec.problem(raw);
            if (problem.isPresent() && problem.get() == ProductKeyCodec.Problem.FORMAT) {
                problems.add(messages.text(tx, "productKey.key.format", shown, ProductKeyCodec.ALPHABET));
                continue;
            }
            String code = ProductKeyCodec.normalize(raw);
            if (problem.isPresent()) {
                problems.add(messages.text(tx, "productKey.key.checkCharacter", ProductKeyCodec.format(code)));
                continue;
            }
            String formatted = ProductKeyCodec.format(code);
            if (!seen.add(code)) {
                problems.add(messages.text(tx, "productKey.key.twice", formatted));
                continue;
            }
            Optional<ProductKey> key = keys.find(code);
            if (key.isEmpty() || key.get().partnerId() != partner.id()) {
                problems.add(messages.text(tx, "productKey.key.notInInventory", formatted, partner.name()));
            } else if (key.get().state() != ProductKey.State.UNUSED) {
                problems.add(alreadyUsed(formatted, tx));
            }
        }
        return List.copyOf(seen);
    }

    /** A key another setup holds or used (also the step "Reserve the keys" when another setup took it first). */
    String alreadyUsed(String formatted, Language tx) {
        return messages.text(tx, "productKey.key.used", formatted);
    }

    /** The non-blank lines of the text, trimmed, in order (a line may also hold several keys separated by , or ;). */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("[\\r\\n,;]+")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    /** How a key is shown in a message: as entered when it is not a key, else in its usual form. */
    public static String display(String raw) {
        String normalized = ProductKeyCodec.normalize(raw);
        return ProductKeyCodec.problem(raw).isEmpty() ? ProductKeyCodec.format(normalized)
                : raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }

    private static String string(Function<String, Object> variables, String name) {
        Object value = variables.apply(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
