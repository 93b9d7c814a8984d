package com.partnercenter.acceptance;

import com.partnercenter.customer.CustomerFields;
import com.partnercenter.platform.EmailAddresses;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/**
 * What a customer fills in on an accept page. Every field is bounded and refuses control characters
 * (CR/LF) and markup; messages come from messages*.properties in the page's language.
 */
public class AcceptanceForm {

    /** Letters, digits, spaces and common punctuation; no control characters, no angle brackets. */
    static final String SAFE_TEXT = "^[^\\p{Cntrl}<>]*$";

    @NotBlank(message = "{acceptance.organizationName.required}")
    @Size(max = 200, message = "{acceptance.organizationName.size}")
    @Pattern(regexp = SAFE_TEXT, message = "{acceptance.text.unsafe}")
    private String organizationName;

    @NotBlank(message = "{acceptance.domain.required}")
    @Size(max = 253, message = "{acceptance.domain.invalid}")
    @Pattern(regexp = CustomerFields.DOMAIN_PATTERN, message = "{acceptance.domain.invalid}")
    private String domain;

    @NotBlank(message = "{acceptance.country.required}")
    private String country;

    @NotBlank(message = "{acceptance.language.required}")
    @Pattern(regexp = "^(en|fr)$", message = "{acceptance.language.invalid}")
    private String language;

    /**
     * Validation group of the administrator's name: asked of a new organization's administrator only (an existing
     * customer's administrator is on record, see {@link FlowAcceptance#asksAdminName}).
     */
    public interface NewAdmin {}

    @NotBlank(message = "{acceptance.firstName.required}", groups = NewAdmin.class)
    @Size(max = 100, message = "{acceptance.name.size}")
    @Pattern(regexp = SAFE_TEXT, message = "{acceptance.text.unsafe}")
    private String adminFirstName;

    @NotBlank(message = "{acceptance.lastName.required}", groups = NewAdmin.class)
    @Size(max = 100, message = "{acceptance.name.size}")
    @Pattern(regexp = SAFE_TEXT, message = "{acceptance.text.unsafe}")
    private String adminLastName;

    @NotBlank(message = "{acceptance.email.required}")
    @Size(max = 254, message = "{acceptance.email.invalid}")
    @Email(regexp = "^[^\\p{Cntrl}\\s<>]+$", message = "{acceptance.email.invalid}")
    private String adminEmail;

    private boolean delegatedAdminConsent;

    /** License count per SKU code, as typed on a purchase offer's page (checked by the offer's flow). */
    private java.util.Map<String, String> licenses = new java.util.LinkedHashMap<>();

    @AssertTrue(message = "{acceptance.email.invalid}")
    public boolean isAdminEmailDeliverable() {
        return adminEmail == null || adminEmail.isBlank() || adminEmail.length() > 254
                || EmailAddresses.isValid(adminEmail.trim());
    }

    @AssertTrue(message = "{acceptance.country.invalid}")
    public boolean isCountryKnown() {
        return country == null || country.isBlank() || CustomerFields.isCountry(country.trim().toUpperCase(Locale.ROOT));
    }

    /** Trimmed, normalized copy for storage. */
    public AcceptanceForm normalized() {
        AcceptanceForm n = new AcceptanceForm();
        n.organizationName = organizationName.trim();
        n.domain = domain.trim().toLowerCase(Locale.ROOT);
        n.country = country.trim().toUpperCase(Locale.ROOT);
        n.language = language.trim();
        n.adminFirstName = adminFirstName == null ? "" : adminFirstName.trim();
        n.adminLastName = adminLastName == null ? "" : adminLastName.trim();
        n.adminEmail = adminEmail.trim();
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
