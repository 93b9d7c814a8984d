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
 * Ending a delegated-administration relationship early, for either side: a partner user of the
 * relationship's partner or an admin of its customer, signed in with HTTP Basic like the REST API
 * (see {@code EngineConfiguration}: the same Camunda authentication filter guards {@code /api/*}).
 * The partner's customer page and the customer's pages call it.
 */
@RestController
public class RelationshipApiController {

    public record EndRequest(@Size(max = 1000) String comment) {}

    private final DelegatedAdminService service;
    private final IdentityService identity;
    private final com.partnercenter.partner.PartnerRepository partners;

    public RelationshipApiController(DelegatedAdminService service, IdentityService identity,
            com.partnercenter.partner.PartnerRepository partners) {
        this.service = service;
        this.identity = identity;
        this.partners = partners;
    }

    @PostMapping("/api/delegated-admin/relationships/{id}/end")
    public ResponseEntity<?> end(@PathVariable long id, @RequestBody(required = false) EndRequest body) {
        Authentication auth = identity.getCurrentAuthentication();
        if (auth == null) {
            return problem(HttpStatus.UNAUTHORIZED, "Sign in to end a relationship");
        }
        DelegatedAdminService.Side side = partners.findUserByUserId(auth.getUserId()).isPresent()
                ? DelegatedAdminService.Side.PARTNER : DelegatedAdminService.Side.CUSTOMER;
        try {
            service.end(id, side, auth.getUserId(), body == null ? null : body.comment());
            return ResponseEntity.noContent().build();
        } catch (SecurityException e) {
            return problem(HttpStatus.FORBIDDEN, "You may not end this relationship");
        } catch (IllegalStateException | org.camunda.bpm.engine.MismatchingMessageCorrelationException e) {
            return problem(HttpStatus.CONFLICT, "This relationship is not active");
        } catch (IllegalArgumentException e) {
            return problem(e.getMessage().contains("does not exist") ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST,
                    e.getMessage().contains("does not exist") ? "No such relationship" : e.getMessage());
        }
    }
}
