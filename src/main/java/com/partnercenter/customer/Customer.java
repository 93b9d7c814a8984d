package com.partnercenter.customer;

import com.partnercenter.security.Groups;

/** A customer organization. */
public record Customer(long id, String name, String domain, String country, String language) {

    /** Camunda group of the customer's admins. */
    public String groupId() {
        return Groups.customerGroup(id);
    }
}
