package com.partnercenter.partner;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.platform.Countries;
import com.partnercenter.platform.EmailAddresses;
import com.partnercenter.platform.HumanText;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.Errors;

/**
 * The company profile customers see on every accept page and in every mail: only the partner's global admin
 * changes it. Every field is checked (the text rule within the lengths of the columns, phone, e-mail, web address,
 * country) and a bad one changes nothing; values are stored as typed and escaped wherever they are shown.
 */
@Service
public class PartnerProfile {

    /** Digits with an optional leading +, spaces, dots, dashes, parentheses; 6 to 40 characters. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{4,38}[0-9]");

    public record Form(String name, String addressLine, String postalCode, String city, String country, String phone,
            String supportEmail, String website) {}

    private final PartnerRepository partners;
    private final AuditLog audit;

    public PartnerProfile(PartnerRepository partners, AuditLog audit) {
        this.partners = partners;
        this.audit = audit;
    }

    /**
     * @throws SecurityException the user is not the partner's global admin
     */
    @Transactional
    public boolean update(PartnerUser user, Form form, Errors errors) {
        if (user.companyRole() != CompanyRole.GLOBAL_ADMIN) {
            throw new SecurityException(user.userId() + " is not a global admin");
        }
        Partner current = partners.findById(user.partnerId()).orElseThrow();
        String name = text(form.name(), "name", 200, true, errors);
        String address = text(form.addressLine(), "addressLine", 200, true, errors);
        String postal = text(form.postalCode(), "postalCode", 20, true, errors);
        String city = text(form.city(), "city", 100, true, errors);
        String country = text(form.country(), "country", 2, true, errors).toUpperCase(Locale.ROOT);
        if (!errors.hasFieldErrors("country") && !Countries.isCountry(country)) {
            errors.rejectValue("country", "profile.country.invalid");
        }
        String phone = text(form.phone(), "phone", 40, true, errors);
        if (!errors.hasFieldErrors("phone") && !PHONE.matcher(phone).matches()) {
            errors.rejectValue("phone", "profile.phone.invalid");
        }
        String email = text(form.supportEmail(), "supportEmail", 254, true, errors);
        if (!errors.hasFieldErrors("supportEmail") && !EmailAddresses.isValid(email)) {
            errors.rejectValue("supportEmail", "profile.supportEmail.invalid");
        }
        String website = text(form.website(), "website", 200, false, errors);
        if (!errors.hasFieldErrors("website") && !website.isEmpty() && !isWebsite(website)) {
            errors.rejectValue("website", "profile.website.invalid");
        }
        if (errors.hasErrors()) {
            return false;
        }
        Partner changed = new Partner(current.id(), current.advisorCode(), current.tenantId(), name, address, postal,
                city, country, phone, email, website.isEmpty() ? null : website, current.defaultLanguage(),
                current.authorizations());
        partners.updateProfile(changed);
        audit.record(user.userId(), "PROFILE_CHANGED", current.id(), null, null, "company profile changed");
        return true;
    }

    /** The field after the text rule ({@link HumanText}, one line of at most {@code max} characters); required or not. */
    private static String text(String value, String field, int max, boolean required, Errors errors) {
        HumanText.Checked checked = HumanText.check(value, HumanText.Kind.oneLine(max));
        if (checked.rejectOn(errors, field)) {
            return "";
        }
        if (checked.text().isEmpty() && required) {
            errors.rejectValue(field, "profile." + field + ".required");
        }
        return checked.text();
    }

    /** An absolute http(s) address with a host. */
    static boolean isWebsite(String value) {
        try {
            URI uri = new URI(value);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getHost().contains(".");
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
