package com.partnercenter.productkey;

import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import static com.partnercenter.web.ApiResponses.isOperator;
import static com.partnercenter.web.ApiResponses.problem;

import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Product-key inventory over HTTP Basic (the Camunda authentication filter guards {@code /api/*}):
 * {@code GET /api/product-keys}: the signed-in partner user's partner's keys (state, customer, dates);
 * {@code POST /api/product-keys} (operators only): a CSV load, see {@link ProductKeyInventory}; 201 with the
 * count, or 422 with one error per bad line and nothing stored.
 */
@RestController
public class ProductKeyApiController {

    public record KeyView(String key, String sku, String skuName, int licenses, int termMonths, String state,
            Instant loadedAt, Instant redeemedAt, Long customerId, String customerName, String customerDomain,
            Long subscriptionId) {}

    private final ProductKeyRepository keys;
    private final ProductKeyInventory inventory;
    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final CatalogueRepository catalogue;
    private final IdentityService identity;
    private final Messages messages;

    public ProductKeyApiController(ProductKeyRepository keys, ProductKeyInventory inventory, PartnerRepository partners,
            CustomerRepository customers, CatalogueRepository catalogue, IdentityService identity, Messages messages) {
        this.messages = messages;
        this.keys = keys;
        this.inventory = inventory;
        this.partners = partners;
        this.customers = customers;
        this.catalogue = catalogue;
        this.identity = identity;
    }

    @GetMapping(path = "/api/product-keys", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> list(java.util.Locale locale) {
        Language language = Language.of(locale);
        Authentication auth = identity.getCurrentAuthentication();
        if (auth == null) {
            return problem(HttpStatus.UNAUTHORIZED, messages.text(language, "productKey.api.signInToList"));
        }
        Optional<PartnerUser> user = partners.findUserByUserId(auth.getUserId());
        if (user.isEmpty()) {
            return problem(HttpStatus.FORBIDDEN, messages.text(language, "productKey.api.partnerUsersOnly"));
        }
        Map<String, String> skuNames = new HashMap<>();
        Map<Long, Optional<Customer>> customerById = new HashMap<>();
        List<KeyView> views = keys.findByPartner(user.get().partnerId()).stream().map(k -> {
            Optional<Customer> customer = k.redeemedCustomerId() == null ? Optional.empty()
                    : customerById.computeIfAbsent(k.redeemedCustomerId(), customers::findById);
            return new KeyView(k.formatted(), k.skuCode(), skuNames.computeIfAbsent(k.skuCode(),
                    code -> catalogue.find(code).map(Sku::name).orElse(code)), k.licenses(), k.termMonths(),
                    k.state().name(), k.loadedAt(), k.redeemedAt(), k.redeemedCustomerId(),
                    customer.map(Customer::name).orElse(null), customer.map(Customer::domain).orElse(null),
                    k.redeemedSubscriptionId());
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unused", views.stream().filter(v -> v.state().equals("UNUSED")).count());
        body.put("keys", views);
        return ResponseEntity.ok(body);
    }

    @PostMapping(path = "/api/product-keys", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    public ResponseEntity<?> load(@RequestBody(required = false) String csv, java.util.Locale locale) {
        Language language = Language.of(locale);
        Authentication auth = identity.getCurrentAuthentication();
        if (auth == null) {
            return problem(HttpStatus.UNAUTHORIZED, messages.text(language, "productKey.api.signInToLoad"));
        }
        if (!isOperator(auth)) {
            return problem(HttpStatus.FORBIDDEN, messages.text(language, "productKey.api.operatorsOnly"));
        }
        ProductKeyInventory.LoadResult result = inventory.load(csv, auth.getUserId(), language);
        if (!result.ok()) {
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                    messages.text(language, "productKey.api.refused", String.valueOf(result.errors().size())));
            detail.setProperty("errors", result.errors());
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(detail);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("loaded", result.loaded()));
    }
}
