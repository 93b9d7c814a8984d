package com.partnercenter.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A French partner user's day: Alice (Contoso, her account in French, her browser in English) reads Tasklist in
 * French — its interface, its filters, the flows' names, the start form with the catalogue's offers, the task that
 * names her invitation and its end date, the partner's name instead of its tenant id — gets her mail in French, and
 * finds the link on her partner pages in French. No Camunda 8 banner, no "Create task".
 */
@BrowserJourney
class FrenchPartnerDayJourneyIT {

    static final String PROSPECT = "lea@margie-travel.example";

    @RegisterExtension
    static final Browser browser = new Browser();

    @RegisterExtension
    final GreenMailExtension mail = TestMail.extension();

    @Test
    void aliceWorksInFrenchFromTasklistToHerPartnerPages() {
        Tasklist alice = Tasklist.signIn(browser, "alice", BrowserJourney.PASSWORD);
        assertThat(alice.filterNames()).containsExactly("Mes tâches", "Les tâches de ma société", "Relances à faire");
        assertThat(browser.bodyText()).contains("Démarrer un processus", "Pages partenaire", "Invitations et offres")
                .doesNotContain("Camunda 8", "Créer une tâche", "Create task", "Start process");
        assertThat(browser.driver().findElements(By.cssSelector(".ce-eol-banner")).stream()
                .filter(org.openqa.selenium.WebElement::isDisplayed)).isEmpty();
        assertThat(alice.startableProcesses()).contains("Invitation à un essai", "Offre d’achat",
                "Administration déléguée", "Configuration par clés de produit", "Inscription d’un client");

        alice.startProcess("Invitation à un essai")
                .select("Abonnement d’essai", "Business Premium — essai de 30 jours, 25 licences")
                .type("Destinataires (facultatif)", PROSPECT)
                .type("Message personnel (facultatif)", "Bonjour Léa, voici l’essai dont nous avons parlé.");
        assertThat(browser.bodyText()).contains("Démarrer un processus : Invitation à un essai",
                "Inviter des clients à un essai gratuit", "Les offres du catalogue qui peuvent être essayées");
        browser.screenshot("tasklist-fr-trial-invitation-start-form");
        alice.start();

        // her mail is in French and names the offer
        var issued = Mails.await(mail, "alice@contoso-partners.example", "Votre lien d’invitation à l’essai de Business Premium");
        assertThat(Mailbox.text(issued)).contains("Le lien fonctionne jusqu’au", "Invitations et offres");

        // the task says which invitation it is, until when; its form is French, the partner named
        String title = alice.taskNames().stream().filter(n -> n.startsWith("Lien d’essai : Business Premium"))
                .findFirst().orElseGet(() -> {
                    browser.driver().navigate().refresh();
                    return browser.until(d -> alice.taskNames().stream()
                            .filter(n -> n.startsWith("Lien d’essai : Business Premium")).findFirst().orElse(null));
                });
        assertThat(title).contains("envoyé à 1 destinataire", "jusqu’au ");
        alice.openTask(title);
        browser.waitForText("Gérer le lien d’invitation");
        assertThat(browser.bodyText()).containsPattern("Il est valable jusqu’au \\d{1,2} [a-zéû]+ \\d{4}\\.")
                .contains("Révoquer ce lien maintenant");
        browser.until(d -> d.findElements(By.cssSelector(".task-card .tenant-id")).stream()
                .anyMatch(e -> e.getText().contains("Contoso Cloud Partners")));
        browser.screenshot("tasklist-fr-manage-link-task");

        // the partner pages, in French: the overview and the invitation with its recipient
        browser.open("/partner");
        browser.waitForText("Vue d’ensemble du partenaire");
        assertThat(browser.bodyText()).contains("invitations envoyées", "Les six derniers mois");
        assertThat(browser.driver().findElements(By.cssSelector("svg.chart text.tick"))).isNotEmpty();
        browser.fullPageScreenshot("partner-overview-fr");
        browser.open("/partner/invitations");
        browser.waitForText("Invitations et offres");
        assertThat(browser.bodyText()).contains("Invitation à un essai", "Business Premium, 30 jours, 25 licences",
                "1 destinataire", "Alice Martin", "Ouvert");
        browser.fullPageScreenshot("partner-invitations-fr");
        browser.click(By.cssSelector("table.invitations tbody tr:first-child td a"));
        browser.waitForText(PROSPECT);
        assertThat(browser.bodyText()).contains("Envoyer l’invitation", "Révoquer le lien", "envoyé le");
    }
}
