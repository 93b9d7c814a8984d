package com.partnercenter.delegation;

import static com.partnercenter.web.ApiResponses.problem;

import com.partnercenter.platform.HumanText;
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

    /** The comment follows the text rule ({@link HumanText.Kind#MESSAGE}). */
    public record EndRequest(String comment) {}

    private final DelegatedAdminService service;
    private final IdentityService identity;
    private final org.springframework.context.MessageSource messages;

    public RelationshipApiController(DelegatedAdminService service, IdentityService identity,
            org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.service = service;
        this.identity = identity;
    }

    @PostMapping("/api/delegated-admin/relationships/{id}/end")
    public ResponseEntity<?> end(@PathVariable long id, @RequestBody(required = false) EndRequest body) {
        Authentication auth = identity.getCurrentAuthentication();
        if (auth == null) {
            return problem(HttpStatus.UNAUTHORIZED, "Sign in to end a relationship");
        }
        HumanText.Checked comment = HumanText.check(body == null ? null : body.comment(), HumanText.Kind.MESSAGE);
        if (!comment.ok()) {
            // the text rule's field message, in the caller's language (Accept-Language)
            return problem(HttpStatus.BAD_REQUEST, "comment: " + comment.message(messages,
                    org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        try {
            service.end(id, auth.getUserId(), comment.text().isEmpty() ? null : comment.text());
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
