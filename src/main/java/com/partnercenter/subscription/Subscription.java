package com.partnercenter.subscription;

import java.time.LocalDate;

/** A customer's subscription to a SKU. */
public record Subscription(
        long id,
        long customerId,
        String skuCode,
        int licenses,
        Status status,
        Origin origin,
        LocalDate startDate,
        LocalDate endDate,
        Long partnerOfRecordId) {

    public enum Status { TRIAL, ACTIVE, EXPIRED, CANCELLED }

    public enum Origin { TRIAL_INVITATION, PURCHASE_OFFER, PRODUCT_KEY }
}
