package com.partnercenter.acceptance;

import com.partnercenter.customer.NewCustomerFields;
import com.partnercenter.platform.HumanText;
import org.springframework.validation.Errors;

/**
 * What a customer fills in on an accept page. The new organization's fields follow their one rule
 * ({@link NewCustomerFields}: required fields, formats, messages from messages*.properties in the page's language,
 * {@link #validate}); the typed texts follow the text rule ({@link #checkText}: no control or format character,
 * bounded length).
 */
public class AcceptanceForm {

    private String organizationName;
    private String domain;
    private String country;
    private String language;
    private String adminFirstName;
    private String adminLastName;
    private String adminEmail;
    private boolean delegatedAdminConsent;

    /** License count per SKU code, as typed on a purchase offer's page (checked by the offer's flow). */
    private java.util.Map<String, String> licenses = new java.util.LinkedHashMap<>();

    /**
     * The text rule on every typed field that has no other error yet: a refused text replaces the field's format
     * message (the field message names the character or the length).
     */
    public void checkText(Errors errors) {
        for (NewCustomerFields.Field field : NewCustomerFields.Field.values()) {
            if (!field.typed() || errors.hasFieldErrors(field.property()) && !formatOnly(errors, field.property())) {
                continue;
            }
            HumanText.Checked checked = HumanText.check(value(field), field.kind());
            if (!checked.ok()) {
                checked.rejectOn(errors, field.property());
            }
        }
    }

    /**
     * The new organization's fields by their rule ({@link NewCustomerFields}), as field errors; the administrator's
     * name only when the page asks it ({@link FlowAcceptance#asksAdminName}).
     */
    public void validate(Errors errors, boolean asksAdminName) {
        for (NewCustomerFields.Problem problem : NewCustomerFields.problems(values(), asksAdminName)) {
            errors.rejectValue(problem.field().property(), problem.messageKey());
        }
    }

    /** True when the field's only errors are about its format (a hostile text also fails the format). */
    private static boolean formatOnly(Errors errors, String field) {
        return errors.getFieldErrors(field).stream().noneMatch(e -> e.getCode() != null
                && e.getCode().endsWith(".required"));
    }

    private NewCustomerFields.Values values() {
        return new NewCustomerFields.Values(organizationName, domain, country, language, adminFirstName,
                adminLastName, adminEmail);
    }

    private String value(NewCustomerFields.Field field) {
        return switch (field) {
            case ORGANIZATION_NAME -> organizationName;
            case DOMAIN -> domain;
            case COUNTRY -> country;
            case LANGUAGE -> language;
            case ADMIN_FIRST_NAME -> adminFirstName;
            case ADMIN_LAST_NAME -> adminLastName;
            case ADMIN_EMAIL -> adminEmail;
        };
    }

    /** Trimmed, normalized copy for storage. */
    public AcceptanceForm normalized() {
        NewCustomerFields.Values v = values().normalized();
        AcceptanceForm n = new AcceptanceForm();
        n.organizationName = v.organizationName();
        n.domain = v.domain();
        n.country = v.country();
        n.language = v.language();
        n.adminFirstName = v.adminFirstName() == null ? "" : v.adminFirstName();
        n.adminLastName = v.adminLastName() == null ? "" : v.adminLastName();
        n.adminEmail = v.adminEmail();
        n.delegatedAdminConsent = delegatedAdminConsent;
        n.licenses = new java.util.LinkedHashMap<>(licenses);
        return n;
    }

    public String getOrganizationName() { return organizationName; }
    public void setOrganizationName(String v) { this.organizationName = v; }
    public String getDomain() { return domain; }
    public void setDomain(String v) { this.domain = v; }
    public String getCountry() { return country; }
    public void setCountry(String v) { this.country = v; }
    public String getLanguage() { return language; }
    public void setLanguage(String v) { this.language = v; }
    public String getAdminFirstName() { return adminFirstName; }
    public void setAdminFirstName(String v) { this.adminFirstName = v; }
    public String getAdminLastName() { return adminLastName; }
    public void setAdminLastName(String v) { this.adminLastName = v; }
    public String getAdminEmail() { return adminEmail; }
    public void setAdminEmail(String v) { this.adminEmail = v; }
    public boolean isDelegatedAdminConsent() { return delegatedAdminConsent; }
    public void setDelegatedAdminConsent(boolean v) { this.delegatedAdminConsent = v; }
    public java.util.Map<String, String> getLicenses() { return licenses; }
    public void setLicenses(java.util.Map<String, String> v) { this.licenses = v == null ? new java.util.LinkedHashMap<>() : v; }
}
