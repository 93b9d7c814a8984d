package com.partnercenter.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.delegation.AdminRole;
import com.partnercenter.delegation.Relationship;
import com.partnercenter.delegation.RelationshipRepository;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Journey 3: David (Contoso) asks Wide World Importers for delegated administration in Tasklist;
 * Tom, admin of another Contoso customer (Tailspin Toys), does not see the request; Claire, admin of
 * Wide World Importers (a French organization), reviews and accepts it in Tasklist in French, and the relationship
 * is active.
 */
@BrowserJourney
class DelegatedAdminJourneyIT {

    /** Claire's organization is French: the task, its title and its form are in French. */
    static final String REVIEW_TASK = "À examiner : Contoso Cloud Partners demande l’administration limitée de votre "
            + "organisation";
    static final String WWI_DOMAIN = "wideworldimporters.example";

    @RegisterExtension
    static final Browser browser = new Browser();

    @RegisterExtension
    final GreenMailExtension mail = TestMail.extension();

    @Autowired CustomerRepository customers;
    @Autowired PartnerRepository partners;
    @Autowired RelationshipRepository relationships;

    @Test
    void customerAdminAcceptsTheRequestAndAnotherCustomersAdminDoesNotSeeIt() {
        Tasklist david = Tasklist.signIn(browser, "david", BrowserJourney.PASSWORD);
        david.startProcess("Delegated administration")
                .type("Customer domain", WWI_DOMAIN)
                .choose("Role asked for", "Limited administration")
                .type("Duration in days", "180");
        browser.screenshot("tasklist-delegated-admin-start-form");
        david.start();

        // Wide World Importers' admins are told by mail; the request waits for them in Tasklist
        Mails.await(mail, "claire@wideworldimporters.example", "Contoso Cloud Partners");

        Tasklist tom = Tasklist.signIn(browser, "tom", BrowserJourney.PASSWORD);
        assertThat(tom.taskNames()).doesNotContain(REVIEW_TASK);

        Tasklist claire = Tasklist.signIn(browser, "claire", BrowserJourney.PASSWORD);
        assertThat(claire.filterNames()).containsExactly("Mes tâches", "Demandes à examiner");
        claire.openFilter("Demandes à examiner");
        claire.openTask(REVIEW_TASK);
        browser.waitForText("Contoso Cloud Partners demande l’administration limitée de votre organisation pour 180 jours");
        claire.claim();
        claire.form().choose("Votre décision", "Accepter");
        browser.screenshot("tasklist-delegated-admin-review");
        claire.complete();
        // the list is fetched again after the completion: wait for it rather than read the old one
        browser.until(d -> !claire.taskNames().contains(REVIEW_TASK));

        Customer wwi = customers.findByDomain(WWI_DOMAIN).orElseThrow();
        long contoso = partners.findByAdvisorCode("CONTOSO").orElseThrow().id();
        Relationship relationship = browser.until(d -> relationships.findOpen(contoso, wwi.id())
                .filter(r -> r.status() == Relationship.Status.ACTIVE).orElse(null));
        assertThat(relationship.role()).isEqualTo(AdminRole.LIMITED);
        assertThat(relationship.durationDays()).isEqualTo(180);
    }
}
