package com.partnercenter.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.TestMail;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Journey 1: David (Contoso, who reads English) invites a customer to a trial from Tasklist, the customer accepts on the
 * accept page and confirms from the mail, the trial is provisioned, and Olivia finds the instance in
 * Cockpit by its business key.
 */
@BrowserJourney
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrialJourneyIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    @RegisterExtension
    final GreenMailExtension mail = TestMail.extension();

    static final String ADMIN = "megan@lucernepublishing.example";
    static final String DOMAIN = "lucernepublishing.example";
    static final Pattern INVITATION = Pattern.compile("http://localhost:\\d+/p/CONTOSO/[A-Za-z0-9_-]{43}");
    static final Pattern CONFIRMATION = Pattern.compile("http://localhost:\\d+/p/CONTOSO/confirm/[A-Za-z0-9_-]{43}");

    /** The customer the trial journey created (for the customer-page step). */
    static Customer trialCustomer;

    @Autowired HistoryService history;
    @Autowired CustomerRepository customers;
    @Autowired SubscriptionRepository subscriptions;

    @Test
    @Order(1)
    void partnerInvitesCustomerAcceptsConfirmsAndOperatorFindsTheTrial() {
        // David starts "Trial invitation" through its Camunda Form, whose list comes from the catalogue
        Tasklist tasklist = Tasklist.signIn(browser, "david", BrowserJourney.PASSWORD);
        tasklist.startProcess("Trial invitation")
                .select("Trial subscription", "Business Premium — 30-day trial, 25 licenses")
                .check("Also ask for delegated administration")
                .choose("Role asked for", "Limited administration")
                .type("Recipients (optional)", ADMIN)
                .type("Personal message (optional)", "Hello Megan, here is the trial we talked about.");
        browser.screenshot("tasklist-trial-invitation-start-form");
        tasklist.start();

        // the customer opens the link from the invitation mail: French first, then in English
        String invitation = Mails.awaitLink(mail, ADMIN, INVITATION);
        browser.signOutEverywhere();
        browser.open(invitation + "?lang=fr");
        browser.waitForText("Business Premium");
        assertThat(browser.bodyText()).contains("Contoso Cloud Partners", "Démarrer l’essai");
        browser.fullPageScreenshot("accept-trial-fr");

        browser.open(invitation);
        browser.waitForText("Start the trial and send the confirmation link");
        AcceptPage.fill(browser, new AcceptPage.NewCustomer("Lucerne Publishing", DOMAIN, "GB", "en", "Megan", "Bowen",
                ADMIN));
        browser.driver().findElement(By.cssSelector("input[type='checkbox'][name='delegatedAdminConsent']")).click();
        browser.fullPageScreenshot("accept-trial-en");
        AcceptPage.submit(browser);
        browser.waitForText("Check your mailbox");

        // ... and confirms from the confirmation mail
        browser.open(Mails.awaitLink(mail, ADMIN, CONFIRMATION));
        browser.waitForText("Confirm your acceptance");
        assertThat(browser.bodyText()).contains(
                "Press the button to confirm the free trial of Business Premium for Lucerne Publishing.");
        browser.screenshot("accept-confirm");
        AcceptPage.submit(browser);
        browser.waitForText("Thank you, it is confirmed");
        assertThat(browser.bodyText()).contains("Your organization is being set up with its trial of Business Premium.");
        browser.screenshot("accept-confirmed");

        // provisioning (in-process worker) and the mails that follow it
        Mails.await(mail, ADMIN, "Your trial of");
        trialCustomer = customers.findByDomain(DOMAIN).orElseThrow();
        List<Subscription> trial = subscriptions.findByCustomer(trialCustomer.id());
        assertThat(trial).singleElement().satisfies(s -> {
            assertThat(s.skuCode()).isEqualTo("BUSINESS_PREMIUM");
            assertThat(s.status()).isEqualTo(Subscription.Status.TRIAL);
        });

        // Olivia finds the trial in Cockpit by its business key (the latest acceptance: other journeys share the app)
        String businessKey = history.createHistoricProcessInstanceQuery().processDefinitionKey("trialAcceptance")
                .orderByProcessInstanceStartTime().desc().listPage(0, 1).get(0).getBusinessKey();
        Cockpit.signIn(browser, "olivia", BrowserJourney.PASSWORD)
                .openInstanceByBusinessKey("Trial acceptance", businessKey);
        browser.screenshot("cockpit-trial-instance");
    }

    /**
     * The trial shows on the partner's customer page {@code /partner/customers/{customerId}} (SKU name,
     * license count, status), where a partner user signed in to Tasklist is signed in too. That page
     * comes with issue 7 (partner pages and customer management); this step runs once it is merged.
     */
    @Test
    @Order(2)
    void trialSubscriptionShowsOnThePartnersCustomerPage() {
        assertThat(trialCustomer).as("the trial journey ran first").isNotNull();
        Tasklist.signIn(browser, "david", BrowserJourney.PASSWORD);
        browser.open("/partner/customers/" + trialCustomer.id() + "?lang=en");
        browser.waitForText("Business Premium");
        assertThat(browser.bodyText()).contains("Lucerne Publishing");
        WebElement row = browser.visible(By.xpath("//tr[td[normalize-space()='Business Premium']]"));
        assertThat(row.findElements(By.tagName("td"))).extracting(WebElement::getText)
                .as("offer, licenses, status of the trial subscription").startsWith("Business Premium", "25", "Trial");
        assertThat(row.findElement(By.cssSelector(".status")).getAttribute("class")).contains("status-trial");
        browser.fullPageScreenshot("partner-customer-page");
    }
}
