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

    /** Whether this count of licenses is within the offer's bounds ({@link LicenseCounts}, the one rule). */
    public boolean allows(long licenses) {
        return LicenseCounts.check(licenses, this).ok();
    }
}
