package com.partnercenter.customermanagement;

import static com.partnercenter.web.ApiResponses.problem;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerService;
import com.partnercenter.web.ApiResponses;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit list of a customer as JSON ({@code GET /api/customers/{id}/audit}, HTTP Basic like the REST API):
 * operators see every row, a partner user the rows of its own partner for a customer its partner manages; anyone
 * else gets 404, as for a customer that does not exist.
 */
@RestController
public class CustomerAuditApiController {

    private final AuditLog audit;
    private final IdentityService identity;
    private final PartnerService partners;
    private final CustomerRepository customers;
    private final CustomerManagement management;

    public CustomerAuditApiController(AuditLog audit, IdentityService identity, PartnerService partners,
            CustomerRepository customers, CustomerManagement management) {
        this.audit = audit;
        this.identity = identity;
        this.partners = partners;
        this.customers = customers;
        this.management = management;
    }

    @GetMapping("/api/customers/{customerId}/audit")
    public ResponseEntity<?> audit(@PathVariable long customerId, @RequestParam(defaultValue = "200") int limit) {
        Authentication auth = identity.getCurrentAuthentication();
        if (auth == null) {
            return problem(HttpStatus.UNAUTHORIZED, "Sign in to read the audit list");
        }
        int rows = Math.max(1, Math.min(limit, 1000));
        if (ApiResponses.isOperator(auth)) {
            return customers.findById(customerId).<ResponseEntity<?>>map(c ->
                    ResponseEntity.ok(audit.forCustomer(customerId, null, rows)))
                    .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "No such customer"));
        }
        Optional<Partner> signedInPartner = partners.partnerOfUser(auth.getUserId());
        if (signedInPartner.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "No such customer");
        }
        Partner partner = signedInPartner.get();
        try {
            management.managed(partner, customerId);
        } catch (CustomerManagement.NotFound e) {
            return problem(HttpStatus.NOT_FOUND, "No such customer");
        }
        return ResponseEntity.ok(audit.forCustomer(customerId, partner.id(), rows));
    }
}
