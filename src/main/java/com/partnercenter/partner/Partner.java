package com.partnercenter.partner;

import java.util.EnumSet;
import java.util.Set;

/** A partner organization: company profile, public advisor code and program authorizations. */
public record Partner(
        long id,
        String advisorCode,
        String tenantId,
        String name,
        String addressLine,
        String postalCode,
        String city,
        String country,
        String phone,
        String supportEmail,
        String website,
        String defaultLanguage,
        Set<ProgramAuthorization> authorizations) {

    public boolean has(ProgramAuthorization authorization) {
        return authorizations.contains(authorization);
    }

    /** Camunda group of the partner's users; same id as its tenant. */
    public String groupId() {
        return tenantId;
    }

    public static Set<ProgramAuthorization> authorizations(boolean advisor, boolean delegated, boolean asp) {
        Set<ProgramAuthorization> set = EnumSet.noneOf(ProgramAuthorization.class);
        if (advisor) set.add(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        if (delegated) set.add(ProgramAuthorization.DELEGATED_ADMIN);
        if (asp) set.add(ProgramAuthorization.AUTHORIZED_SERVICE_PROVIDER);
        return set;
    }
}
