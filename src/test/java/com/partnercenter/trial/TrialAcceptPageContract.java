package com.partnercenter.trial;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.customer.CustomerRepository;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A trial invitation through the real HTTP surface: the accept page shows the trial's terms and the
 * delegated-administration request, the confirmation starts the customer's trial, many customers can
 * accept the same link at once. Runs on H2 and PostgreSQL.
 */
abstract class TrialAcceptPageContract {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired TestRestTemplate http;
    @Autowired RuntimeService runtime;
    @Autowired com.partnercenter.link.LinkService linkService;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired ProvisioningDriver provisioning;
    @Autowired CustomerRepository customers;
    @Autowired SubscriptionRepository subscriptions;

    private Partner partner;
    private Sku sku;
    private ProcessInstance invitation;
    private String path;

    @BeforeEach
    void invite() {
        partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        sku = data.sku(true, 1, 300);
        invitation = signedIn.start(user, partner, "trialInvitation", Map.of("skuCode", sku.code(),
                "includeDelegatedAdmin", true, "delegatedAdminRole", "FULL", "linkValidityDays", 30));
        jobs.runAll(invitation.getId());
        path = com.partnercenter.support.TestLinks.invitationUrl(linkService, runtime, invitation.getId()).replace("https://partners.test", "");
    }

    @Test
    void thePageShowsTheTrialAndTheDelegatedAdministrationRequestInBothLanguages() {
        ResponseEntity<String> en = http.getForEntity(path, String.class);
        assertThat(en.getStatusCode().value()).isEqualTo(200);
        assertThat(en.getBody()).contains("Try " + sku.name() + " free", "A 30-day trial", "25 licenses",
                "Full administration", "name=\"delegatedAdminConsent\"", partner.phone());
        ResponseEntity<String> fr = http.getForEntity(path + "?lang=fr", String.class);
        assertThat(fr.getBody()).contains("Essayez " + sku.name() + " gratuitement", "Un essai de 30 jours",
                "administration complète");
    }

    @Test
    void theInvitationsVariablesCannotChangeWhatCustomersAreShownOrGiven() {
        runtime.setVariables(invitation.getId(), Map.of("trialLicenses", 5000, "trialDays", 365, "skuName", "Anything"));
        ResponseEntity<String> page = http.getForEntity(path, String.class);
        assertThat(page.getBody()).contains("25 licenses", "A 30-day trial", sku.name()).doesNotContain("5000");
    }

    @Test
    void aConfirmedAcceptanceStartsTheCustomersTrial() {
        String domain = TestData.unique("tri") + ".example";
        MultiValueMap<String, String> form = form(domain);
        form.add("delegatedAdminConsent", "true");
        assertThat(post(path, form).getStatusCode().value()).isEqualTo(200);
        // the customer chose French: the mail names the trial and its terms, not a sign-up
        MimeMessage confirmation = Mailbox.lastTo(mail, "ada@" + domain);
        assertThat(Mailbox.subject(confirmation)).isEqualTo("Confirmez l’essai d’" + sku.name() + " pour Trial Co " + domain);
        assertThat(Mailbox.text(confirmation)).contains("Quelqu’un a demandé un essai gratuit pour Trial Co " + domain,
                "L’essai : " + sku.name() + ", gratuit pendant 30 jours, avec 25 licences.",
                "son essai commence aussitôt", "Confirmer l’essai").doesNotContain("inscription", "achat");

        String confirmPath = Mailbox.confirmationPath(mail, "ada@" + domain);
        assertThat(http.getForEntity(confirmPath, String.class).getBody()).contains("Press the button to confirm the "
                + "free trial of " + sku.name() + " for Trial Co " + domain + ". The organization is then set up, its "
                + "trial starts at once", "A 30-day trial", "25 licenses for your users").doesNotContain("sign-up");
        assertThat(http.getForEntity(confirmPath + "?lang=fr", String.class).getBody()).contains("Appuyez sur le bouton "
                + "pour confirmer l’essai gratuit d’" + sku.name() + " pour Trial Co " + domain, "Un essai de 30 jours",
                "25 licences pour vos utilisateurs");
        ResponseEntity<String> confirmed = post(confirmPath, new LinkedMultiValueMap<>());
        assertThat(confirmed.getStatusCode().value()).isEqualTo(200);
        assertThat(confirmed.getBody()).contains("Your organization is being set up with its trial of " + sku.name()
                + ". You will receive a welcome e-mail shortly, then an e-mail when the trial is ready; " + partner.name()
                + " has been told.", "A 30-day trial");

        ProcessInstance trial = runtime.createProcessInstanceQuery().processDefinitionKey("trialAcceptance")
                .processInstanceBusinessKeyLike(invitation.getBusinessKey() + "-A%").singleResult();
        assertThat(trial).isNotNull();
        assertThat(trial.getTenantId()).isEqualTo(partner.tenantId());
        assertThat(runtime.getVariable(trial.getId(), "delegatedAdminConsent")).isEqualTo(true);
        assertThat(runtime.getVariable(trial.getId(), "skuCode")).isEqualTo(sku.code());
        provisioning.runFor(trial.getBusinessKey());
        provisioning.runFor(trial.getBusinessKey());
        var customer = customers.findByDomain(domain).orElseThrow();
        assertThat(subscriptions.findByCustomer(customer.id())).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(Subscription.Status.TRIAL));

        assertThat(post(path, form(domain)).getStatusCode().value()).as("the same domain again").isEqualTo(409);
    }

    @Test
    void twentyCustomersAcceptingAtOnceGetTwentyTrials() throws Exception {
        List<String> domains = new ArrayList<>();
        List<String> confirmations = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String domain = TestData.unique("many" + i) + ".example";
            domains.add(domain);
            // twenty customers: twenty clients (one client gets a few confirmation mails only, see the rate limits)
            assertThat(postFrom("198.51.100." + (i + 1), path, form(domain)).getStatusCode().value()).isEqualTo(200);
            confirmations.add(Mailbox.confirmationPath(mail, "ada@" + domain));
        }
        var pool = Executors.newFixedThreadPool(8);
        var gate = new CountDownLatch(1);
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
                assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        var trials = runtime.createProcessInstanceQuery().processDefinitionKey("trialAcceptance")
                .processInstanceBusinessKeyLike(invitation.getBusinessKey() + "-A%").list();
        assertThat(trials).hasSize(20);
        for (ProcessInstance trial : trials) {
            provisioning.runFor(trial.getBusinessKey());
            provisioning.runFor(trial.getBusinessKey());
        }
        for (String domain : domains) {
            var customer = customers.findByDomain(domain).orElseThrow();
            assertThat(subscriptions.findByCustomer(customer.id())).hasSize(1);
        }
    }

    private static MultiValueMap<String, String> form(String domain) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("organizationName", "Trial Co " + domain);
        form.add("domain", domain);
        form.add("country", "FR");
        form.add("language", "fr");
        form.add("adminFirstName", "Ada");
        form.add("adminLastName", "Lovelace");
        form.add("adminEmail", "ada@" + domain);
        return form;
    }

    private ResponseEntity<String> postFrom(String client, String p, MultiValueMap<String, String> form) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Forwarded-For", client);
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return http.postForEntity("http://localhost:" + port + p, new HttpEntity<>(form, headers), String.class);
    }

    private ResponseEntity<String> post(String p, MultiValueMap<String, String> form) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return http.postForEntity("http://localhost:" + port + p, new HttpEntity<>(form, headers), String.class);
    }
}
