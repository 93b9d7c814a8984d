package com.partnercenter.delegation;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.ProgramAuthorization;
import org.camunda.bpm.engine.delegate.BpmnError;

/** Delegated administration asked for in an offer (trial invitation, purchase offer), checked at its start. */
public final class RequestedRole {

    private RequestedRole() {}

    /**
     * FULL or LIMITED (default LIMITED) when {@code include} is true, else null. A partner without the Delegated
     * administration authorization, or another level: BPMN error INVALID_REQUEST ({@code what}: "the
     * invitation", "the offer").
     */
    public static String of(Partner partner, Object include, Object role, String what) {
        if (!Boolean.TRUE.equals(include)) {
            return null;
        }
        if (!partner.has(ProgramAuthorization.DELEGATED_ADMIN)) {
            throw new BpmnError("INVALID_REQUEST", partner.name() + " does not hold the Delegated administration "
                    + "authorization: send " + what + " without delegated administration");
        }
        return role == null ? AdminRole.LIMITED.name() : RecordDelegatedAdminRequestDelegate.role(role).name();
    }
}
