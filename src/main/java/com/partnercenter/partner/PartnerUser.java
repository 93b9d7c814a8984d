package com.partnercenter.partner;

/** A user of a partner organization, backed by a Camunda user of the same id. */
public record PartnerUser(
        long id,
        long partnerId,
        String userId,
        String firstName,
        String lastName,
        String email,
        String language,
        CompanyRole companyRole,
        SupportedAccess supportedAccess) {

    public String displayName() {
        return firstName + " " + lastName;
    }
}
