package com.partnercenter.catalogue;

/** An offer of the catalogue. */
public record Sku(
        String code,
        String name,
        boolean trialAllowed,
        int trialDays,
        int trialLicenses,
        int minLicenses,
        int maxLicenses,
        int termMonths,
        boolean sellable) {

    public boolean allows(long licenses) {
        return licenses >= minLicenses && licenses <= maxLicenses;
    }
}
