package com.partnercenter.customer;

/** An admin user of a customer, backed by a Camunda user of the same id. */
public record CustomerAdmin(
        long id, long customerId, String userId, String firstName, String lastName, String email,
        boolean globalAdmin) {}
