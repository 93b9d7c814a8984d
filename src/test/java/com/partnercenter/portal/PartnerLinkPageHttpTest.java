package com.partnercenter.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.link.LinkService;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestLinks;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The partner sees and copies its own published link (rebuilt from the link, stored nowhere); no one else does. */
@IntegrationTest
class PartnerLinkPageHttpTest {

    @org.junit.jupiter.api.extension.RegisterExtension
    static com.icegreen.greenmail.junit5.GreenMailExtension mail = com.partnercenter.support.TestMail.extension();

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired RuntimeService runtime;
    @Autowired LinkService links;

    @Test
    void thePartnerSeesItsLinkAndAnotherPartnerGets404() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        var sku = data.sku(true, 1, 300);
        var invitation = signedIn.start(user, partner, "trialInvitation", Map.of("skuCode", sku.code(),
                "linkValidityDays", 30));
        jobs.runAll(invitation.getId());
        long linkId = ((Number) runtime.getVariable(invitation.getId(), "linkId")).longValue();
        String url = TestLinks.invitationUrl(links, runtime, invitation.getId());

        PartnerBrowser.Page page = PartnerBrowser.signIn(port, "default", user.userId(), TestData.PASSWORD)
                .get("/partner/links/" + linkId);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"" + url + "\"", "Trial invitation");

        Partner other = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser stranger = data.user(other, SupportedAccess.FULL);
        PartnerBrowser.Page refused = PartnerBrowser.signIn(port, "default", stranger.userId(), TestData.PASSWORD)
                .get("/partner/links/" + linkId);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body()).doesNotContain(url);

        runtime.correlateMessage("RevokeLink", invitation.getBusinessKey());
        assertThat(PartnerBrowser.signIn(port, "default", user.userId(), TestData.PASSWORD)
                .get("/partner/links/" + linkId).body()).contains("This link no longer works");
    }
}
