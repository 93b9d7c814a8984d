package com.partnercenter.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The start forms list the catalogue: an operator adds an offer through the catalogue API, and the next start form
 * David opens lists it, with its bounds — nothing to edit in a form file.
 */
@BrowserJourney
class CatalogueChangeJourneyIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void anOfferAddedToTheCatalogueShowsInTheNextStartForm() throws Exception {
        Tasklist david = Tasklist.signIn(browser, "david", BrowserJourney.PASSWORD);
        assertThat(options(david, "Line 1: subscription")).doesNotContain("Teams Essentials (1–250 licenses)");

        var added = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(browser.baseUrl() + "/api/catalogue/TEAMS_ESSENTIALS"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("olivia:" + BrowserJourney.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Teams Essentials\",\"trialAllowed\":true,"
                        + "\"trialDays\":30,\"trialLicenses\":10,\"minLicenses\":1,\"maxLicenses\":250,"
                        + "\"termMonths\":12,\"sellable\":true}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);

        browser.driver().navigate().refresh();
        assertThat(options(david, "Line 1: subscription")).contains("Teams Essentials (1–250 licenses)");
        browser.screenshot("tasklist-offer-form-catalogue");
        assertThat(options(david, "Trial subscription", "Trial invitation"))
                .contains("Teams Essentials — 30-day trial, 10 licenses");
    }

    private java.util.List<String> options(Tasklist tasklist, String label) {
        return options(tasklist, label, "Purchase offer");
    }

    /** The options of a select of the flow's start form (the dialog is closed again). */
    private java.util.List<String> options(Tasklist tasklist, String label, String process) {
        tasklist.startProcess(process);
        WebElement field = browser.visible(By.xpath("//div[contains(@class,'fjs-form-field ')][label[contains(@class,"
                + "'fjs-form-field-label')][normalize-space(.)=" + Camunda.literal(label + "*") + " or normalize-space(.)="
                + Camunda.literal(label) + "]]"));
        field.findElement(By.cssSelector(".fjs-select-display")).click();
        java.util.List<String> options = browser.until(d -> {
            var items = d.findElements(By.cssSelector(".fjs-dropdownlist-item"));
            return items.isEmpty() ? null : items.stream().map(WebElement::getText).map(String::trim).toList();
        });
        tasklist.closeDialog();
        return options;
    }
}
