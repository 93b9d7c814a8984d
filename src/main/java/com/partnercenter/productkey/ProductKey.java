package com.partnercenter.productkey;

import java.time.Instant;

/** A purchased product key of a partner's inventory: SKU, license count and term; unused, reserved or redeemed. */
public record ProductKey(
        long id,
        String keyCode,
        long partnerId,
        String skuCode,
        int licenses,
        int termMonths,
        Instant loadedAt,
        String reservedBy,
        Instant reservedAt,
        Instant redeemedAt,
        Long redeemedCustomerId,
        Long redeemedSubscriptionId) {

    public enum State { UNUSED, RESERVED, USED }

    public State state() {
        return redeemedAt != null ? State.USED : reservedBy != null ? State.RESERVED : State.UNUSED;
    }

    /** XXXXX-XXXXX-XXXXX-XXXXX-XXXXX */
    public String formatted() {
        return ProductKeyCodec.format(keyCode);
    }
}
