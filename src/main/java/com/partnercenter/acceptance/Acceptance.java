package com.partnercenter.acceptance;

/** A stored acceptance, waiting for or having received the e-mail confirmation. */
public record Acceptance(
        long id,
        long linkId,
        String organizationName,
        String domain,
        String country,
        String language,
        String adminFirstName,
        String adminLastName,
        String adminEmail,
        boolean delegatedAdminConsent,
        String status,
        /* the existing customer its signed-in administrator took it for; null for a new organization */
        Long customerId) {}
