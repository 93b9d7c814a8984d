package com.partnercenter.security;

/** Camunda group ids used by Partner Center (ids follow the engine's default whitelist: letters and digits). */
public final class Groups {
    /** Every partner user; holds the global partner authorizations. */
    public static final String PARTNERS = "partners";
    /** Operators: Cockpit and Admin, see everything (an engine admin group). */
    public static final String OPERATORS = "operators";
    /** Service accounts (the provisioning worker). */
    public static final String SERVICES = "services";
    /**
     * Monitoring accounts (a Prometheus scraper): may read the operational endpoints under /actuator (metrics,
     * health details) and nothing else; operators may too.
     */
    public static final String MONITORING = "monitoring";
    /** Every customer admin; may use Tasklist for their own tasks. */
    public static final String CUSTOMERS = "customers";

    public static final String PROVISIONING_USER = "svcprovisioning";

    private Groups() {}

    /** Group and tenant id of a partner, from its advisor code. */
    public static String partnerGroup(String advisorCode) {
        return "partner" + advisorCode;
    }

    /**
     * Group of a partner's users holding one admin role on their company (e.g. partnerCONTOSOglobaladmin), so
     * operators see in Admin who holds which role.
     */
    public static String partnerRoleGroup(String advisorCode, String role) {
        return "partner" + advisorCode + role.replace("_", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** Group of a customer's admins. */
    public static String customerGroup(long customerId) {
        return "customer" + customerId;
    }
}
