package com.partnercenter.provisioning;

/** What is needed to create a customer organization and its first admin. */
public record CustomerRequest(
        String name,
        String domain,
        String country,
        String language,
        String adminFirstName,
        String adminLastName,
        String adminEmail,
        Long partnerId) {}
