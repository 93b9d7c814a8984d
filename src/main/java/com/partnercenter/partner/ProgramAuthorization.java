package com.partnercenter.partner;

/** Program authorizations of a partner; set by operators, never by the partner. */
public enum ProgramAuthorization {
    SUBSCRIPTION_ADVISOR("Subscription advisor", "Conseiller en abonnement"),
    DELEGATED_ADMIN("Delegated administration", "Administration déléguée"),
    AUTHORIZED_SERVICE_PROVIDER("Authorized service provider", "Fournisseur de services agréé");

    private final String labelEn;
    private final String labelFr;

    ProgramAuthorization(String labelEn, String labelFr) {
        this.labelEn = labelEn;
        this.labelFr = labelFr;
    }

    public String label(String language) {
        return "fr".equals(language) ? labelFr : labelEn;
    }
}
