package com.partnercenter.acceptance;

import com.partnercenter.customer.CustomerFields;
import com.partnercenter.platform.Countries;
import com.partnercenter.platform.EmailAddresses;
import com.partnercenter.platform.HumanText;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.Map;
import org.springframework.validation.Errors;

/**
 * What a customer fills in on an accept page. Required fields and formats are checked by the annotations; the typed
 * texts follow the text rule ({@link #checkText}: no control or format character, bounded length). Messages come
 * from messages*.properties in the page's language.
 */
public class AcceptanceForm {

    /** The typed text fields and their kinds (the text rule, {@link HumanText}). */
    static final Map<String, HumanText.Kind> TEXT_FIELDS = Map.of(
            "organizationName", HumanText.Kind.ORGANIZATION_NAME,
            "adminFirstName", HumanText.Kind.PERSON_NAME,
            "adminLastName", HumanText.Kind.PERSON_NAME,
            "adminEmail", HumanText.Kind.EMAIL,
            "domain", HumanText.Kind.LINE);

    @NotBlank(message = "{acceptance.organizationName.required}")
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
    private String adminFirstName;

    @NotBlank(message = "{acceptance.lastName.required}", groups = NewAdmin.class)
    private String adminLastName;

    @NotBlank(message = "{acceptance.email.required}")
    @Size(max = 254, message = "{acceptance.email.invalid}")
    @Email(regexp = "^[^\\p{Cntrl}\\s<>]+$", message = "{acceptance.email.invalid}")
    private String adminEmail;

    private boolean delegatedAdminConsent;

    /** License count per SKU code, as typed on a purchase offer's page (checked by the offer's flow). */
    private java.util.Map<String, String> licenses = new java.util.LinkedHashMap<>();

    /**
     * The text rule on every typed field that has no other error yet: a refused text replaces the field's format
     * message (the field message names the character or the length).
     */
    public void checkText(Errors errors) {
        TEXT_FIELDS.forEach((field, kind) -> {
            if (errors.hasFieldErrors(field) && !formatOnly(errors, field)) {
                return;
            }
            HumanText.Checked checked = HumanText.check(value(field), kind);
            if (!checked.ok()) {
                checked.rejectOn(errors, field);
            }
        });
    }

    /** True when the field's only errors are about its format (a hostile text also fails the format). */
    private static boolean formatOnly(Errors errors, String field) {
        return errors.getFieldErrors(field).stream().noneMatch(e -> "NotBlank".equals(e.getCode()));
    }

    private String value(String field) {
        return switch (field) {
            case "organizationName" -> organizationName;
            case "adminFirstName" -> adminFirstName;
            case "adminLastName" -> adminLastName;
            case "adminEmail" -> adminEmail;
            case "domain" -> domain;
            default -> throw new IllegalArgumentException(field);
        };
    }

    @AssertTrue(message = "{acceptance.email.invalid}")
    public boolean isAdminEmailDeliverable() {
        return adminEmail == null || adminEmail.isBlank() || adminEmail.length() > 254
                || EmailAddresses.isValid(adminEmail.trim());
    }

    @AssertTrue(message = "{acceptance.country.invalid}")
    public boolean isCountryKnown() {
        return country == null || country.isBlank() || Countries.isCountry(country.trim().toUpperCase(Locale.ROOT));
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
