package com.partnercenter.partnerofrecord;

import static com.partnercenter.web.ApiResponses.isOperator;
import static com.partnercenter.web.ApiResponses.problem;

import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/subscriptions/{id}/history} (HTTP Basic): the subscription and its history, for the partner
 * users of its partner of record and for operators. Others get 403 (404 for an unknown subscription).
 */
@RestController
public class SubscriptionHistoryApiController {

    private final SubscriptionRepository subscriptions;
    private final PartnerOfRecordService service;
    private final PartnerRepository partners;
    private final IdentityService identity;

    public SubscriptionHistoryApiController(SubscriptionRepository subscriptions, PartnerOfRecordService service,
            PartnerRepository partners, IdentityService identity) {
        this.subscriptions = subscriptions;
        this.service = service;
        this.partners = partners;
        this.identity = identity;
    }

    @GetMapping(path = "/api/subscriptions/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> history(@PathVariable long id) {
        Authentication auth = identity.getCurrentAuthentication();
        if (auth == null) {
            return problem(HttpStatus.UNAUTHORIZED, "Sign in to see a subscription's history");
        }
        Optional<Subscription> subscription = subscriptions.findById(id);
        if (subscription.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "No such subscription");
        }
        boolean operator = isOperator(auth);
        Optional<PartnerUser> user = partners.findUserByUserId(auth.getUserId());
        Long por = subscription.get().partnerOfRecordId();
        if (!operator && (user.isEmpty() || por == null || user.get().partnerId() != por)) {
            return problem(HttpStatus.FORBIDDEN, "Only the partner of record of this subscription sees its history");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subscription", subscription.get());
        body.put("history", service.history(id));
        return ResponseEntity.ok(body);
    }
}
