package com.partnercenter.offer;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.acceptance.AcceptanceService;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.mail.SmtpPorts;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.ProvisioningDriver;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A purchase offer through the real accept page: the lines and their bounds, counts the customer changes
 * within the bounds become the subscriptions, anything else is a 400 that stores nothing; superseded and
 * expired offers answer 410. Runs on H2 and PostgreSQL.
 */
abstract class OfferAcceptPageContract {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired TestRestTemplate http;
    @Autowired RuntimeService runtime;
    @Autowired com.partnercenter.mail.MailService outboxMails;
    @Autowired com.partnercenter.link.LinkService linkService;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired ProvisioningDriver provisioning;
    @Autowired CustomerRepository customers;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired JdbcClient jdbc;
    @Autowired AcceptanceService acceptances;
    @Autowired org.springframework.mail.javamail.JavaMailSenderImpl mailSender;

    private Partner partner;
    private PartnerUser user;
    private Sku basic;
    private Sku e3;
    private ProcessInstance offer;
    private String path;

    @BeforeEach
    void sendOffer() {
        partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN);
        user = data.user(partner, SupportedAccess.FULL);
        basic = data.sku(true, 1, 300);
        e3 = data.sku(false, 5, 10000);
        offer = start(Map.of());
        path = pathOf(offer);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void thePageShowsTheLinesWithTheirBoundsInBothLanguages() {
        ResponseEntity<String> en = http.getForEntity(path, String.class);
        assertThat(en.getStatusCode().value()).isEqualTo(200);
        assertThat(en.getBody()).contains("A purchase offer for your organization", basic.name() + ": number of licenses",
                "Proposed: 10. You may choose a whole number from 1 to 300.", "from 5 to 10,000",
                "name=\"licenses[" + basic.code() + "]\"", "min=\"1\"", "max=\"300\"", "value=\"10\"", partner.phone());
        ResponseEntity<String> fr = http.getForEntity(path + "?lang=fr", String.class);
        assertThat(fr.getBody()).contains("Une offre d’achat pour votre organisation", "Vous pouvez choisir un nombre entier");
    }

    @Test
    void changedCountsWithinTheBoundsBecomeTheSubscriptions() {
        String domain = TestData.unique("ofr") + ".example";
        assertThat(post(path, form(domain, "17", "5")).getStatusCode().value()).isEqualTo(200);
        // a new customer: the organization is set up with the lines as chosen, its admin welcomed
        MimeMessage confirmation = Mailbox.lastTo(mail, "ada@" + domain);
        assertThat(Mailbox.subject(confirmation)).isEqualTo("Confirm the purchase offer for Buyer " + domain);
        assertThat(Mailbox.text(confirmation)).contains(
                "Someone accepted a purchase offer from " + partner.name() + " for Buyer " + domain + ", a new organization",
                "- " + basic.name() + " × 17 licenses\n- " + e3.name() + " × 5 licenses",
                "the organization Buyer " + domain + " is set up with these subscriptions and its administrator "
                        + "receives a welcome e-mail.").doesNotContain("sign up", "sign-up", "trial");
        String confirm = Mailbox.confirmationPath(mail, "ada@" + domain);
        assertThat(http.getForEntity(confirm, String.class).getBody()).contains("Press the button to confirm the purchase "
                + "offer of " + partner.name() + " for Buyer " + domain + ". The organization is then set up with the "
                + "subscriptions below and its administrator receives a welcome e-mail.", basic.name() + " × 17 licenses",
                e3.name() + " × 5 licenses");
        assertThat(http.getForEntity(confirm + "?lang=fr", String.class).getBody()).contains("Appuyez sur le bouton pour "
                + "confirmer l’offre d’achat de " + partner.name() + " pour Buyer " + domain + ". L’organisation est alors "
                + "créée avec les abonnements ci-dessous", basic.name() + " × 17 licences");
        ResponseEntity<String> confirmed = post(confirm, new LinkedMultiValueMap<>());
        assertThat(confirmed.getStatusCode().value()).isEqualTo(200);
        assertThat(confirmed.getBody()).contains("Your organization is being set up with the subscriptions below. You "
                + "will receive a welcome e-mail shortly, then an e-mail listing your subscriptions; " + partner.name()
                + " has been told.", basic.name() + " × 17 licenses", e3.name() + " × 5 licenses");
        assertThat(post(confirm, new LinkedMultiValueMap<>()).getStatusCode().value()).as("double confirm").isEqualTo(410);

        ProcessInstance purchase = runtime.createProcessInstanceQuery().processDefinitionKey(OfferAcceptances.PROCESS)
                .processInstanceBusinessKeyLike(offer.getBusinessKey() + "-A%").singleResult();
        assertThat(purchase.getTenantId()).isEqualTo(partner.tenantId());
        for (int i = 0; i < 4; i++) {
            jobs.runAll(purchase.getId());
            provisioning.runFor(purchase.getBusinessKey());
        }
        var customer = customers.findByDomain(domain).orElseThrow();
        assertThat(subscriptions.findByCustomer(customer.id()))
                .extracting(Subscription::skuCode, Subscription::licenses, Subscription::partnerOfRecordId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(basic.code(), 17, partner.id()),
                        org.assertj.core.groups.Tuple.tuple(e3.code(), 5, partner.id()));
        MultiValueMap<String, String> stranger = form(domain, "17", "5");
        stranger.set("adminEmail", "bob@" + domain);
        assertThat(post(path, stranger).getStatusCode().value())
                .as("the same domain again, not by a registered admin").isEqualTo(409);
    }

    @ParameterizedTest(name = "basic={0}, e3={1}")
    @CsvSource(value = {"abc,5", "2.5,5", "-1,5", "0,5", "301,5", "99999999999999999999,5", "NULL,5", "10,4",
            "10,10001", "' ',5", "1e2,5"}, nullValues = "NULL")
    void countsOutsideTheBoundsAreRefusedAndNothingIsStored(String basicCount, String e3Count) {
        String domain = TestData.unique("bad") + ".example";
        long before = acceptancesOfOffer();
        ResponseEntity<String> answer = post(path, form(domain, basicCount, e3Count));
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody()).contains("field-error");
        assertThat(answer.getBody()).containsAnyOf("licenses for", "needs at least", "allows at most");
        assertThat(acceptancesOfOffer()).isEqualTo(before);
        assertThat(Mailbox.recipients(mail)).doesNotContain("ada@" + domain);
    }

    @Test
    void aMissingLineAndFrenchMessagesAreRefusedToo() {
        MultiValueMap<String, String> form = form(TestData.unique("mis") + ".example", "10", "5");
        form.remove("licenses[" + e3.code() + "]");
        ResponseEntity<String> answer = post(path + "?lang=fr", form);
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody()).contains("Saisissez le nombre de licences pour " + e3.name());
    }

    @Test
    void aSupersededOfferAnswers410WithThePartnersDetailsAndStoresNothing() {
        var customer = data.customerOf(partner);
        ProcessInstance older = start(Map.of("targetCustomerDomain", customer.customer().domain()));
        String olderPath = pathOf(older);
        long olderLink = (Long) runtime.getVariable(older.getId(), "linkId");
        assertThat(http.getForEntity(olderPath, String.class).getBody())
                .contains("Offer for " + customer.customer().name(), "type=\"hidden\"");
        ProcessInstance newer = start(Map.of("targetCustomerDomain", customer.customer().domain()));
        assertThat(newer).isNotNull();

        ResponseEntity<String> page = http.getForEntity(olderPath, String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(410);
        assertThat(page.getBody()).contains("is no longer valid", partner.phone(), partner.supportEmail());
        long before = acceptancesOfLink(olderLink);
        assertThat(post(olderPath, form(customer.customer().domain(), "10", "5")).getStatusCode().value()).isEqualTo(410);
        assertThat(acceptancesOfLink(olderLink)).isEqualTo(before);
    }

    @Test
    void anOfferForACustomerIsAcceptedByItsRegisteredAdminOnly() {
        var customer = data.customerOf(partner);
        ProcessInstance targeted = start(Map.of("targetCustomerDomain", customer.customer().domain()));
        String targetedPath = pathOf(targeted);
        MultiValueMap<String, String> stranger = form(customer.customer().domain(), "10", "5");
        stranger.set("adminEmail", "mallory@" + customer.customer().domain());
        assertThat(post(targetedPath, stranger).getStatusCode().value()).isEqualTo(409);
        assertThat(acceptancesOfOffer(targeted)).isZero();

        MultiValueMap<String, String> admin = form("ignored.example", "10", "5");
        admin.set("adminEmail", customer.admin().email());
        assertThat(post(targetedPath, admin).getStatusCode().value()).isEqualTo(200);
        String name = customer.customer().name();
        assertSaysPurchaseByExistingCustomer(Mailbox.lastTo(mail, customer.admin().email()), name);
        String confirm = Mailbox.confirmationPath(mail, customer.admin().email());
        assertThat(http.getForEntity(confirm, String.class).getBody()).contains("Press the button to confirm the purchase "
                + "offer of " + partner.name() + " for " + name + ". The subscriptions below are then bought for " + name
                + ". Its account already exists: nothing else is set up and no welcome e-mail is sent;",
                basic.name() + " × 10 licenses", e3.name() + " × 5 licenses")
                .doesNotContain("sign-up", "is then set up", "receives a welcome e-mail");
        assertThat(http.getForEntity(confirm + "?lang=fr", String.class).getBody()).contains("Les abonnements "
                + "ci-dessous sont alors achetés pour " + name + ". Son compte existe déjà : rien d’autre n’est créé et "
                + "aucun e-mail de bienvenue n’est envoyé", basic.name() + " × 10 licences")
                .doesNotContain("inscription", "est alors créée");
        ResponseEntity<String> confirmed = post(confirm, new LinkedMultiValueMap<>());
        assertThat(confirmed.getStatusCode().value()).isEqualTo(200);
        assertThat(confirmed.getBody()).contains("The subscriptions below are being bought for " + name + "; nothing "
                + "else is set up. You will receive an e-mail listing them shortly; " + partner.name() + " has been told.",
                basic.name() + " × 10 licenses").doesNotContain("Your organization is being set up", "welcome");
        assertThat(http.getForEntity(targetedPath, String.class).getStatusCode().value())
                .as("accepted once: the link no longer works").isEqualTo(410);
        ProcessInstance purchase = runtime.createProcessInstanceQuery().processDefinitionKey(OfferAcceptances.PROCESS)
                .processInstanceBusinessKeyLike(targeted.getBusinessKey() + "-A%").singleResult();
        assertThat(runtime.getVariable(purchase.getId(), "customerId")).isEqualTo(customer.customer().id());
        assertThat(runtime.getVariable(purchase.getId(), "customerDomain")).isEqualTo(customer.customer().domain());
    }

    /** A confirmation mail that could not leave is sent later by the retry, saying the same: the purchase, its lines. */
    @Test
    void aRetriedConfirmationMailOfAnExistingCustomerSaysThePurchaseToo() {
        var customer = data.customerOf(partner);
        String targetedPath = pathOf(start(Map.of("targetCustomerDomain", customer.customer().domain())));
        MultiValueMap<String, String> admin = form(customer.customer().domain(), "12", "7");
        admin.set("adminEmail", customer.admin().email());
        int port = mailSender.getPort();
        mailSender.setPort(SmtpPorts.closedPort());
        try {
            assertThat(post(targetedPath, admin).getBody()).contains("may take a few minutes");
        } finally {
            mailSender.setPort(port);
        }
        assertThat(Mailbox.recipients(mail)).doesNotContain(customer.admin().email());

        assertThat(com.partnercenter.support.TestOutbox.sendDue(outboxMails)).isGreaterThanOrEqualTo(1);
        MimeMessage retried = Mailbox.lastTo(mail, customer.admin().email());
        assertSaysPurchaseByExistingCustomer(retried, customer.customer().name());
        assertThat(Mailbox.text(retried)).contains(basic.name() + " × 12 licenses", e3.name() + " × 7 licenses");
        assertThat(post(Mailbox.confirmationPath(mail, customer.admin().email()), new LinkedMultiValueMap<>()).getStatusCode().value())
                .isEqualTo(200);
    }

    /** An existing customer's confirmation mail: a purchase for it, its lines, nothing set up, no welcome mail. */
    private void assertSaysPurchaseByExistingCustomer(MimeMessage confirmation, String name) {
        assertThat(Mailbox.subject(confirmation)).isEqualTo("Confirm the purchase offer for " + name);
        assertThat(Mailbox.text(confirmation)).contains("Someone accepted a purchase offer from " + partner.name() + " for "
                        + name + " with this e-mail address, one of its registered administrators.",
                "The subscriptions to buy:", basic.name() + " × ", e3.name() + " × ",
                "Once you confirm, these subscriptions are bought for " + name + ". Its account already exists: nothing "
                        + "else is set up and no welcome e-mail is sent;", "Confirm the purchase")
                .doesNotContain("sign up", "sign-up", "receives a welcome e-mail", "trial");
    }

    @Test
    void twoAdminsConfirmingAnOfferForTheirCustomerAtOnceBuyOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            var customer = data.customerOf(partner);
            var second = customers.insertAdmin(customer.customer().id(), TestData.unique("u2").toLowerCase(),
                    "Second", "Admin", "second@" + customer.customer().domain(), true);
            ProcessInstance targeted = start(Map.of("targetCustomerDomain", customer.customer().domain()));
            String targetedPath = pathOf(targeted);
            List<String> confirmations = new ArrayList<>();
            for (String address : List.of(customer.admin().email(), second.email())) {
                MultiValueMap<String, String> admin = form(customer.customer().domain(), "10", "5");
                admin.set("adminEmail", address);
                assertThat(post(targetedPath, admin).getStatusCode().value()).isEqualTo(200);
                confirmations.add(Mailbox.confirmationPath(mail, address));
            }
            var pool = Executors.newFixedThreadPool(2);
            var gate = new CountDownLatch(1);
            List<Integer> codes = new ArrayList<>();
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (String confirmation : confirmations) {
                    answers.add(pool.submit(() -> {
                        gate.await();
                        return post(confirmation, new LinkedMultiValueMap<>()).getStatusCode().value();
                    }));
                }
                gate.countDown();
                for (Future<Integer> answer : answers) {
                    codes.add(answer.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(OfferAcceptances.PROCESS)
                    .processInstanceBusinessKeyLike(targeted.getBusinessKey() + "-A%").count())
                    .as("an offer for one customer is bought once (round " + round + ", answers " + codes + ")")
                    .isEqualTo(1);
            assertThat(codes).as("one confirmation wins, the other is told the offer is gone")
                    .containsExactlyInAnyOrder(200, 410);
        }
    }

    @Test
    void anExpiredOfferAnswers410() {
        Jobs.moveClockJustAfter((Date) runtime.getVariable(offer.getId(), "linkExpiresAt"));
        ResponseEntity<String> page = http.getForEntity(path, String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(410);
        assertThat(page.getBody()).contains("is no longer valid", partner.name());
        assertThat(post(path, form(TestData.unique("exp") + ".example", "10", "5")).getStatusCode().value()).isEqualTo(410);
    }

    private ProcessInstance start(Map<String, Object> more) {
        Map<String, Object> vars = new HashMap<>(Map.of("line1Sku", basic.code(), "line1Licenses", 10L,
                "line2Sku", e3.code(), "line2Licenses", 20L, "linkValidityDays", 30L));
        vars.putAll(more);
        ProcessInstance pi = signedIn.start(user, partner, "purchaseOffer", vars);
        jobs.runAll(pi.getId());
        return pi;
    }

    private String pathOf(ProcessInstance pi) {
        return com.partnercenter.support.TestLinks.invitationUrl(linkService, runtime, pi.getId()).replace("https://partners.test", "");
    }

    private long acceptancesOfOffer() {
        return acceptancesOfOffer(offer);
    }

    private long acceptancesOfOffer(ProcessInstance pi) {
        return acceptancesOfLink((Long) runtime.getVariable(pi.getId(), "linkId"));
    }

    private long acceptancesOfLink(long link) {
        return jdbc.sql("select count(*) from pc_acceptance where link_id = ?").param(link).query(Long.class).single()
                + jdbc.sql("select count(*) from pc_offer_acceptance_line l join pc_acceptance a on a.id = l.acceptance_id "
                        + "where a.link_id = ?").param(link).query(Long.class).single();
    }

    private MultiValueMap<String, String> form(String domain, String basicCount, String e3Count) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("organizationName", "Buyer " + domain);
        form.add("domain", domain);
        form.add("country", "FR");
        form.add("language", "en");
        form.add("adminFirstName", "Ada");
        form.add("adminLastName", "Lovelace");
        form.add("adminEmail", "ada@" + domain);
        if (basicCount != null) {
            form.add("licenses[" + basic.code() + "]", basicCount);
        }
        form.add("licenses[" + e3.code() + "]", e3Count);
        return form;
    }

    private ResponseEntity<String> post(String p, MultiValueMap<String, String> form) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return http.postForEntity("http://localhost:" + port + p, new HttpEntity<>(form, headers), String.class);
    }
}
