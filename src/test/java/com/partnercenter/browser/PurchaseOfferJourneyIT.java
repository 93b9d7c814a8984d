package com.partnercenter.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.link.LinkResolution;
import com.partnercenter.link.LinkService;
import com.partnercenter.offer.OfferRepository;
import com.partnercenter.offer.PurchaseOffer;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.subscription.Subscription;
import com.partnercenter.subscription.SubscriptionRepository;
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.TestMail;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Journey 2: David (Contoso) sends an open purchase offer (Enterprise E3 × 20) from Tasklist; a new
 * customer opens the link from the offer mail, first asks for a count below the SKU's minimum (the page
 * answers 400 with the field error and nothing is stored), then for another count within the bounds,
 * confirms from the mail, and the subscription is provisioned with the chosen count.
 */
@BrowserJourney
class PurchaseOfferJourneyIT {

    static final String ADMIN = "isabel@fourthcoffee.example";
    static final String DOMAIN = "fourthcoffee.example";
    static final String OFFER_LINK = "http://localhost:\\d+/p/CONTOSO/([A-Za-z0-9_-]{43})";
    static final Pattern OFFER = Pattern.compile(OFFER_LINK);
    static final Pattern CONFIRMATION = Pattern.compile("http://localhost:\\d+/p/CONTOSO/confirm/[A-Za-z0-9_-]{43}");
    /** Enterprise E3 allows 5 to 10000 licenses; the offer proposes 20. */
    static final By E3_COUNT = By.name("licenses[E3]");

    @RegisterExtension
    static final Browser browser = new Browser();

    @RegisterExtension
    final GreenMailExtension mail = TestMail.extension();

    @Autowired LinkService links;
    @Autowired OfferRepository offers;
    @Autowired CustomerRepository customers;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired PartnerRepository partners;
    @Autowired JdbcTemplate jdbc;

    @Test
    void customerIsRefusedACountOutOfBoundsThenBuysAnotherCountWithinThem() {
        // Alice starts "Purchase offer" through its Camunda Form: an open offer, one line
        Tasklist tasklist = Tasklist.signIn(browser, "david", BrowserJourney.PASSWORD);
        tasklist.startProcess("Purchase offer")
                .select("Line 1: subscription", "Enterprise E3 (5–10,000 licenses)")
                .type("Line 1: licenses", "20")
                .type("Recipients (optional)", ADMIN)
                .type("Personal message (optional)", "Hello Isabel, here is the offer for Enterprise E3 we discussed.")
                .scrollTo("Line 1: subscription");
        browser.screenshot("offer-start-form");
        tasklist.start();

        // the offer as recorded: open (no customer), one line
        String offerUrl = Mails.awaitLink(mail, ADMIN, OFFER);
        var matcher = OFFER.matcher(offerUrl);
        assertThat(matcher.matches()).isTrue();
        long linkId = ((LinkResolution.Usable) links.resolve("CONTOSO", matcher.group(1))).link().id();
        PurchaseOffer offer = offers.findByLink(linkId).orElseThrow();
        assertThat(offer.targeted()).isFalse();
        assertThat(offer.lines()).containsExactly(new PurchaseOffer.Line(1, "E3", 20));
        // the mail to a recipient that is no customer's admin is in the partner's language (Contoso: French)
        assertThat(Mailbox.body(Mails.await(mail, ADMIN, "Contoso Cloud Partners vous envoie une offre d’achat")))
                .contains("Hello Isabel, here is the offer for Enterprise E3 we discussed.");

        // the customer opens the link from the mail: in French, then in English
        browser.signOutEverywhere();
        browser.open(offerUrl + "?lang=fr");
        browser.waitForText("Une offre d’achat pour votre organisation");
        assertThat(browser.bodyText()).contains("Contoso Cloud Partners", "Enterprise E3 : nombre de licences",
                "Proposé : 20.");
        browser.fullPageScreenshot("accept-offer-fr");

        browser.open(offerUrl);
        browser.waitForText("A purchase offer for your organization");
        assertThat(browser.bodyText()).contains("Enterprise E3: number of licenses",
                "Proposed: 20. You may choose a whole number from 5 to 10,000.");
        assertThat(browser.visible(E3_COUNT).getDomProperty("value")).isEqualTo("20");
        AcceptPage.fill(browser, new AcceptPage.NewCustomer("Fourth Coffee", DOMAIN, "US", "en", "Isabel", "Martins",
                ADMIN));
        browser.fullPageScreenshot("accept-offer-en");

        // first attempt: 3 licenses, below Enterprise E3's minimum of 5
        setCount("3");
        AcceptPage.submit(browser);
        browser.waitForText("Enterprise E3 needs at least 5 licenses.");
        assertThat(responseStatus()).isEqualTo(400);
        assertThat(browser.driver().findElements(By.cssSelector(".field-error")))
                .singleElement().extracting(WebElement::getText).isEqualTo("Enterprise E3 needs at least 5 licenses.");
        assertThat(browser.bodyText()).contains("Please correct the highlighted fields.");
        WebElement count = browser.visible(E3_COUNT);
        assertThat(count.getDomProperty("value")).isEqualTo("3");
        assertThat(count.getDomAttribute("class")).contains("invalid");
        // what the customer entered stays on the page
        assertThat(browser.driver().findElement(By.id("organizationName")).getDomProperty("value")).isEqualTo("Fourth Coffee");
        assertThat(browser.driver().findElement(By.id("adminEmail")).getDomProperty("value")).isEqualTo(ADMIN);
        browser.fullPageScreenshot("accept-offer-count-error");
        // ... and nothing is stored: no acceptance for the link, no acceptance of the offer, no mail
        assertThat(acceptancesOf(linkId, offer.id())).isZero();
        assertThat(Mailbox.recipients(mail)).filteredOn(ADMIN::equals).as("only the offer mail").hasSize(1);

        // second attempt: 12 licenses, within the bounds and other than the 20 offered
        setCount("12");
        AcceptPage.submit(browser);
        browser.waitForText("Check your mailbox");
        assertThat(browser.bodyText()).contains("We sent a confirmation link to " + ADMIN);
        assertThat(acceptancesOf(linkId, offer.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select l.licenses from pc_offer_acceptance_line l join pc_offer_acceptance a"
                + " on a.acceptance_id = l.acceptance_id where a.offer_id = ? and l.sku_code = 'E3'", Integer.class,
                offer.id())).isEqualTo(12);
        assertThat(customers.findByDomain(DOMAIN)).as("nothing is bought before the confirmation").isEmpty();

        // ... confirmed from the confirmation mail
        browser.open(Mails.awaitLink(mail, ADMIN, CONFIRMATION));
        browser.waitForText("Confirm your acceptance");
        assertThat(browser.bodyText()).contains("Press the button to confirm the purchase offer of Contoso Cloud "
                + "Partners for Fourth Coffee. The organization is then set up with the subscriptions below",
                "Enterprise E3 × 12 licenses");
        AcceptPage.submit(browser);
        browser.waitForText("Thank you, it is confirmed");
        assertThat(browser.bodyText()).contains(
                "Your organization is being set up with the subscriptions below. You will receive a welcome e-mail "
                        + "shortly, then an e-mail listing your subscriptions; Contoso Cloud Partners has been told.",
                "Enterprise E3 × 12 licenses");

        // provisioning (in-process worker): the organization and its subscription with the chosen count
        String purchased = Mailbox.body(Mails.await(mail, ADMIN, "Your subscriptions for Fourth Coffee are ready"));
        assertThat(purchased).contains("Enterprise E3: 12 licenses, new subscription until");
        Mails.await(mail, ADMIN, "Welcome: your organization Fourth Coffee is ready");
        Customer customer = customers.findByDomain(DOMAIN).orElseThrow();
        long contoso = partners.findByAdvisorCode("CONTOSO").orElseThrow().id();
        assertThat(subscriptions.findByCustomer(customer.id())).singleElement().satisfies(s -> {
            assertThat(s.skuCode()).isEqualTo("E3");
            assertThat(s.licenses()).isEqualTo(12);
            assertThat(s.status()).isEqualTo(Subscription.Status.ACTIVE);
            assertThat(s.origin()).isEqualTo(Subscription.Origin.PURCHASE_OFFER);
            assertThat(s.partnerOfRecordId()).isEqualTo(contoso);
        });
    }

    /** Replaces the Enterprise E3 license count on the accept page. */
    private void setCount(String value) {
        browser.until(d -> {
            WebElement input = d.findElement(E3_COUNT);
            if (!value.equals(input.getDomProperty("value"))) {
                input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
                input.sendKeys(value);
            }
            return value.equals(input.getDomProperty("value"));
        });
    }

    /** The HTTP status of the page the browser shows (the answer to the form's POST). */
    private long responseStatus() {
        return (Long) ((JavascriptExecutor) browser.driver()).executeScript(
                "return performance.getEntriesByType('navigation')[0].responseStatus;");
    }

    private int acceptancesOf(long linkId, long offerId) {
        int acceptances = jdbc.queryForObject("select count(*) from pc_acceptance where link_id = ?", Integer.class,
                linkId);
        int offerAcceptances = jdbc.queryForObject("select count(*) from pc_offer_acceptance where offer_id = ?",
                Integer.class, offerId);
        assertThat(offerAcceptances).as("offer acceptances beside the link's acceptances").isEqualTo(acceptances);
        return acceptances;
    }
}
