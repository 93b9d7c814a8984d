package com.partnercenter.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.productkey.ProductKey;
import com.partnercenter.productkey.ProductKeyRepository;
import com.partnercenter.support.TestData;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Journey 4: Fiona (Fabrikam Advisors, subscription advisor only) starts flows in Tasklist that Partner Center
 * refuses — delegated administration her partner does not hold, a product key already used — and Tasklist says why
 * at once, in its error notice, while nothing is started (issue 14: refused starts no longer look like successes).
 */
@BrowserJourney
class RefusedStartJourneyIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Autowired PartnerRepository partners;
    @Autowired ProductKeyRepository productKeys;
    @Autowired HistoryService history;

    @Test
    void aRefusedStartIsToldInTasklistAtOnceAndNothingIsStarted() {
        Partner fabrikam = partners.findByAdvisorCode("FABRIKAM").orElseThrow();
        long instancesBefore = instances(fabrikam);
        Tasklist fiona = Tasklist.signIn(browser, "fiona", BrowserJourney.PASSWORD);

        // a flow her partner does not hold is not even offered (UnauthorizedStartJourneyIT); a start the flow's own
        // check refuses is told at once, and nothing starts
        assertThat(fiona.startableProcesses()).doesNotContain("Delegated administration");
        ProductKey used = productKeys.findByPartner(fabrikam.id()).stream()
                .filter(k -> k.state() == ProductKey.State.UNUSED).findFirst().orElseThrow();
        productKeys.reserve(used.keyCode(), fabrikam.id(), "an-earlier-setup", EngineClock.now());
        String domain = TestData.unique("keys") + ".example";
        fiona.startProcess("Product-key setup")
                .type("Product keys", used.formatted())
                .choose("Customer", "A new customer")
                .type("Customer domain", domain)
                .type("Organization name", "Northwind Traders")
                .type("Country", "GB")
                .select("Language of the customer's e-mails", "English")
                .type("Administrator's first name", "Nancy")
                .type("Administrator's last name", "Davolio")
                .type("Administrator's e-mail", "nancy@" + domain)
                .choose("Also offer delegated administration", "No");
        String refused = fiona.startRefused();
        assertThat(refused).contains("The process could not be started")
                .doesNotContain("started. :")
                .contains("Product key " + used.formatted() + " has already been used.");
        browser.screenshot("tasklist-start-refused");

        assertThat(instances(fabrikam)).as("no instance was started").isEqualTo(instancesBefore);
    }

    private long instances(Partner partner) {
        return history.createHistoricProcessInstanceQuery().tenantIdIn(partner.tenantId()).count();
    }
}
