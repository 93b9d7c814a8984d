package com.partnercenter.delegation;

import static com.partnercenter.web.ApiResponses.problem;

import jakarta.validation.constraints.Size;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ending a delegated-administration relationship early, for either side, signed in with HTTP Basic like the REST
 * API (see {@code EngineConfiguration}: the same Camunda authentication filter guards {@code /api/*}): the rule of
 * {@link DelegatedAdminService#mayEnd}, which the partner's customer page and the customer's page apply too
 * (204; 403 without the right; 404 for a relationship the caller is on neither side of).
 */
@RestController
public class RelationshipApiController {

    public record EndRequest(@Size(max = 1000) String comment) {}

    private final DelegatedAdminService service;
    private final IdentityService identity;

    public RelationshipApiController(DelegatedAdminService service, IdentityService identity) {
        this.service = service;
        this.identity = identity;
    }

    @PostMapping("/api/delegated-admin/relationships/{id}/end")
    public ResponseEntity<?> end(@PathVariable long id, @RequestBody(required = false) EndRequest body) {
        Authentication auth = identity.getCurrentAuthentication();
        if (auth == null) {
            return problem(HttpStatus.UNAUTHORIZED, "Sign in to end a relationship");
        }
        try {
            service.end(id, auth.getUserId(), body == null ? null : body.comment());
            return ResponseEntity.noContent().build();
        } catch (java.util.NoSuchElementException e) {
            return problem(HttpStatus.NOT_FOUND, "No such relationship");
        } catch (SecurityException e) {
            return problem(HttpStatus.FORBIDDEN, "You may not end this relationship");
        } catch (IllegalStateException | org.camunda.bpm.engine.MismatchingMessageCorrelationException e) {
            return problem(HttpStatus.CONFLICT, "This relationship is not active");
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
