package com.partnercenter.productkey;

import static com.partnercenter.platform.FlowErrors.INVALID_REQUEST;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.customer.Customer;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.platform.HumanText;
import com.partnercenter.platform.ProcessVariables;
import com.partnercenter.platform.TypedVariables;
import com.partnercenter.request.FlowRequest;
import com.partnercenter.request.FlowRequests;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps of processes/product-key-setup.bpmn that belong to product keys. Every refusal is the BPMN
 * error {@code INVALID_REQUEST} with a message for the partner user, in its language
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
 *   <li>"Create the subscription" (external task, {@code subscriptionFrom = productKey}): the provisioning worker
 *       reads SKU, licenses and term of the loop's {@code productKey} from its row ({@link ProductKeySubscriptionSource}).</li>
 *   <li>{@code ${redeemProductKey}} "Record the key redeemed": the key gets customer, subscription and time (the
 *       subscription was created with the key's term: {@code termMonths} above).</li>
 * </ul>
 */
@Configuration
public class ProductKeySetupDelegates {


    private final ProductKeyRepository keys;
    private final PartnerRepository partners;
    private final SubscriptionRepository subscriptions;
    private final AuditLog audit;
    private final ProductKeySetupRequest request;
    private final FlowRequests requests;
    private final TypedVariables typed;
    private final com.partnercenter.catalogue.CatalogueRepository catalogue;

    /** The start form's typed fields and their kinds (the text rule, checked before anything else). */
    static final java.util.Map<String, HumanText.Kind> TYPED_FIELDS = new java.util.LinkedHashMap<>();

    static {
        TYPED_FIELDS.put("productKeys", HumanText.Kind.multiLine(2000));
        TYPED_FIELDS.put("customerDomain", HumanText.Kind.LINE);
        TYPED_FIELDS.put("customerName", HumanText.Kind.ORGANIZATION_NAME);
        TYPED_FIELDS.put("customerCountry", HumanText.Kind.SHORT);
        TYPED_FIELDS.put("adminFirstName", HumanText.Kind.PERSON_NAME);
        TYPED_FIELDS.put("adminLastName", HumanText.Kind.PERSON_NAME);
        TYPED_FIELDS.put("adminEmail", HumanText.Kind.EMAIL);
    }

    public ProductKeySetupDelegates(ProductKeyRepository keys, PartnerRepository partners,
            SubscriptionRepository subscriptions, AuditLog audit,
            ProductKeySetupRequest request, FlowRequests requests, TypedVariables typed,
            com.partnercenter.catalogue.CatalogueRepository catalogue) {
        this.catalogue = catalogue;
        this.typed = typed;
        this.request = request;
        this.requests = requests;
        this.keys = keys;
        this.partners = partners;
        this.subscriptions = subscriptions;
        this.audit = audit;
    }

    static ProductKeySetupRequest.Texts texts(DelegateExecution execution) {
        return new ProductKeySetupRequest.Texts(String.valueOf(execution.getVariable("partnerUserLanguage")));
    }

    @Bean("checkProductKeySetup")
    public JavaDelegate checkProductKeySetup() {
        return execution -> {
            List<String> typedProblems = new ArrayList<>();
            TYPED_FIELDS.forEach((field, kind) -> typed.problem(execution, field, kind).ifPresent(typedProblems::add));
            if (!typedProblems.isEmpty()) {
                // a refused text is never echoed in the other checks' messages
                throw new BpmnError(INVALID_REQUEST, String.join("\n", typedProblems));
            }
            ProductKeySetupRequest.Checked checked = request.check(partner(execution), execution::getVariable,
                    texts(execution));
            if (!checked.problems().isEmpty()) {
                throw new BpmnError(INVALID_REQUEST, String.join("\n", checked.problems()));
            }
            String instance = execution.getProcessInstanceId();
            if (checked.newCustomer()) {
                requests.setNewCustomer(instance, new FlowRequest.NewCustomer(checked.name(), checked.domain(),
                        checked.country(), checked.language(), checked.adminFirstName(), checked.adminLastName(),
                        checked.adminEmail()));
                execution.setVariable("newCustomer", true);
                execution.setVariable("customerDomain", checked.domain());
                execution.setVariable("customerCountry", checked.country());
                execution.setVariable("customerLanguage", checked.language());
                execution.setVariable("customerName", checked.name());
                execution.setVariable("adminFirstName", checked.adminFirstName());
                execution.setVariable("adminLastName", checked.adminLastName());
                execution.setVariable("adminEmail", checked.adminEmail());
            } else {
                Customer c = checked.customer();
                requests.setCustomer(instance, c.id());
                execution.setVariable("newCustomer", false);
                execution.setVariable("customerId", c.id());
                execution.setVariable("customerName", c.name());
                execution.setVariable("customerDomain", c.domain());
                execution.setVariable("customerLanguage", c.language());
                execution.setVariable("customerCreated", false);
            }
            requests.setDelegatedAdminRole(instance, checked.delegatedAdmin());
            execution.setVariable("productKeyCodes", String.join(",", checked.codes()));
            execution.setVariable("productKeyCount", checked.codes().size());
            execution.setVariable("offerDelegatedAdmin", checked.offerDelegatedAdmin());
            execution.setVariable("adminRole", checked.delegatedAdmin());
        };
    }

    @Bean("reserveProductKeys")
    public JavaDelegate reserveProductKeys() {
        return execution -> {
            ProductKeySetupRequest.Texts tx = texts(execution);
            Partner partner = partner(execution);
            String reservation = execution.getProcessInstanceId();
            Instant now = EngineClock.now();
            List<String> problems = new ArrayList<>();
            for (String code : codes(execution)) {
                if (!keys.reserve(code, partner.id(), reservation, now)) {
                    problems.add(ProductKeySetupRequest.alreadyUsed(ProductKeyCodec.format(code), tx));
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
                audit.record(actor(execution), "PRODUCT_KEYS_RELEASED", requests.partnerIdOf(execution), null,
                        execution.getProcessBusinessKey(),
                        released + " key(s) given back to the inventory");
            }
        };
    }

    /** The loop of the model runs over the keys of the request. */
    public List<String> keysOf(String productKeyCodes) {
        return productKeyCodes == null || productKeyCodes.isBlank() ? List.of()
                : List.of(productKeyCodes.split(","));
    }

    @Bean("redeemProductKey")
    public JavaDelegate redeemProductKey() {
        return execution -> {
            ProductKey key = heldKey(execution);
            long customerId = requests.customerIdOf(execution);
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
        return partners.findById(requests.of(execution).partnerId()).orElseThrow();
    }

    private List<String> codes(DelegateExecution execution) {
        return keysOf((String) execution.getVariable("productKeyCodes"));
    }

    /** Who the audit names: the user who asked for the setup (its request's), else the process. */
    private String actor(DelegateExecution execution) {
        return AuditLog.actor(requests.requestedByOf(execution), execution.getProcessBusinessKey());
    }

}
