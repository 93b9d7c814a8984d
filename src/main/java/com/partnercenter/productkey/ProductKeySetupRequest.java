package com.partnercenter.productkey;

import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerFields;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.guard.StartCheck;
import com.partnercenter.guard.StartRequest;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.platform.Countries;
import com.partnercenter.platform.EmailAddresses;
import com.partnercenter.platform.Language;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

    /** Messages in the partner user's language. */
    record Texts(String language) {
        String t(String en, String fr) {
            return "fr".equals(language) ? fr : en;
        }
    }

    /** The checked request: its problems, or the normalized request. */
    record Checked(List<String> problems, List<String> codes, boolean newCustomer, Customer customer, String name,
            String domain, String country, String language, String adminFirstName, String adminLastName,
            String adminEmail, String delegatedAdmin) {

        boolean offerDelegatedAdmin() {
            return delegatedAdmin != null;
        }
    }

    private final ProductKeyRepository keys;
    private final CustomerRepository customers;

    public ProductKeySetupRequest(ProductKeyRepository keys, CustomerRepository customers) {
        this.keys = keys;
        this.customers = customers;
    }

    @Override
    public String processKey() {
        return PROCESS;
    }

    @Override
    public List<String> problems(StartRequest request) {
        return check(request.partner(), request::value, new Texts(request.language().code())).problems();
    }

    Checked check(Partner partner, Function<String, Object> variables, Texts tx) {
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
                problems.add(tx.t("Enter the domain of one of your customers, or choose a new customer.",
                        "Saisissez le domaine de l’un de vos clients, ou choisissez un nouveau client."));
            } else {
                Optional<Customer> customer = customers.findByDomain(domain);
                if (customer.isEmpty() || !customers.isPartnerOf(partner.id(), customer.get().id())) {
                    problems.add(tx.t("'" + domain + "' is not one of " + partner.name() + "'s customers.",
                            "« " + domain + " » n’est pas l’un des clients de " + partner.name() + "."));
                } else {
                    existing = customer.get();
                }
            }
        } else {
            name = string(variables, "customerName");
            country = upper(string(variables, "customerCountry"));
            language = lower(string(variables, "customerLanguage"));
            first = string(variables, "adminFirstName");
            last = string(variables, "adminLastName");
            email = string(variables, "adminEmail");
            checkNewCustomer(name, domain, country, language, first, last, email, tx, problems);
        }
        String delegated = upper(string(variables, "delegatedAdmin"));
        boolean offer = delegated != null && !delegated.equals("NONE");
        if (offer && !delegated.equals("FULL") && !delegated.equals("LIMITED")) {
            problems.add(tx.t("'" + delegated + "' is not an administration level (Full or Limited).",
                    "« " + delegated + " » n’est pas un niveau d’administration (complète ou limitée)."));
        } else if (offer && !partner.has(ProgramAuthorization.DELEGATED_ADMIN)) {
            problems.add(tx.t(partner.name() + " does not hold the program authorization Delegated administration: "
                            + "set up the keys without offering delegated administration.",
                    partner.name() + " ne détient pas l’autorisation de programme Administration déléguée : "
                            + "configurez les clés sans proposer d’administration déléguée."));
        }
        return new Checked(problems, codes, newCustomer, existing, name, domain, country, language, first, last,
                email, offer ? delegated : null);
    }

    /** Checks every line; returns the normalized keys (in order, once each). */
    private List<String> checkKeys(String text, Partner partner, Texts tx, List<String> problems) {
        List<String> lines = lines(text);
        if (lines.isEmpty()) {
            problems.add(tx.t("Enter at least one product key.", "Saisissez au moins une clé de produit."));
            return List.of();
        }
        if (lines.size() > MAX_KEYS) {
            problems.add(tx.t("Enter at most " + MAX_KEYS + " product keys in one setup (" + lines.size()
                            + " entered).",
                    "Saisissez au plus " + MAX_KEYS + " clés de produit par configuration (" + lines.size()
                            + " saisies)."));
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : lines) {
            String shown = display(raw);
            Optional<ProductKeyCodec.Problem> problem = ProductKeyCodec.problem(raw);
            if (problem.isPresent() && problem.get() == ProductKeyCodec.Problem.FORMAT) {
                problems.add(tx.t("'" + shown + "' is not a product key: a key has 25 characters in five groups of five, "
                                + "from the letters and digits " + ProductKeyCodec.ALPHABET + ".",
                        "« " + shown + " » n’est pas une clé de produit : une clé compte 25 caractères en cinq groupes "
                                + "de cinq, parmi les lettres et chiffres " + ProductKeyCodec.ALPHABET + "."));
                continue;
            }
            String code = ProductKeyCodec.normalize(raw);
            if (problem.isPresent()) {
                problems.add(tx.t("Product key " + ProductKeyCodec.format(code) + " contains a typing error (its check "
                                + "character does not match): check each character.",
                        "La clé de produit " + ProductKeyCodec.format(code) + " contient une faute de frappe (son "
                                + "caractère de contrôle ne correspond pas) : vérifiez chaque caractère."));
                continue;
            }
            String formatted = ProductKeyCodec.format(code);
            if (!seen.add(code)) {
                problems.add(tx.t("Product key " + formatted + " is entered twice.",
                        "La clé de produit " + formatted + " est saisie deux fois."));
                continue;
            }
            Optional<ProductKey> key = keys.find(code);
            if (key.isEmpty() || key.get().partnerId() != partner.id()) {
                problems.add(tx.t("Product key " + formatted + " is not in " + partner.name() + "'s inventory.",
                        "La clé de produit " + formatted + " ne fait pas partie de l’inventaire de " + partner.name()
                                + "."));
            } else if (key.get().state() != ProductKey.State.UNUSED) {
                problems.add(alreadyUsed(formatted, tx));
            }
        }
        return List.copyOf(seen);
    }

    private void checkNewCustomer(String name, String domain, String country, String language, String first,
            String last, String email, Texts tx, List<String> problems) {
        if (name == null || name.length() > 200) {
            problems.add(tx.t("Enter the organization name of the new customer (at most 200 characters).",
                    "Saisissez le nom de l’organisation du nouveau client (200 caractères au plus)."));
        }
        if (!CustomerFields.isDomain(domain)) {
            problems.add(tx.t("'" + (domain == null ? "" : domain) + "' is not a domain name (for example contoso.example).",
                    "« " + (domain == null ? "" : domain) + " » n’est pas un nom de domaine (par exemple contoso.example)."));
        } else if (customers.findByDomain(domain).isPresent()) {
            problems.add(tx.t("The domain " + domain + " is already registered by another customer.",
                    "Le domaine " + domain + " est déjà enregistré par un autre client."));
        }
        if (!Countries.isCountry(country)) {
            problems.add(tx.t("'" + (country == null ? "" : country) + "' is not a country code (two letters, ISO 3166, e.g. FR).",
                    "« " + (country == null ? "" : country) + " » n’est pas un code de pays (deux lettres, ISO 3166, p. ex. FR)."));
        }
        if (Language.exact(language).isEmpty()) {
            problems.add(tx.t("Choose the customer's language: English or French.",
                    "Choisissez la langue du client : anglais ou français."));
        }
        if (first == null || last == null || first.length() > 100 || last.length() > 100) {
            problems.add(tx.t("Enter the first and last name of the customer's administrator (at most 100 characters each).",
                    "Saisissez le prénom et le nom de l’administrateur du client (100 caractères au plus chacun)."));
        }
        if (!EmailAddresses.isValid(email)) {
            problems.add(tx.t("'" + (email == null ? "" : email) + "' is not an e-mail address.",
                    "« " + (email == null ? "" : email) + " » n’est pas une adresse e-mail."));
        }
    }

    static String alreadyUsed(String formatted, Texts tx) {
        return tx.t("Product key " + formatted + " has already been used.",
                "La clé de produit " + formatted + " a déjà été utilisée.");
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
