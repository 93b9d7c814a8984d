package com.partnercenter.catalogue;

import static com.partnercenter.web.ApiResponses.isOperator;
import static com.partnercenter.web.ApiResponses.problem;

import com.partnercenter.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue over HTTP Basic: {@code GET /api/catalogue} (any signed-in user: the offers are no secret) and
 * {@code PUT /api/catalogue/{code}} (operators only): adds or changes one SKU, 200 with it, or 422 with one error
 * per bad field and nothing stored. A change is audited and published ({@link CatalogueChanged}): the start forms
 * are made again from it in the same transaction.
 */
@RestController
public class CatalogueApiController {

    /** What an operator sends for a SKU (every field; no partial update). */
    public record SkuBody(String name, Boolean trialAllowed, Integer trialDays, Integer trialLicenses,
            Integer minLicenses, Integer maxLicenses, Integer termMonths, Boolean sellable) {}

    static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    private final CatalogueRepository catalogue;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    public CatalogueApiController(CatalogueRepository catalogue, IdentityService identity,
            ApplicationEventPublisher events, AuditLog audit) {
        this.catalogue = catalogue;
        this.identity = identity;
        this.events = events;
        this.audit = audit;
    }

    @GetMapping(path = "/api/catalogue", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> list() {
        if (identity.getCurrentAuthentication() == null) {
            return problem(HttpStatus.UNAUTHORIZED, "Sign in to read the catalogue");
        }
        return ResponseEntity.ok(catalogue.findAll());
    }

    @PutMapping(path = "/api/catalogue/{code}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
    public ResponseEntity<?> put(@PathVariable String code, @RequestBody(required = false) SkuBody body) {
        Authentication auth = identity.getCurrentAuthentication();
        if (auth == null) {
            return problem(HttpStatus.UNAUTHORIZED, "Sign in to change the catalogue");
        }
        if (!isOperator(auth)) {
            return problem(HttpStatus.FORBIDDEN, "Only operators change the catalogue");
        }
        List<String> errors = check(code, body);
        if (!errors.isEmpty()) {
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                    errors.size() + " field(s) refused; nothing was stored");
            detail.setProperty("errors", errors);
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(detail);
        }
        Sku sku = new Sku(code, body.name().strip(), body.trialAllowed(), body.trialDays(), body.trialLicenses(),
                body.minLicenses(), body.maxLicenses(), body.termMonths(), body.sellable());
        boolean added = catalogue.find(code).isEmpty();
        if (added) {
            catalogue.insert(sku);
        } else {
            catalogue.update(sku);
        }
        audit.record(auth.getUserId(), added ? "SKU_ADDED" : "SKU_CHANGED", null, null, null, sku.toString());
        events.publishEvent(new CatalogueChanged(code));
        return ResponseEntity.ok(catalogue.find(code).orElseThrow());
    }

    static List<String> check(String code, SkuBody body) {
        List<String> errors = new ArrayList<>();
        if (code == null || !CODE.matcher(code).matches()) {
            errors.add("code: 2 to 40 upper-case letters, digits or _, starting with a letter");
        }
        if (body == null) {
            errors.add("body: the SKU's fields are missing");
            return errors;
        }
        if (body.name() == null || body.name().isBlank() || body.name().length() > 200
                || body.name().chars().anyMatch(Character::isISOControl)) {
            errors.add("name: 1 to 200 characters on one line");
        }
        required(errors, "trialAllowed", body.trialAllowed());
        required(errors, "sellable", body.sellable());
        range(errors, "trialDays", body.trialDays(), 1, 365);
        range(errors, "trialLicenses", body.trialLicenses(), 1, 1_000_000);
        range(errors, "minLicenses", body.minLicenses(), 1, 1_000_000);
        range(errors, "maxLicenses", body.maxLicenses(), 1, 1_000_000);
        range(errors, "termMonths", body.termMonths(), 1, 60);
        if (body.minLicenses() != null && body.maxLicenses() != null && body.maxLicenses() < body.minLicenses()) {
            errors.add("maxLicenses: at least minLicenses (" + body.minLicenses() + ")");
        }
        return errors;
    }

    private static void required(List<String> errors, String field, Object value) {
        if (value == null) {
            errors.add(field + ": required (true or false)");
        }
    }

    private static void range(List<String> errors, String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            errors.add(field + ": a whole number from " + min + " to " + max);
        }
    }
}
