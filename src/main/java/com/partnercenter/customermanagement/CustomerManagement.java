package com.partnercenter.customermanagement;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.LicenseCounts;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.delegation.CustomerAccess;
import com.partnercenter.delegation.CustomerAccess.Action;
import com.partnercenter.delegation.DelegatedAdminService;
import com.partnercenter.delegation.Relationship;
import com.partnercenter.delegation.RelationshipRepository;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerProcesses;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.platform.AsApplication;
import com.partnercenter.platform.BusinessKeys;
import com.partnercenter.platform.Enums;
import com.partnercenter.platform.HumanText;
import com.partnercenter.platform.Secrets;
import com.partnercenter.security.Groups;
import com.partnercenter.security.IdentityAdmin;
import com.partnercenter.servicerequest.ServiceRequest;
import com.partnercenter.servicerequest.ServiceRequestRepository;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/**
 * What a partner user does for a customer its partner manages, within its role on it ({@link CustomerAccess}):
 * change a license count (Full), open and follow service requests (Full), reset a customer user's password
 * (Limited: users who are not administrators; Full: everyone), end the delegated administration (Full, or the
 * partner's global admin). Each action is checked here, whatever page or API calls it; bad input is reported on
 * {@link Errors} with a message key and changes nothing; every action lands in the customer's audit list and
 * starts its small process (mails with retries) in the partner's tenant.
 */
@Service
public class CustomerManagement {

    /** The customer does not exist or the partner does not manage it: the same answer for both (404). */
    public static class NotFound extends RuntimeException {
        public NotFound() {
            super("no such customer");
        }
    }

    /** The user's role on the customer does not allow the action (403). */
    public static class Forbidden extends RuntimeException {
        public Forbidden(String message) {
            super(message);
        }
    }

    public static final String LICENSE_PROCESS = "licenseChange";
    public static final String SERVICE_REQUEST_PROCESS = "customerServiceRequest";
    public static final String SERVICE_REQUEST_STATUS_PROCESS = "customerServiceRequestStatus";
    public static final String PASSWORD_RESET_PROCESS = "customerPasswordReset";

    private final CustomerAccess access;
    private final CustomerRepository customers;
    private final SubscriptionRepository subscriptions;
    private final CatalogueRepository catalogue;
    private final ServiceRequestRepository serviceRequests;
    private final RelationshipRepository relationships;
    private final DelegatedAdminService delegatedAdmin;
    private final PartnerProcesses processes;
    private final AuditLog audit;
    private final IdentityAdmin identity;
    private final org.camunda.bpm.engine.IdentityService engineIdentity;

    private final org.springframework.context.ApplicationEventPublisher events;

    public CustomerManagement(IdentityAdmin identity, org.camunda.bpm.engine.IdentityService engineIdentity, CustomerAccess access, CustomerRepository customers, SubscriptionRepository subscriptions,
            CatalogueRepository catalogue, ServiceRequestRepository serviceRequests,
            RelationshipRepository relationships, DelegatedAdminService delegatedAdmin, PartnerProcesses processes,
            AuditLog audit, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.identity = identity;
        this.engineIdentity = engineIdentity;
        this.access = access;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.catalogue = catalogue;
        this.serviceRequests = serviceRequests;
        this.relationships = relationships;
        this.delegatedAdmin = delegatedAdmin;
        this.processes = processes;
        this.audit = audit;
    }

    /** The customer, when the partner manages it ({@link CustomerAccess#manages}); otherwise {@link NotFound}. */
    public Customer managed(Partner partner, long customerId) {
        if (!access.manages(partner, customerId)) {
            throw new NotFound();
        }
        return customers.findById(customerId).orElseThrow(NotFound::new);
    }

    // ---- license count

    @Transactional
    public String changeLicenses(PartnerUser user, Partner partner, long customerId, long subscriptionId,
            String licensesText, Errors errors) {
        Customer customer = managed(partner, customerId);
        require(user, partner, customerId, Action.MANAGE_SUBSCRIPTIONS);
        Subscription subscription = subscriptions.findById(subscriptionId)
                .filter(s -> s.customerId() == customerId).orElseThrow(NotFound::new);
        Sku sku = catalogue.find(subscription.skuCode()).orElseThrow();
        Integer licenses = parseLicenses(licensesText, sku, subscription, errors);
        if (licenses == null) {
            return null;
        }
        if (!subscriptions.updateLicenses(subscriptionId, subscription.licenses(), licenses)) {
            errors.rejectValue("licenses", "customer.licenses.changedMeanwhile");
            return null;
        }
        return startAndAudit(user, partner, customer, LICENSE_PROCESS, "LICENSES", Map.of(
                        "subscriptionId", subscriptionId,
                        "changeOldValue", String.valueOf(subscription.licenses()),
                        "changeNewValue", String.valueOf(licenses),
                        "initiator", user.userId()),
                "LICENSES_CHANGED", sku.name() + " (subscription " + subscriptionId + "): " + subscription.licenses()
                        + " → " + licenses, AuditLog.plain(sku.name()), AuditLog.number(subscription.licenses()),
                AuditLog.number(licenses));
    }

    private static Integer parseLicenses(String text, Sku sku, Subscription subscription, Errors errors) {
        String value = text == null ? "" : text.trim();
        if (subscription.status() != Subscription.Status.ACTIVE) {
            errors.rejectValue("licenses", "customer.licenses.notActive");
            return null;
        }
        if (value.isEmpty()) {
            errors.rejectValue("licenses", "customer.licenses.required");
            return null;
        }
        LicenseCounts.Checked checked = LicenseCounts.check(value, sku);
        if (!checked.ok()) {
            switch (checked.problem()) {
                case MISSING -> errors.rejectValue("licenses", "customer.licenses.required");
                case NOT_A_NUMBER, NOT_WHOLE -> errors.rejectValue("licenses", "customer.licenses.whole");
                case BELOW_MIN -> errors.rejectValue("licenses", "customer.licenses.min",
                        new Object[] {sku.minLicenses(), sku.name()}, null);
                case ABOVE_MAX -> errors.rejectValue("licenses", "customer.licenses.max",
                        new Object[] {sku.maxLicenses(), sku.name()}, null);
            }
            return null;
        }
        int licenses = checked.count();
        if (licenses == subscription.licenses()) {
            errors.rejectValue("licenses", "customer.licenses.unchanged");
            return null;
        }
        return licenses;
    }

    // ---- service requests

    @Transactional
    public Long openServiceRequest(PartnerUser user, Partner partner, long customerId, String subject,
            String description, String severity, Errors errors) {
        Customer customer = managed(partner, customerId);
        require(user, partner, customerId, Action.MANAGE_SERVICE_REQUESTS);
        String s = typed(subject, HumanText.Kind.LINE, "subject", "serviceRequest.subject.required", errors);
        String d = typed(description, HumanText.Kind.DESCRIPTION, "description",
                "serviceRequest.description.required", errors);
        ServiceRequest.Severity level = Enums.parse(ServiceRequest.Severity.class, severity);
        if (level == null) {
            errors.rejectValue("severity", "serviceRequest.severity.invalid");
        }
        if (errors.hasErrors()) {
            return null;
        }
        String businessKey = BusinessKeys.next("SERVICEREQ", partner.advisorCode());
        long id = serviceRequests.insert(customerId, partner.id(), s, d, level, user.userId(), businessKey);
        startAndAuditUnder(user, partner, customer, SERVICE_REQUEST_PROCESS, businessKey, withPartnerCopy(user, Map.of(
                        "serviceRequestId", id,
                        "serviceRequestSubject", s,
                        "serviceRequestDescription", d,
                        "serviceRequestSeverity", level.name())),
                "SERVICE_REQUEST_OPENED", "#" + id + " (" + level + "): " + s, AuditLog.plain(id),
                AuditLog.text("portal.severity." + level), AuditLog.plain(s));
        return id;
    }

    /**
     * Sets the request's status and mails the customer's admins (copy to the user) through its own process, keyed
     * like the opening plus {@code -S{n}} for the n-th change; the same status again changes and mails nothing.
     */
    @Transactional
    public void changeServiceRequestStatus(PartnerUser user, Partner partner, long customerId, long requestId,
            String status, Errors errors) {
        Customer customer = managed(partner, customerId);
        require(user, partner, customerId, Action.MANAGE_SERVICE_REQUESTS);
        ServiceRequest request = serviceRequests.findById(requestId)
                .filter(r -> r.customerId() == customerId && r.partnerId() == partner.id())
                .orElseThrow(NotFound::new);
        ServiceRequest.Status next = Enums.parse(ServiceRequest.Status.class, status);
        if (next == null) {
            errors.rejectValue("status", "serviceRequest.status.invalid");
            return;
        }
        if (next == request.status()) {
            return;
        }
        if (!serviceRequests.updateStatus(request, next)) {
            errors.rejectValue("status", "serviceRequest.status.changedMeanwhile");
            return;
        }
        int change = request.statusChanges() + 1;
        String opening = request.businessKey() != null ? request.businessKey()
                : BusinessKeys.next("SERVICEREQ", partner.advisorCode());
        startAndAuditUnder(user, partner, customer, SERVICE_REQUEST_STATUS_PROCESS, opening + "-S" + change,
                withPartnerCopy(user, Map.of(
                        "serviceRequestId", requestId,
                        "serviceRequestSubject", request.subject(),
                        "serviceRequestOldStatus", request.status().name(),
                        "serviceRequestStatus", next.name(),
                        "mailKey", "S" + change)),
                "SERVICE_REQUEST_STATUS", "#" + requestId + ": " + request.status() + " → " + next,
                AuditLog.plain(requestId), AuditLog.text("portal.srStatus." + request.status()),
                AuditLog.text("portal.srStatus." + next));
    }

    /** A typed field after the text rule, or "" with the field's error (its own message when it is required and empty). */
    private static String typed(String value, HumanText.Kind kind, String field, String requiredKey, Errors errors) {
        HumanText.Checked checked = HumanText.check(value, kind);
        if (checked.rejectOn(errors, field)) {
            return "";
        }
        if (checked.text().isEmpty()) {
            errors.rejectValue(field, requiredKey);
        }
        return checked.text();
    }

    /** The variables plus the partner user's address and language, for mails with {@code copyPartner=true}. */
    private static Map<String, Object> withPartnerCopy(PartnerUser user, Map<String, Object> variables) {
        Map<String, Object> all = new HashMap<>(variables);
        all.put("partnerUserEmail", user.email());
        all.put("partnerUserLanguage", user.language());
        return all;
    }

    // ---- password reset

    /** Mails the customer user a single-use link to choose a new password (7 days); returns the business key. */
    @Transactional
    public String resetPassword(PartnerUser user, Partner partner, long customerId, long customerUserId) {
        Customer customer = managed(partner, customerId);
        CustomerAdmin target = customers.findUsers(customerId).stream().filter(a -> a.id() == customerUserId)
                .findFirst().orElseThrow(NotFound::new);
        require(user, partner, customerId, target.globalAdmin() ? Action.RESET_ADMIN_PASSWORD
                : Action.RESET_USER_PASSWORD);
        // the previous password stops working now; an admin contact without an account gets one
        AsApplication.run(engineIdentity, () -> {
            if (!identity.ensureUser(target.userId(), target.firstName(), target.lastName(), target.email(),
                    Secrets.random())) {
                identity.setPassword(target.userId(), Secrets.random());
            }
            if (target.globalAdmin()) {
                // an admin's account sees the customer's tasks; a user who is no admin only signs in
                identity.ensureMembership(target.userId(), customer.groupId());
                identity.ensureMembership(target.userId(), Groups.CUSTOMERS);
                events.publishEvent(new com.partnercenter.security.AccountChanged(target.userId()));
            }
            return null;
        });
        return startAndAudit(user, partner, customer, PASSWORD_RESET_PROCESS, "PASSWORDRESET", Map.of(
                        "customerAdminUserId", target.userId(),
                        "mailTo", target.email(),
                        "mailLanguage", customer.language(),
                        "resetBy", user.displayName()),
                "PASSWORD_RESET", "reset link mailed to " + target.userId(),
                AuditLog.plain(target.firstName() + " " + target.lastName()));
    }

    // ---- delegated administration

    /** The active relationship of the partner with the customer, if any. */
    public Optional<Relationship> activeRelationship(Partner partner, long customerId) {
        return relationships.findOpen(partner.id(), customerId).filter(r -> r.status() == Relationship.Status.ACTIVE);
    }

    /** Whether the user may end the relationship: the one rule, {@link DelegatedAdminService#mayEnd}. */
    public boolean mayEndRelationship(PartnerUser user, Relationship relationship) {
        return delegatedAdmin.mayEnd(user.userId(), relationship.id()) == DelegatedAdminService.MayEnd.MAY;
    }

    /**
     * Ends the active relationship early, when {@link DelegatedAdminService#mayEnd} allows it (the same rule the API
     * and the customer's page apply): its partner's global admin, or Full administration of the customer.
     */
    @Transactional
    public void endRelationship(PartnerUser user, Partner partner, long customerId, String comment, Errors errors) {
        managed(partner, customerId);
        Relationship relationship = activeRelationship(partner, customerId).orElseThrow(NotFound::new);
        switch (delegatedAdmin.mayEnd(user.userId(), relationship.id())) {
            case UNKNOWN -> throw new NotFound();
            case FORBIDDEN -> throw new Forbidden("ending delegated administration needs Full administration or the "
                    + "global admin");
            case MAY -> { }
        }
        HumanText.Checked typedComment = HumanText.check(comment, HumanText.Kind.MESSAGE);
        if (typedComment.rejectOn(errors, "comment")) {
            return;
        }
        String c = typedComment.text();
        delegatedAdmin.end(relationship.id(), user.userId(), c.isEmpty() ? null : c);
        audit.record(user.userId(), "DELEGATED_ADMIN_ENDED", partner.id(), customerId, null,
                "relationship " + relationship.id() + " (" + relationship.role() + ") ended by the partner",
                AuditLog.text("portal.adminRole." + relationship.role()));
    }

    /** Starts the action's process for the customer (in the caller's transaction) and records it; its business key. */
    private String startAndAudit(PartnerUser user, Partner partner, Customer customer, String process, String flow,
            Map<String, Object> variables, String action, String details, String... args) {
        return startAndAuditUnder(user, partner, customer, process, BusinessKeys.next(flow, partner.advisorCode()),
                variables, action, details, args);
    }

    /** Like {@code startAndAudit}, under the given business key. */
    private String startAndAuditUnder(PartnerUser user, Partner partner, Customer customer, String process,
            String businessKey, Map<String, Object> variables, String action, String details, String... args) {
        Map<String, Object> all = new HashMap<>(variables);
        all.put("customerId", customer.id());
        all.put("customerName", customer.name());
        processes.startWithKey(process, businessKey, partner, all);
        audit.record(user.userId(), action, partner.id(), customer.id(), businessKey, details, args);
        return businessKey;
    }

    private void require(PartnerUser user, Partner partner, long customerId, Action action) {
        if (!access.may(user, partner, customerId, action)) {
            throw new Forbidden(user.userId() + " may not " + action + " for customer " + customerId);
        }
    }
}
