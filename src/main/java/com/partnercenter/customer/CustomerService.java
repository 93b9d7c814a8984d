package com.partnercenter.customer;

import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.security.Groups;
import com.partnercenter.security.IdentityAdmin;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates customer organizations and their admin accounts (Camunda users in the customer's group). */
@Service
public class CustomerService {

    private final CustomerRepository customers;
    private final IdentityAdmin identity;
    private final PartnerRepository partners;

    private final org.springframework.context.ApplicationEventPublisher events;

    public CustomerService(CustomerRepository customers, IdentityAdmin identity, PartnerRepository partners,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.customers = customers;
        this.identity = identity;
        this.partners = partners;
    }

    /** Creates the customer and its Camunda group. */
    @Transactional
    public Customer createCustomer(String name, String domain, String country, String language, String requestKey) {
        Customer customer = customers.insert(name, domain, country, language, requestKey);
        identity.ensureGroup(customer.groupId(), abbreviate(name, 255), "CUSTOMER");
        return customer;
    }

    /**
     * Adds an admin to a customer: a Camunda user (id derived from customer id and e-mail), member of the
     * customer's group and of "customers". Without a password the account holds none (no sign-in succeeds) until its
     * set-password link sets one: no random password is hashed for nothing (the slow hash is the dearest step of a
     * customer's provisioning).
     */
    @Transactional
    public CustomerAdmin addAdmin(Customer customer, String firstName, String lastName, String email,
            String password) {
        var existing = customers.findAdminByEmail(customer.id(), email);
        if (existing.isPresent()) {
            return existing.get();
        }
        String userId = freeUserId(adminUserId(customer.id(), email));
        CustomerAdmin admin = customers.insertAdmin(customer.id(), userId, firstName, lastName, email, true);
        identity.ensureUser(userId, firstName, lastName, email, password);
        identity.ensureMembership(userId, customer.groupId());
        identity.ensureMembership(userId, Groups.CUSTOMERS);
        events.publishEvent(new com.partnercenter.security.AccountChanged(userId));
        return admin;
    }

    /**
     * Records that the partner serves the customer, and lets the customer's admins into the partner's
     * tenant, so that tasks the partner's flows give them (e.g. a delegated-administration review) are
     * theirs to see; what they may see inside it is still decided task by task.
     */
    @Transactional
    public void linkPartner(long partnerId, Customer customer) {
        customers.linkPartner(partnerId, customer.id());
        partners.findById(partnerId).ifPresent(p -> identity.ensureGroupInTenant(p.tenantId(), customer.groupId()));
    }

    /** Sign-in id of a customer admin: letters and digits only (the engine's id whitelist). */
    /**
     * The derived id, or its first free variant when an account already holds it: anyone may choose a sign-in id
     * like a derived one (a partner's user-management admin adds partner users by id), and an existing account
     * must never become the customer's admin.
     */
    private String freeUserId(String derived) {
        String userId = derived;
        for (int n = 2; identity.userExists(userId) || customers.userIdTaken(userId); n++) {
            userId = derived + "n" + n;
        }
        return userId;
    }

    public static String adminUserId(long customerId, String email) {
        String local = email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
        if (local.isEmpty()) {
            local = "admin";
        }
        return abbreviate(local, 40) + "c" + customerId;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
