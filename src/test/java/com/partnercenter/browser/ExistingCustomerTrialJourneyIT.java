package com.partnercenter.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.TestMail;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An existing customer's administrator takes a trial after signing in: Claire (Wide World Importers, a customer of
 * Contoso) opens a trial invitation of Enterprise E5, signs in from the accept page — Tasklist's
 * sign-in brings her back to it — and starts the trial for her organization with nothing to fill in; the trial is
 * provisioned on Wide World Importers, and a second one of the same offer is refused.
 */
@BrowserJourney
class ExistingCustomerTrialJourneyIT {

    static final String CLAIRE = "claire@wideworldimporters.example";
    static final Pattern INVITATION = Pattern.compile("http://localhost:\\d+/p/CONTOSO/[A-Za-z0-9_-]{43}");

    @RegisterExtension
    static final Browser browser = new Browser();

    @RegisterExtension
    final GreenMailExtension mail = TestMail.extension();

    @Autowired CustomerRepository customers;
    @Autowired SubscriptionRepository subscriptions;

    @Test
    void claireSignsInFromTheAcceptPageAndTakesTheTrialForWideWorldImporters() {
        Tasklist david = Tasklist.signIn(browser, "david", BrowserJourney.PASSWORD);
        david.startProcess("Trial invitation")
                .select("Trial subscription", "Enterprise E5 — 30-day trial, 25 licenses")
                .type("Recipients (optional)", CLAIRE);
        david.start();
        String invitation = Mails.awaitLink(mail, CLAIRE, INVITATION);

        // David reads English, so does his mail; Claire reads the page in French
        browser.signOutEverywhere();
        browser.open(invitation + "?lang=fr");
        browser.waitForText("Déjà client ?");
        browser.screenshot("accept-trial-existing-customer-sign-in");
        browser.click(By.xpath("//a[normalize-space(.)='Se connecter en tant qu’administrateur']"));
        Camunda.signInHere(browser, "tasklist", "claire", BrowserJourney.PASSWORD);

        // Tasklist brings her back to the page, signed in
        browser.waitForText("Vous êtes connecté en tant que Claire Bernard, administrateur de Wide World Importers.");
        assertThat(browser.driver().getCurrentUrl()).startsWith(invitation);
        assertThat(browser.driver().findElements(By.id("organizationName"))).isEmpty();
        browser.fullPageScreenshot("accept-trial-existing-customer");
        browser.click(By.xpath("//button[normalize-space(.)='Démarrer l’essai pour Wide World Importers']"));
        browser.waitForText("L’essai d’Enterprise E5 est en cours de mise en place pour Wide World Importers");

        long wwi = customers.findByDomain("wideworldimporters.example").orElseThrow().id();
        Subscription trial = browser.until(d -> subscriptions.findByCustomer(wwi).stream()
                .filter(s -> s.skuCode().equals("E5") && s.status() == Subscription.Status.TRIAL).findFirst()
                .orElse(null));
        assertThat(trial.origin()).isEqualTo(Subscription.Origin.TRIAL_INVITATION);

        // one trial per offer and customer
        browser.open(invitation + "?lang=fr");
        browser.waitForText("Votre organisation a déjà eu un essai de cette offre");
        assertThat(browser.driver().findElements(By.xpath("//button[contains(.,'Démarrer l’essai pour')]"))).isEmpty();
    }
}
