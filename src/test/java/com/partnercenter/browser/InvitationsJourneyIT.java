package com.partnercenter.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.support.TestMail;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * "Invitations and offers": David sends a trial invitation, a customer accepts it, and the partner page shows the
 * acceptance waiting for its e-mail confirmation, then — confirmed and provisioned by the worker — provisioned, with
 * the action to send the customer a purchase offer for the trial.
 */
@BrowserJourney
class InvitationsJourneyIT {

    static final String ADMIN = "ravi@proseware.example";
    static final Pattern INVITATION = Pattern.compile("http://localhost:\\d+/p/CONTOSO/[A-Za-z0-9_-]{43}");
    static final Pattern CONFIRMATION = Pattern.compile("http://localhost:\\d+/p/CONTOSO/confirm/[A-Za-z0-9_-]{43}");

    @RegisterExtension
    static final Browser browser = new Browser();

    @RegisterExtension
    final GreenMailExtension mail = TestMail.extension();

    @Test
    void anAcceptanceMovesFromWaitingForItsConfirmationToProvisioned() {
        Tasklist david = Tasklist.signIn(browser, "david", BrowserJourney.PASSWORD);
        david.startProcess("Trial invitation")
                .select("Trial subscription", "Business Basic — 30-day trial, 25 licenses")
                .type("Recipients (optional)", ADMIN);
        david.start();
        String invitation = Mails.awaitLink(mail, ADMIN, INVITATION);

        browser.open("/partner/invitations?kind=TRIAL");
        browser.waitForText("Trial invitation");
        browser.click(By.cssSelector("table.invitations tbody tr:first-child td a"));
        browser.waitForText(ADMIN);
        String page = browser.driver().getCurrentUrl();
        assertThat(browser.bodyText()).contains("Business Basic, 30 days, 25 licenses", "Nobody accepted it yet.");

        // the customer accepts on the page
        browser.signOutEverywhere();
        browser.open(invitation + "?lang=en");
        AcceptPage.fill(browser, new AcceptPage.NewCustomer("Proseware", "proseware.example", "GB", "en", "Ravi",
                "Patel", ADMIN));
        AcceptPage.submit(browser);
        browser.waitForText("Check your mailbox");

        Tasklist.signIn(browser, "david", BrowserJourney.PASSWORD);
        browser.open(page);
        browser.waitForText("Waiting for the e-mail confirmation");
        assertThat(browser.bodyText()).contains("Proseware", "proseware.example");
        browser.screenshot("partner-invitation-pending");

        browser.signOutEverywhere();
        browser.open(Mails.awaitLink(mail, ADMIN, CONFIRMATION));
        AcceptPage.submit(browser);
        browser.waitForText("Thank you, it is confirmed");

        Tasklist.signIn(browser, "david", BrowserJourney.PASSWORD);
        browser.open(page);
        browser.until(d -> {
            if (d.findElement(By.tagName("body")).getText().contains("Provisioned")) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        assertThat(browser.bodyText()).contains("Send a purchase offer");
        browser.fullPageScreenshot("partner-invitation-provisioned");
    }
}
