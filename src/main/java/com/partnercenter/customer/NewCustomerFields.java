package com.partnercenter.customer;

import com.partnercenter.platform.Countries;
import com.partnercenter.platform.EmailAddresses;
import com.partnercenter.platform.HumanText;
import com.partnercenter.platform.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one rule of a new customer's fields, wherever a new organization is entered — by its administrator on an accept
 * page ({@code acceptance.AcceptanceForm}), by a partner user setting up product keys for a new customer
 * ({@code productkey.ProductKeySetupRequest}): which fields are required, what a valid domain, country, language and
 * administrator address are, the text rule's kind of each typed field ({@link HumanText}: characters and length, which
 * every caller applies first), and the message of each problem ({@code customer.new.*} in messages*.properties, the
 * same text on every path, in the reader's language). Whether the domain is already a customer's is each flow's own
 * answer (an accept page offers to sign in, a partner is told it is another customer's).
 */
public final class NewCustomerFields {

    /** The fields of a new customer, by the name the accept page's form gives them. */
    public enum Field {
        ORGANIZATION_NAME("organizationName", HumanText.Kind.ORGANIZATION_NAME),
        DOMAIN("domain", HumanText.Kind.LINE),
        COUNTRY("country", HumanText.Kind.SHORT),
        LANGUAGE("language", HumanText.Kind.SHORT),
        ADMIN_FIRST_NAME("adminFirstName", HumanText.Kind.PERSON_NAME),
        ADMIN_LAST_NAME("adminLastName", HumanText.Kind.PERSON_NAME),
        ADMIN_EMAIL("adminEmail", HumanText.Kind.EMAIL);

        private final String property;
        private final HumanText.Kind kind;

        Field(String property, HumanText.Kind kind) {
            this.property = property;
            this.kind = kind;
        }

        /** The field's name on the accept page's form (its message keys end with it). */
        public String property() {
            return property;
        }

        /** The text rule's kind of what is typed into it. */
        public HumanText.Kind kind() {
            return kind;
        }

        /** Typed by hand on an accept page (its country and language are chosen from lists). */
        public boolean typed() {
            return this != COUNTRY && this != LANGUAGE;
        }

        private Problem problem(String what) {
            return new Problem(this, "customer.new." + property + "." + what);
        }
    }

    /** A problem of one field; {@code messageKey} is its text in messages*.properties (no argument). */
    public record Problem(Field field, String messageKey) {}

    /**
     * A new customer's fields as entered; {@link #normalized()} is how they are kept: blanks trimmed (blank is
     * missing), the domain and the language in lower case, the country in upper case.
     */
    public record Values(String organizationName, String domain, String country, String language,
            String adminFirstName, String adminLastName, String adminEmail) {

        public Values normalized() {
            return new Values(strip(organizationName), lower(strip(domain)), upper(strip(country)),
                    lower(strip(language)), strip(adminFirstName), strip(adminLastName), strip(adminEmail));
        }
    }

    private NewCustomerFields() {}

    /**
     * The problems of the fields, in the order of {@link Field}: each required field entered, a valid domain, a
     * country and a language of the program, a deliverable administrator address. The administrator's name is asked
     * only when {@code adminNamed} (an existing customer's administrator is on record).
     */
    public static List<Problem> problems(Values entered, boolean adminNamed) {
        Values v = entered.normalized();
        List<Problem> problems = new ArrayList<>();
        if (v.organizationName() == null) {
            problems.add(Field.ORGANIZATION_NAME.problem("required"));
        }
        if (v.domain() == null) {
            problems.add(Field.DOMAIN.problem("required"));
        } else if (!CustomerFields.isDomain(v.domain())) {
            problems.add(Field.DOMAIN.problem("invalid"));
        }
        if (v.country() == null) {
            problems.add(Field.COUNTRY.problem("required"));
        } else if (!Countries.isCountry(v.country())) {
            problems.add(Field.COUNTRY.problem("invalid"));
        }
        if (v.language() == null) {
            problems.add(Field.LANGUAGE.problem("required"));
        } else if (Language.exact(v.language()).isEmpty()) {
            problems.add(Field.LANGUAGE.problem("invalid"));
        }
        if (adminNamed && v.adminFirstName() == null) {
            problems.add(Field.ADMIN_FIRST_NAME.problem("required"));
        }
        if (adminNamed && v.adminLastName() == null) {
            problems.add(Field.ADMIN_LAST_NAME.problem("required"));
        }
        if (v.adminEmail() == null) {
            problems.add(Field.ADMIN_EMAIL.problem("required"));
        } else if (!EmailAddresses.isValid(v.adminEmail())) {
            problems.add(Field.ADMIN_EMAIL.problem("invalid"));
        }
        return problems;
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
