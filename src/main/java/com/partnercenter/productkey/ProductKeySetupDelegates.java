package com.partnercenter.productkey;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerFields;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.platform.EmailAddresses;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.platform.ProcessVariables;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps of processes/product-key-setup.bpmn that belong to product keys. Every refusal is the BPMN
 * error {@value #INVALID_REQUEST} with a message for the partner user, in its language
 * ({@code partnerUserLanguage}), one line per problem, each naming its key.
 *
 * <ul>
 *   <li>{@code ${checkProductKeySetup}} "Check the keys and the customer": inputs {@code productKeys} (text, one
 *       key per line), {@code customerType} (EXISTING/NEW), {@code customerDomain}, for a new customer
 *       {@code customerName}, {@code customerCountry}, {@code customerLanguage}, {@code adminFirstName},
 *       {@code adminLastName}, {@code adminEmail}; {@code delegatedAdmin} (NONE/FULL/LIMITED). Outputs
 *       {@code productKeyCodes} (comma-separated normalized keys), {@code productKeyCount}, {@code newCustomer},
 *       {@code customerId} (existing), normalized customer fields, {@code offerDelegatedAdmin}, {@code adminRole}.</li>
 *   <li>{@code ${reserveProductKeys}} "Reserve the keys": conditional update per key, by the process instance;
 *       a key another setup holds or used refuses the whole setup (and releases what it reserved).</li>
 *   <li>{@code ${releaseProductKeys}} "Release the keys" (also the process end listener): gives back every key
 *       this instance reserved and did not redeem.</li>
 *   <li>{@code ${readProductKey}}: for the loop's {@code productKey}, sets {@code skuCode}, {@code licenses},
 *       {@code termMonths}, {@code subscriptionStatus=ACTIVE}, {@code subscriptionOrigin=PRODUCT_KEY}.</li>
 *   <li>{@code ${redeemProductKey}} "Record the key redeemed": the key gets customer, subscription and time (the
 *       subscription was created with the key's term: {@code termMonths} above).</li>
 * </ul>
 */
@Configuration
public class ProductKeySetupDelegates {

    public static final String INVALID_REQUEST = "INVALID_REQUEST";

    private final ProductKeyRepository keys;
    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final CatalogueRepository catalogue;
    private final SubscriptionRepository subscriptions;
    private final AuditLog audit;

    public ProductKeySetupDelegates(ProductKeyRepository keys, PartnerRepository partners, CustomerRepository customers,
            CatalogueRepository catalogue, SubscriptionRepository subscriptions, AuditLog audit) {
        this.keys = keys;
        this.partners = partners;
        this.customers = customers;
        this.catalogue = catalogue;
        this.subscriptions = subscriptions;
        this.audit = audit;
    }

    /** Messages in the partner user's language. */
    record Texts(String language) {
        String t(String en, String fr) {
            return "fr".equals(language) ? fr : en;
        }
    }

    static Texts texts(DelegateExecution execution) {
        return new Texts(String.valueOf(execution.getVariable("partnerUserLanguage")));
    }

    @Bean("checkProductKeySetup")
    public JavaDelegate checkProductKeySetup() {
        return execution -> {
            Texts tx = texts(execution);
            Partner partner = partner(execution);
            List<String> problems = new ArrayList<>();
            List<String> codes = checkKeys(string(execution, "productKeys"), partner, tx, problems);
            checkCustomer(execution, partner, tx, problems);
            String delegated = upper(string(execution, "delegatedAdmin"));
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
            if (!problems.isEmpty()) {
                throw new BpmnError(INVALID_REQUEST, String.join("\n", problems));
            }
            execution.setVariable("productKeyCodes", String.join(",", codes));
            execution.setVariable("productKeyCount", codes.size());
            execution.setVariable("offerDelegatedAdmin", offer);
            execution.setVariable("adminRole", offer ? delegated : null);
        };
    }

    /** Checks every line; returns the normalized keys (in order, once each). */
    List<String> checkKeys(String text, Partner partner, Texts tx, List<String> problems) {
        List<String> lines = ProductKeySetupRequest.lines(text);
        if (lines.isEmpty()) {
            problems.add(tx.t("Enter at least one product key.", "Saisissez au moins une clé de produit."));
            return List.of();
        }
        if (lines.size() > ProductKeySetupRequest.MAX_KEYS) {
            problems.add(tx.t("Enter at most " + ProductKeySetupRequest.MAX_KEYS + " product keys in one setup ("
                            + lines.size() + " entered).",
                    "Saisissez au plus " + ProductKeySetupRequest.MAX_KEYS + " clés de produit par configuration ("
                            + lines.size() + " saisies)."));
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : lines) {
            String shown = ProductKeySetupRequest.display(raw);
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

    static String alreadyUsed(String formatted, Texts tx) {
        return tx.t("Product key " + formatted + " has already been used.",
                "La clé de produit " + formatted + " a déjà été utilisée.");
    }

    private void checkCustomer(DelegateExecution execution, Partner partner, Texts tx, List<String> problems) {
        String type = upper(string(execution, "customerType"));
        String domain = lower(string(execution, "customerDomain"));
        if (!"NEW".equals(type)) {
            if (domain == null) {
                problems.add(tx.t("Enter the domain of one of your customers, or choose a new customer.",
                        "Saisissez le domaine de l’un de vos clients, ou choisissez un nouveau client."));
                return;
            }
            Optional<Customer> customer = customers.findByDomain(domain);
            if (customer.isEmpty() || !customers.isPartnerOf(partner.id(), customer.get().id())) {
                problems.add(tx.t("'" + domain + "' is not one of " + partner.name() + "'s customers.",
                        "« " + domain + " » n’est pas l’un des clients de " + partner.name() + "."));
                return;
            }
            Customer c = customer.get();
            execution.setVariable("newCustomer", false);
            execution.setVariable("customerId", c.id());
            execution.setVariable("customerName", c.name());
            execution.setVariable("customerDomain", c.domain());
            execution.setVariable("customerLanguage", c.language());
            execution.setVariable("customerCreated", false);
            return;
        }
        String name = string(execution, "customerName");
        String country = upper(string(execution, "customerCountry"));
        String language = lower(string(execution, "customerLanguage"));
        String first = string(execution, "adminFirstName");
        String last = string(execution, "adminLastName");
        String email = string(execution, "adminEmail");
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
        if (!CustomerFields.isCountry(country)) {
            problems.add(tx.t("'" + (country == null ? "" : country) + "' is not a country code (two letters, ISO 3166, e.g. FR).",
                    "« " + (country == null ? "" : country) + " » n’est pas un code de pays (deux lettres, ISO 3166, p. ex. FR)."));
        }
        if (!"en".equals(language) && !"fr".equals(language)) {
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
        execution.setVariable("newCustomer", true);
        execution.setVariable("customerDomain", domain);
        execution.setVariable("customerCountry", country);
        execution.setVariable("customerLanguage", language);
        execution.setVariable("customerName", name);
        execution.setVariable("adminFirstName", first);
        execution.setVariable("adminLastName", last);
        execution.setVariable("adminEmail", email);
    }

    @Bean("reserveProductKeys")
    public JavaDelegate reserveProductKeys() {
        return execution -> {
            Texts tx = texts(execution);
            Partner partner = partner(execution);
            String reservation = execution.getProcessInstanceId();
            Instant now = EngineClock.now();
            List<String> problems = new ArrayList<>();
            for (String code : codes(execution)) {
                if (!keys.reserve(code, partner.id(), reservation, now)) {
                    problems.add(alreadyUsed(ProductKeyCodec.format(code), tx));
                }
            }
            if (!problems.isEmpty()) {
                keys.release(reservation);
                throw new BpmnError(INVALID_REQUEST, String.join("\n", problems));
            }
            audit.record(actor(execution), "PRODUCT_KEYS_RESERVED", partner.id(), null,
                    execution.getProcessBusinessKey(), String.join(", ", codes(execution)));
        };
    }

    @Bean("releaseProductKeys")
    public JavaDelegate releaseProductKeys() {
        return execution -> {
            int released = keys.release(execution.getProcessInstanceId());
            if (released > 0) {
                Object partnerId = execution.getVariable("partnerId");
                audit.record(actor(execution), "PRODUCT_KEYS_RELEASED",
                        partnerId instanceof Number n ? n.longValue() : null, null, execution.getProcessBusinessKey(),
                        released + " key(s) given back to the inventory");
            }
        };
    }

    /** The loop of the model runs over the keys of the request. */
    public List<String> keysOf(String productKeyCodes) {
        return productKeyCodes == null || productKeyCodes.isBlank() ? List.of()
                : List.of(productKeyCodes.split(","));
    }

    @Bean("readProductKey")
    public JavaDelegate readProductKey() {
        return execution -> {
            ProductKey key = heldKey(execution);
            execution.setVariable("skuCode", key.skuCode());
            execution.setVariable("skuName", catalogue.find(key.skuCode()).map(Sku::name).orElse(key.skuCode()));
            execution.setVariable("licenses", key.licenses());
            execution.setVariable("termMonths", key.termMonths());
            execution.setVariable("subscriptionStatus", Subscription.Status.ACTIVE.name());
            execution.setVariable("subscriptionOrigin", Subscription.Origin.PRODUCT_KEY.name());
        };
    }

    @Bean("redeemProductKey")
    public JavaDelegate redeemProductKey() {
        return execution -> {
            ProductKey key = heldKey(execution);
            long customerId = ProcessVariables.number(execution, "customerId");
            long subscriptionId = ProcessVariables.number(execution, "subscriptionId");
            Subscription subscription = subscriptions.findById(subscriptionId).orElseThrow(
                    () -> new IllegalStateException("subscription " + subscriptionId + " does not exist"));
            if (subscription.customerId() != customerId) {
                throw new IllegalStateException("subscription " + subscriptionId + " is not customer " + customerId + "'s");
            }
            if (key.redeemedAt() == null) {
                if (!keys.redeem(key.keyCode(), execution.getProcessInstanceId(), customerId, subscriptionId,
                        EngineClock.now())) {
                    throw new IllegalStateException("product key " + key.formatted() + " is no longer reserved by "
                            + execution.getProcessBusinessKey());
                }
                audit.record(actor(execution), "PRODUCT_KEY_REDEEMED", key.partnerId(), customerId,
                        execution.getProcessBusinessKey(), key.formatted() + " → subscription " + subscriptionId + " ("
                                + key.skuCode() + " × " + key.licenses() + ", " + key.termMonths() + " months)",
                        AuditLog.plain(key.formatted()), AuditLog.plain(catalogue.find(key.skuCode())
                                .map(com.partnercenter.catalogue.Sku::name).orElse(key.skuCode())),
                        AuditLog.number(key.licenses()), AuditLog.number(key.termMonths()));
            } else if (!Long.valueOf(subscriptionId).equals(key.redeemedSubscriptionId())) {
                throw new IllegalStateException("product key " + key.formatted() + " was redeemed for subscription "
                        + key.redeemedSubscriptionId() + ", not " + subscriptionId);
            }
        };
    }

    /** The loop's key, held by this instance. */
    private ProductKey heldKey(DelegateExecution execution) {
        String code = String.valueOf(execution.getVariable("productKey"));
        ProductKey key = keys.find(code).orElseThrow(
                () -> new IllegalStateException("product key " + code + " does not exist"));
        if (!execution.getProcessInstanceId().equals(key.reservedBy())) {
            throw new IllegalStateException("product key " + key.formatted() + " is not reserved by "
                    + execution.getProcessBusinessKey() + " (reserved by " + key.reservedBy() + ")");
        }
        return key;
    }

    private Partner partner(DelegateExecution execution) {
        long partnerId = ProcessVariables.number(execution, "partnerId");
        return partners.findById(partnerId).orElseThrow();
    }

    private List<String> codes(DelegateExecution execution) {
        return keysOf((String) execution.getVariable("productKeyCodes"));
    }

    static String actor(DelegateExecution execution) {
        Object initiator = execution.getVariable("initiator");
        return initiator == null ? "process" : initiator.toString();
    }

    private static String string(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
