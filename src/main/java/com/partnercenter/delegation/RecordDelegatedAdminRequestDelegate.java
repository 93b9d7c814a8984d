package com.partnercenter.delegation;

import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.ProcessVariables;
import com.partnercenter.security.IdentityAdmin;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * BPMN "Record the pending request": checks the request and stores a PENDING relationship.
 *
 * <p>Inputs: {@code partnerId}; the customer as {@code customerId} (callers) or {@code customerDomain}
 * (start form); {@code adminRole} FULL/LIMITED; {@code durationDays} ({@value #MIN_DAYS}..{@value #MAX_DAYS},
 * default {@value #DEFAULT_DAYS}); {@code autoExtend} (not with FULL). The customer must be one of the
 * partner's, with no pending or active relationship with it. Any refusal is BPMN error
 * {@code INVALID_REQUEST} with a message for the partner. Outputs: {@code relationshipId},
 * {@code customerId}, {@code customerName}, {@code customerGroupId}, normalized request variables. The
 * customer's admins may then see the review task: their group joins the partner's tenant. With
 * {@code preApproved=true} (application starts only) the customer already agreed: no review task.
 */
@Component("recordDelegatedAdminRequest")
public class RecordDelegatedAdminRequestDelegate implements JavaDelegate {

    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 730;
    public static final int DEFAULT_DAYS = 365;
    static final String INVALID_REQUEST = "INVALID_REQUEST";

    private final RelationshipRepository relationships;
    private final CustomerRepository customers;
    private final PartnerRepository partners;
    private final IdentityAdmin identity;
    private final com.partnercenter.platform.TypedVariables typed;

    public RecordDelegatedAdminRequestDelegate(RelationshipRepository relationships, CustomerRepository customers,
            PartnerRepository partners, IdentityAdmin identity, com.partnercenter.platform.TypedVariables typed) {
        this.typed = typed;
        this.relationships = relationships;
        this.customers = customers;
        this.partners = partners;
        this.identity = identity;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long partnerId = ProcessVariables.number(execution, "partnerId");
        Partner partner = partners.findById(partnerId).orElseThrow();
        // typed in the start form (the text rule), before it is looked up or echoed in a refusal
        typed.require(execution, "customerDomain", com.partnercenter.platform.HumanText.Kind.LINE);
        AdminRole role = role(execution.getVariable("adminRole"));
        int days = days(execution.getVariable("durationDays"));
        boolean autoExtend = Boolean.TRUE.equals(execution.getVariable("autoExtend"))
                || "true".equals(String.valueOf(execution.getVariable("autoExtend")));
        if (autoExtend && role == AdminRole.FULL) {
            throw refuse("Full administration cannot be renewed automatically: choose Limited administration or "
                    + "no automatic renewal");
        }
        Customer customer = customer(execution, partner);
        Optional<Relationship> open = relationships.findOpen(partnerId, customer.id());
        if (open.isPresent()) {
            throw alreadyOpen(customer, open.get());
        }
        long id;
        try {
            id = relationships.insertPending(partnerId, customer.id(), role, autoExtend, days,
                    execution.getProcessInstanceId());
        } catch (DuplicateKeyException race) {
            throw alreadyOpen(customer, relationships.findOpen(partnerId, customer.id()).orElseThrow());
        }
        identity.ensureGroupInTenant(partner.tenantId(), customer.groupId());
        // a customer that already agreed (ticked it on an accept page confirmed from its admin mailbox) is not
        // asked again; only the application may say so, never a signed-in user starting the flow
        boolean userStart = com.partnercenter.platform.CommandUser.id() != null;
        boolean preApproved = !userStart && Boolean.TRUE.equals(execution.getVariable("preApproved"));
        execution.setVariable("preApproved", preApproved);
        if (preApproved) {
            execution.setVariable("reviewedBy", execution.getVariable("approvedBy"));
        }
        execution.setVariable("relationshipId", id);
        execution.setVariable("customerId", customer.id());
        execution.setVariable("customerName", customer.name());
        execution.setVariable("customerDomain", customer.domain());
        execution.setVariable("customerLanguage", customer.language());
        execution.setVariable("customerGroupId", customer.groupId());
        execution.setVariable("adminRole", role.name());
        execution.setVariable("durationDays", days);
        execution.setVariable("autoExtend", autoExtend);
    }

    private Customer customer(DelegateExecution execution, Partner partner) {
        Object id = execution.getVariable("customerId");
        Object domain = execution.getVariable("customerDomain");
        Optional<Customer> customer = id instanceof Number n ? customers.findById(n.longValue())
                : domain != null && !domain.toString().isBlank()
                        ? customers.findByDomain(domain.toString().trim().toLowerCase(Locale.ROOT))
                        : Optional.empty();
        if (customer.isEmpty() && id == null && (domain == null || domain.toString().isBlank())) {
            throw refuse("Choose the customer: enter the domain of one of your customers");
        }
        if (customer.isEmpty() || !customers.isPartnerOf(partner.id(), customer.get().id())) {
            throw refuse("'" + (domain != null ? domain : id) + "' is not one of " + partner.name() + "'s customers");
        }
        return customer.get();
    }

    private static BpmnError alreadyOpen(Customer customer, Relationship open) {
        return refuse("A delegated administration " + (open.status() == Relationship.Status.PENDING
                ? "request is already waiting for " : "relationship is already active with ") + customer.name()
                + " (" + open.role() + ", process instance " + open.processInstanceId() + "); end it before asking again");
    }

    static AdminRole role(Object value) {
        if (value == null) {
            throw refuse("Choose Full or Limited administration");
        }
        try {
            return AdminRole.valueOf(value.toString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw refuse("'" + value + "' is not an administration level (Full or Limited)");
        }
    }

    static int days(Object value) {
        if (value == null || value.toString().isBlank()) {
            return DEFAULT_DAYS;
        }
        double number;
        try {
            number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw refuse("Duration '" + value + "' is not a number of days (" + MIN_DAYS + " to " + MAX_DAYS + ")");
        }
        if (number != Math.rint(number) || number < MIN_DAYS || number > MAX_DAYS) {
            throw refuse("Duration of " + value + " days is outside " + MIN_DAYS + " to " + MAX_DAYS
                    + " days (1 day to 2 years)");
        }
        return (int) number;
    }

    private static BpmnError refuse(String message) {
        return new BpmnError(INVALID_REQUEST, message);
    }
}
