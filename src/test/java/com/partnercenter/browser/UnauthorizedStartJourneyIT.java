package com.partnercenter.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a user may not start, it is not offered: Chloé (Contoso, no admin access to the companies Contoso supports)
 * is offered only delegated administration (asking a customer needs no such access) in Tasklist's start dialog, a link straight to the trial invitation's form opens nothing and starts
 * nothing, and her partner pages say why in her language; Fiona (Fabrikam, a subscription advisor only) is offered
 * the advisor's flows but not delegated administration, and told why.
 */
@BrowserJourney
class UnauthorizedStartJourneyIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired HistoryService history;

    @Test
    void chloeIsOfferedNothingAndToldWhy() {
        long started = history.createHistoricProcessInstanceQuery().processDefinitionKey("trialInvitation")
                .startedBy("chloe").count();
        Tasklist chloe = Tasklist.signIn(browser, "chloe", BrowserJourney.PASSWORD);
        assertThat(chloe.startableProcesses()).containsExactly("Administration déléguée");
        assertThat(browser.bodyText()).doesNotContain("Invitation à un essai");

        // a link straight to the form (the partner pages' links, a bookmark): no form, nothing started
        browser.open("/camunda/app/tasklist/default/#/?processStart=trialInvitation");
        browser.visible(By.cssSelector("[cam-tasklist-filters]"));
        assertThat(browser.driver().findElements(By.cssSelector(".modal-dialog .fjs-form"))).isEmpty();
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("trialInvitation")
                .startedBy("chloe").count()).isEqualTo(started);

        browser.open("/partner");
        browser.waitForText("Non ouverts pour vous");
        assertThat(browser.bodyText()).contains("Envoyer une invitation à un essai",
                "Votre compte n’a pas d’accès administrateur aux entreprises que vous prenez en charge");
        assertThat(browser.driver().findElements(By.cssSelector("ul.actions a")).stream()
                .map(org.openqa.selenium.WebElement::getText)).noneMatch(text -> text.contains("essai"));
        browser.fullPageScreenshot("partner-overview-not-open");
    }

    @Test
    void fionaIsOfferedTheAdvisorsFlowsButNotDelegatedAdministration() {
        Tasklist fiona = Tasklist.signIn(browser, "fiona", BrowserJourney.PASSWORD);
        assertThat(fiona.startableProcesses()).contains("Trial invitation", "Purchase offer", "Product-key setup")
                .doesNotContain("Delegated administration");
        browser.open("/partner");
        browser.waitForText("Not open to you");
        assertThat(browser.bodyText()).contains("Offer delegated administration",
                "Fabrikam Advisors does not hold the program authorization Delegated administration");
    }
}
