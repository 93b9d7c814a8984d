package com.partnercenter.partner;

import static com.partnercenter.web.ApiResponses.isOperator;
import static com.partnercenter.web.ApiResponses.problem;

import com.partnercenter.audit.AuditLog;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators set a partner's program authorizations over HTTP Basic: {@code PUT /api/partners/{advisorCode}/authorizations}
 * with a JSON list of {@link ProgramAuthorization} names (the whole set; an empty list takes them all away). 200 with
 * the partner's set, 403 for anyone else, 404 for an unknown partner, 422 for an unknown name (nothing changed). The
 * change is audited and published ({@link ProgramAuthorizationsChanged}): what its users may start in Tasklist follows
 * in the same transaction.
 */
@RestController
public class ProgramAuthorizationsApiController {

    private final PartnerRepository partners;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    public ProgramAuthorizationsApiController(PartnerRepository partners, IdentityService identity,
            ApplicationEventPublisher events, AuditLog audit) {
        this.partners = partners;
        this.identity = identity;
        this.events = events;
        this.audit = audit;
    }

    @PutMapping(path = "/api/partners/{advisorCode}/authorizations", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
    public ResponseEntity<?> put(@PathVariable String advisorCode, @RequestBody(required = false) List<String> names) {
        Authentication auth = identity.getCurrentAuthentication();
        if (auth == null) {
            return problem(HttpStatus.UNAUTHORIZED, "Sign in to change program authorizations");
        }
        if (!isOperator(auth)) {
            return problem(HttpStatus.FORBIDDEN, "Only operators set program authorizations");
        }
        Partner partner = partners.findByAdvisorCode(advisorCode).orElse(null);
        if (partner == null) {
            return problem(HttpStatus.NOT_FOUND, "No partner with advisor code " + advisorCode);
        }
        Set<ProgramAuthorization> set = EnumSet.noneOf(ProgramAuthorization.class);
        List<String> unknown = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            try {
                set.add(ProgramAuthorization.valueOf(name == null ? "" : name.trim()));
            } catch (IllegalArgumentException e) {
                unknown.add(String.valueOf(name));
            }
        }
        if (names == null || !unknown.isEmpty()) {
            ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, names == null
                    ? "Send the list of program authorizations, e.g. [\"SUBSCRIPTION_ADVISOR\"]"
                    : "Unknown program authorization(s) " + unknown + "; known: " + List.of(ProgramAuthorization.values()));
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(detail);
        }
        partners.updateAuthorizations(partner.id(), set);
        audit.record(auth.getUserId(), "PROGRAM_AUTHORIZATIONS_CHANGED", partner.id(), null, null,
                partner.authorizations() + " → " + set);
        events.publishEvent(new ProgramAuthorizationsChanged(partner.id()));
        return ResponseEntity.ok(Map.of("advisorCode", partner.advisorCode(), "authorizations", set));
    }
}
