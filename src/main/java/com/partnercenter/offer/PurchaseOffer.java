package com.partnercenter.offer;

import java.util.List;

/**
 * A recorded purchase offer: its lines (SKU and proposed license count), the existing customer it is for
 * (null: an open offer), delegated administration asked (FULL, LIMITED or null) and its status.
 */
public record PurchaseOffer(long id, String processInstanceId, String businessKey, long partnerId, Long customerId,
        long linkId, String delegatedAdminRole, Status status, List<Line> lines) {

    public enum Status { OPEN, ACCEPTED, EXPIRED, REVOKED, SUPERSEDED }

    public record Line(int lineNo, String skuCode, int licenses) {}

    public boolean targeted() {
        return customerId != null;
    }
}
