package com.partnercenter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.delegation.Relationship;
import com.partnercenter.delegation.RelationshipRepository;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.platform.HumanText;
import com.partnercenter.platform.HumanText.Kind;
import com.partnercenter.support.HostileText;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestData.CustomerWithAdmin;
import com.partnercenter.support.TestMail;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The text rule (platform.HumanText) on every typed field of every page and form, table-driven: each hostile
 * character class ({@link HostileText}) inside an otherwise valid value of each field answers 400 (pages) or the
 * model's refusal (start forms) with the field message in the user's language, and stores nothing.
 */
@IntegrationTest
class TextRuleOnEveryFieldTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired RuntimeService runtime;
    @Autowired com.partnercenter.link.LinkService links;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired JdbcClient jdbc;
    @Autowired MessageSource messages;
    @Autowired PartnerRepository partners;
    @Autowired RelationshipRepository relationships;
    @Autowired com.partnercenter.ratelimit.RateLimiter limiter;

    /** One typed field: its name, its kind, a valid value. */
    record Field(String name, Kind kind, String valid) {}

    // ---- accept page (public)

    @TestFactory
    Stream<DynamicTest> acceptPage() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        ProcessInstance pi = signedIn.start(user, partner, "customerSignup",
                Map.of("recipientEmail", "prospect@example.org", "recipientLanguage", "en", "linkValidityDays", 10));
        jobs.runAll(pi.getId());
        String path = com.partnercenter.support.TestLinks.invitationUrl(links, runtime, pi.getId()).replace("https://partners.test", "");
        long linkId = ((Number) runtime.getVariable(pi.getId(), "linkId")).longValue();
        List<Field> fields = List.of(new Field("organizationName", Kind.ORGANIZATION_NAME, "Acme Holdings"),
                new Field("adminFirstName", Kind.PERSON_NAME, "Ada"),
                new Field("adminLastName", Kind.PERSON_NAME, "Lovelace"),
                new Field("adminEmail", Kind.EMAIL, "ada@acme-holdings.example"),
                new Field("domain", Kind.LINE, "acme-holdings.example"));
        PartnerBrowser browser = PartnerBrowser.anonymous(port);
        return cases(fields, (field, sample, locale) -> {
            Map<String, String> form = new LinkedHashMap<>(Map.of("organizationName", "Acme Holdings",
                    "domain", "acme-holdings.example", "country", "FR", "language", "en", "adminFirstName", "Ada",
                    "adminLastName", "Lovelace", "adminEmail", "ada@acme-holdings.example"));
            String hostile = sample.inside(field.valid());
            form.put(field.name(), hostile);
            int mails = mail.getReceivedMessages().length;
            PartnerBrowser.Page page = browser.postRaw(path + "?lang=" + locale.getLanguage(), form);
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.body()).contains(expected(hostile, field.kind(), locale));
            assertThat(count("select count(*) from pc_acceptance where link_id = ?", linkId)).isZero();
            assertThat(mail.getReceivedMessages()).hasSize(mails);
        });
    }

    @Test
    void aConsentThatIsNeitherTickedNorEmptyGetsAFieldMessage() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        ProcessInstance pi = signedIn.start(user, partner, "customerSignup",
                Map.of("recipientEmail", "prospect@example.org", "recipientLanguage", "en", "linkValidityDays", 10));
        jobs.runAll(pi.getId());
        String path = com.partnercenter.support.TestLinks.invitationUrl(links, runtime, pi.getId()).replace("https://partners.test", "");
        Map<String, String> form = Map.of("organizationName", "Maybe Co", "domain", "maybe-co.example", "country",
                "FR", "language", "en", "adminFirstName", "Ada", "adminLastName", "Lovelace", "adminEmail",
                "ada@maybe-co.example", "delegatedAdminConsent", "maybe");
        PartnerBrowser browser = PartnerBrowser.anonymous(port);
        PartnerBrowser.Page en = browser.postRaw(path, form);
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.body()).contains("Tick the box to allow delegated administration, or leave it empty.");
        PartnerBrowser.Page fr = browser.postRaw(path + "?lang=fr", form);
        assertThat(fr.body()).contains("Cochez la case pour autoriser l’administration déléguée");
        assertThat(count("select count(*) from pc_acceptance where admin_email = ?", "ada@maybe-co.example")).isZero();
    }

    // ---- partner pages

    @TestFactory
    Stream<DynamicTest> companyProfile() {
        Partner partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser admin = data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        PartnerBrowser browser = PartnerBrowser.signIn(port, "default", admin.userId(), TestData.PASSWORD);
        List<Field> fields = List.of(new Field("name", Kind.oneLine(200), partner.name()),
                new Field("addressLine", Kind.oneLine(200), partner.addressLine()),
                new Field("postalCode", Kind.oneLine(20), partner.postalCode()),
                new Field("city", Kind.oneLine(100), partner.city()),
                new Field("country", Kind.oneLine(2), partner.country()),
                new Field("phone", Kind.oneLine(40), partner.phone()),
                new Field("supportEmail", Kind.oneLine(254), partner.supportEmail()),
                new Field("website", Kind.oneLine(200), partner.website()));
        return cases(fields, (field, sample, locale) -> {
            Map<String, String> form = new HashMap<>(Map.of("name", partner.name(), "addressLine",
                    partner.addressLine(), "postalCode", partner.postalCode(), "city", partner.city(), "country",
                    partner.country(), "phone", partner.phone(), "supportEmail", partner.supportEmail(), "website",
                    partner.website()));
            String hostile = sample.inside(field.valid());
            form.put(field.name(), hostile);
            PartnerBrowser.Page page = browser.post("/partner/profile?lang=" + locale.getLanguage(), form);
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.body()).contains(expected(hostile, field.kind(), locale));
            assertThat(partners.findById(partner.id()).orElseThrow()).isEqualTo(partner);
        });
    }

    @TestFactory
    Stream<DynamicTest> partnerUsers() {
        Partner partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser admin = data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        PartnerBrowser browser = PartnerBrowser.signIn(port, "default", admin.userId(), TestData.PASSWORD);
        List<Field> fields = List.of(new Field("firstName", Kind.PERSON_NAME, "Eve"),
                new Field("lastName", Kind.PERSON_NAME, "Martin"),
                new Field("email", Kind.EMAIL, "eve.martin@partner.example"));
        return cases(fields, (field, sample, locale) -> {
            String userId = TestData.unique("eve").toLowerCase(Locale.ROOT);
            Map<String, String> form = new HashMap<>(Map.of("userId", userId, "firstName", "Eve", "lastName",
                    "Martin", "email", "eve.martin@partner.example", "language", "en", "companyRole", "NONE",
                    "supportedAccess", "NONE"));
            String hostile = sample.inside(field.valid());
            form.put(field.name(), hostile);
            PartnerBrowser.Page page = browser.post("/partner/users?lang=" + locale.getLanguage(), form);
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.body()).contains(expected(hostile, field.kind(), locale));
            assertThat(partners.findUserByUserId(userId)).isEmpty();
            assertThat(identity.createUserQuery().userId(userId).count()).isZero();
        });
    }

    // ---- customer pages (partner side) and the customer admin's page

    @TestFactory
    Stream<DynamicTest> customerPages() {
        Partner partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser full = data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL);
        CustomerWithAdmin customer = data.customerOf(partner);
        long relationshipId = acceptedRelationship(partner, full, customer);
        String page = "/partner/customers/" + customer.customer().id();
        PartnerBrowser byPartner = PartnerBrowser.signIn(port, "default", full.userId(), TestData.PASSWORD);
        PartnerBrowser byCustomer = PartnerBrowser.signIn(port, "default", customer.admin().userId(),
                TestData.PASSWORD);
        byCustomer.get("/customer/delegated-admin");
        List<DynamicTest> all = new ArrayList<>();
        all.addAll(cases(List.of(new Field("subject", Kind.LINE, "Mailbox quota"),
                new Field("description", Kind.DESCRIPTION, "The mailbox is full.\nPlease raise the quota.")),
                (field, sample, locale) -> {
                    Map<String, String> form = new HashMap<>(Map.of("subject", "Mailbox quota", "description",
                            "The mailbox is full.", "severity", "NORMAL"));
                    String hostile = sample.inside(field.valid());
                    form.put(field.name(), hostile);
                    PartnerBrowser.Page answer = byPartner.post(page + "/service-requests?lang="
                            + locale.getLanguage(), form);
                    assertThat(answer.status()).isEqualTo(400);
                    assertThat(answer.body()).contains(expected(hostile, field.kind(), locale));
                    assertThat(count("select count(*) from pc_service_request where customer_id = ?",
                            customer.customer().id())).isZero();
                }).toList());
        all.addAll(cases(List.of(new Field("comment", Kind.MESSAGE, "Contract over.\nThank you.")),
                (field, sample, locale) -> {
                    String hostile = sample.inside(field.valid());
                    PartnerBrowser.Page answer = byPartner.post(page + "/end-relationship?lang=" + locale.getLanguage(),
                            Map.of("comment", hostile));
                    assertThat(answer.status()).isEqualTo(400);
                    assertThat(answer.body()).contains(expected(hostile, field.kind(), locale));
                    PartnerBrowser.Page own = byCustomer.post("/customer/delegated-admin/" + relationshipId
                            + "/end?lang=" + locale.getLanguage(), Map.of("comment", hostile));
                    assertThat(own.status()).isEqualTo(400);
                    assertThat(own.body()).contains(expected(hostile, field.kind(), locale));
                    assertThat(relationships.findById(relationshipId).orElseThrow().status())
                            .isEqualTo(Relationship.Status.ACTIVE);
                }).toList());
        return all.stream();
    }

    // ---- start forms (the delegates that read the fields; see TypedVariables)

    @TestFactory
    Stream<DynamicTest> startForms() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser english = data.user(partner, SupportedAccess.FULL);
        PartnerUser french = frenchUser(partner);
        CustomerWithAdmin customer = data.customerOf(partner);
        var trialSku = data.sku(true, 1, 300);
        var offerSku = data.sku(false, 1, 300);
        String key = data.productKey(partner, offerSku, 10, 12);
        List<DynamicTest> all = new ArrayList<>();
        all.addAll(startCases("customerSignup", english, french, partner,
                Map.of("recipientEmail", "prospect@example.org", "recipientLanguage", "en", "linkValidityDays", 10),
                List.of(new Field("recipientEmail", Kind.EMAIL, "prospect@example.org"),
                        new Field("personalMessage", Kind.MESSAGE, "Hello,\nhere is your link."))));
        all.addAll(startCases("trialInvitation", english, french, partner,
                Map.of("skuCode", trialSku.code(), "linkValidityDays", 10),
                List.of(new Field("recipientEmails", Kind.LIST, "one@trial.example\ntwo@trial.example"),
                        new Field("personalMessage", Kind.MESSAGE, "Hello,\ntry it."))));
        all.addAll(startCases("purchaseOffer", english, french, partner,
                Map.of("line1Sku", offerSku.code(), "line1Licenses", 10L, "linkValidityDays", 10L),
                List.of(new Field("targetCustomerDomain", Kind.LINE, customer.customer().domain()),
                        new Field("recipientEmails", Kind.LIST, "one@offer.example\ntwo@offer.example"),
                        new Field("personalMessage", Kind.MESSAGE, "Hello,\nour offer."))));
        all.addAll(startCases("productKeySetup", english, french, partner,
                Map.of("productKeys", key, "customerType", "NEW", "customerDomain", "newco-keys.example",
                        "customerName", "NewCo", "customerCountry", "FR", "customerLanguage", "fr",
                        "adminFirstName", "Nina", "adminLastName", "Neu", "adminEmail", "nina@newco-keys.example",
                        "delegatedAdmin", "NONE"),
                List.of(new Field("productKeys", Kind.multiLine(2000), key),
                        new Field("customerDomain", Kind.LINE, "newco-keys.example"),
                        new Field("customerName", Kind.ORGANIZATION_NAME, "NewCo"),
                        new Field("customerCountry", Kind.SHORT, "FR"),
                        new Field("adminFirstName", Kind.PERSON_NAME, "Nina"),
                        new Field("adminLastName", Kind.PERSON_NAME, "Neu"),
                        new Field("adminEmail", Kind.EMAIL, "nina@newco-keys.example"))));
        all.addAll(startCases("delegatedAdmin", english, french, partner,
                Map.of("customerDomain", customer.customer().domain(), "adminRole", "FULL", "durationDays", 60,
                        "autoExtend", false),
                List.of(new Field("customerDomain", Kind.LINE, customer.customer().domain()))));
        return all.stream();
    }

    // ---- task form

    @TestFactory
    Stream<DynamicTest> delegatedAdminReview() {
        Partner partner = data.partner(ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser full = data.user(partner, SupportedAccess.FULL);
        CustomerWithAdmin customer = data.customerOf(partner);
        ProcessInstance pi = signedIn.start(full, partner, "delegatedAdmin", Map.of("customerDomain",
                customer.customer().domain(), "adminRole", "FULL", "durationDays", 60, "autoExtend", false));
        jobs.runAll(pi.getId());
        String taskId = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
        return cases(List.of(new Field("reviewComment", Kind.MESSAGE, "Not now,\nmaybe next year.")), false,
                (field, sample, locale) -> {
                    String hostile = sample.inside(field.valid());
                    identity.setAuthentication(customer.admin().userId(), List.of(Groups.CUSTOMERS,
                            customer.customer().groupId()), List.of(partner.tenantId()));
                    try {
                        // the engine's guard refuses the completion's payload before the command runs (403 over REST)
                        assertThatThrownBy(() -> tasks.complete(taskId, Map.of("decision", "DECLINE",
                                "reviewComment", hostile))).isInstanceOf(com.partnercenter.guard.CommandRefusedException.class)
                                .hasMessageContaining(HumanText.check(hostile, field.kind()).message(messages,
                                        Locale.FRENCH));
                    } finally {
                        identity.clearAuthentication();
                    }
                    assertThat(tasks.createTaskQuery().taskId(taskId).count()).as("the task is still open").isOne();
                });
    }

    // ---- helpers

    interface Case {
        void run(Field field, HostileText.Sample sample, Locale locale) throws Exception;
    }

    /** Every field × every hostile sample its kind refuses (that a form post can carry), in English and French. */
    private Stream<DynamicTest> cases(List<Field> fields, Case body) {
        return cases(fields, true, body);
    }

    private Stream<DynamicTest> cases(List<Field> fields, boolean formPost, Case body) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Field field : fields) {
            List<HostileText.Sample> samples = field.kind().multiLine() ? HostileText.multiLine()
                    : HostileText.oneLine();
            if (formPost) {
                samples = HostileText.inForms(samples);
            }
            for (int i = 0; i < samples.size(); i++) {
                HostileText.Sample sample = samples.get(i);
                Locale locale = i % 2 == 0 ? Locale.ENGLISH : Locale.FRENCH;
                // one client sends them all: each case starts with full rate-limit buckets
                tests.add(DynamicTest.dynamicTest(field.name() + " refuses " + sample + " (" + locale + ")", () -> {
                    limiter.reset();
                    body.run(field, sample, locale);
                }));
            }
        }
        return tests.stream();
    }

    private List<DynamicTest> startCases(String process, PartnerUser english, PartnerUser french, Partner partner,
            Map<String, Object> valid, List<Field> fields) {
        return cases(fields, false, (field, sample, locale) -> {
            Map<String, Object> variables = new HashMap<>(valid);
            String hostile = sample.inside(field.valid());
            variables.put(field.name(), hostile);
            PartnerUser user = locale == Locale.FRENCH ? french : english;
            long instances = runtime.createProcessInstanceQuery().processDefinitionKey(process).count();
            long links = count("select count(*) from pc_link where partner_id = ?", partner.id());
            // the engine refuses the start at once (the guard reads the start form's fields with the text rule),
            // in the user's language; nothing starts
            assertThatThrownBy(() -> signedIn.start(user, partner, process, variables))
                    .isInstanceOf(com.partnercenter.guard.CommandRefusedException.class)
                    .hasMessageContaining(HumanText.check(hostile, field.kind()).message(messages, locale));
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(process).count()).isEqualTo(instances);
            assertThat(count("select count(*) from pc_link where partner_id = ?", partner.id())).isEqualTo(links);
        }).toList();
    }

    private PartnerUser frenchUser(Partner partner) {
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        jdbc.sql("update pc_partner_user set language = 'fr' where id = ?").param(user.id()).update();
        return partners.findUserById(user.id()).orElseThrow();
    }

    private long acceptedRelationship(Partner partner, PartnerUser user, CustomerWithAdmin customer) {
        ProcessInstance pi = signedIn.start(user, partner, "delegatedAdmin", Map.of("customerDomain",
                customer.customer().domain(), "adminRole", "FULL", "durationDays", 60, "autoExtend", false));
        jobs.runAll(pi.getId());
        identity.setAuthentication(customer.admin().userId(), List.of(Groups.CUSTOMERS,
                customer.customer().groupId()), List.of(partner.tenantId()));
        try {
            tasks.complete(tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(),
                    Map.of("decision", "ACCEPT"));
        } finally {
            identity.clearAuthentication();
        }
        jobs.runAll(pi.getId());
        return relationships.findByProcessInstance(pi.getId()).orElseThrow().id();
    }

    /** The field message as the page shows it (HTML-escaped like Thymeleaf's th:text). */
    private String expected(String hostile, Kind kind, Locale locale) {
        return HumanText.check(hostile, kind).message(messages, locale).replace("&", "&amp;").replace("<", "&lt;")
                .replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private long count(String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }
}
