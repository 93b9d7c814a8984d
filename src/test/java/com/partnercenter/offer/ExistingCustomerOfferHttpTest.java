package com.partnercenter.offer;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestMail;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A purchase offer made to an existing customer, accepted by its administrator signed in: the counts within the
 * bounds are bought at once for the customer, delegated administration becomes a review (never a grant), and the
 * administrator of another organization is refused with nothing stored.
 */
@IntegrationTest
class ExistingCustomerOfferHttpTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired com.partnercenter.support.ProvisioningDriver provisioning;
    @Autowired RuntimeService runtime;
    @Autowired com.partnercenter.link.LinkService testLinkService;

    @Test
    void theSignedInAdministratorBuysForItsCustomerAndDelegatedAdministrationGoesToReview() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser user = data.user(partner, CompanyRole.NONE, SupportedAccess.FULL, "en");
        Sku sku = data.sku(false, 5, 100);
        TestData.CustomerWithAdmin customer = data.customerOf(partner);
        TestData.CustomerWithAdmin other = data.customerOf(partner);
        ProcessInstance offer = signedIn.start(user, partner, "purchaseOffer", Map.of("line1Sku", sku.code(),
                "line1Licenses", 20L, "targetCustomerDomain", customer.customer().domain(),
                "includeDelegatedAdmin", true, "delegatedAdminRole", "LIMITED", "linkValidityDays", 30L));
        jobs.runAll(offer.getId());
        String path = com.partnercenter.support.TestLinks.invitationUrl(testLinkService, runtime, offer.getId()).replace("https://partners.test", "");

        PartnerBrowser stranger = PartnerBrowser.anonymous(port);
        stranger.get(path + "/sign-in");
        stranger.signInHere("default", other.admin().userId(), TestData.PASSWORD);
        assertThat(stranger.get(path + "?lang=en").body()).contains("You are signed in as");
        var refused = stranger.post(path + "/as-customer", Map.of("licenses[" + sku.code() + "]", "20", "lang", "en"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).containsOnlyOnce("This offer is for another organization than yours")
                .doesNotContain("Please correct the highlighted fields");

        PartnerBrowser browser = PartnerBrowser.anonymous(port);
        browser.get(path + "/sign-in?lang=en");
        browser.signInHere("default", customer.admin().userId(), TestData.PASSWORD);
        assertThat(browser.get(path + "?lang=en").body()).contains("Accept the offer for " + customer.customer().name(),
                "Signed in as an administrator of " + customer.customer().name() + ", you buy them as soon as you "
                + "accept the offer below.").doesNotContain("we send the confirmation link");
        var tooFew = browser.post(path + "/as-customer", Map.of("licenses[" + sku.code() + "]", "2", "lang", "en"));
        assertThat(tooFew.status()).isEqualTo(409);
        var accepted = browser.post(path + "/as-customer", Map.of("licenses[" + sku.code() + "]", "30",
                "delegatedAdminConsent", "true", "lang", "en"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("being bought for " + customer.customer().name());

        ProcessInstance purchase = runtime.createProcessInstanceQuery().processDefinitionKey(OfferAcceptances.PROCESS)
                .processInstanceBusinessKeyLike(offer.getBusinessKey() + "-A%").singleResult();
        // the tick is a request: the purchase's flow asks the customer's administrators to review it, grants nothing
        for (int i = 0; i < 5 && jobs.runAll(purchase.getId()) + provisioning.runFor(purchase.getBusinessKey()) > 0; i++) {
            // purchase steps, provisioning, mails
        }
        ProcessInstance review = runtime.createProcessInstanceQuery().processDefinitionKey("delegatedAdmin")
                .processInstanceBusinessKey(purchase.getBusinessKey() + "-DA").singleResult();
        assertThat(review).isNotNull();
        assertThat(runtime.getVariable(review.getId(), "preApproved")).isEqualTo(false);
    }
}
