package com.partnercenter.portal;

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
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.PartnerBrowser;
import com.partnercenter.support.ProvisioningDriver;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestMail;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "Invitations and offers" through the real HTTP surface: a partner sees every link it issued (and no other
 * partner's), searches and filters them, follows an acceptance from waiting for its confirmation to provisioned,
 * sends the link to more recipients (each address once), and revokes it; what its role does not allow answers 403.
 */
@IntegrationTest
class InvitationPagesHttpTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired RuntimeService runtime;
    @Autowired com.partnercenter.link.LinkService testLinkService;
    @Autowired ProvisioningDriver provisioning;
    @Autowired JdbcClient jdbc;

    Partner partner;
    PartnerUser issuer;
    Sku sku;
    ProcessInstance invitation;
    long linkId;

    @BeforeEach
    void invite() {
        partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        issuer = data.user(partner, CompanyRole.NONE, SupportedAccess.FULL, "en");
        sku = data.sku(true, 1, 300);
        invitation = signedIn.start(issuer, partner, "trialInvitation", Map.of("skuCode", sku.code(),
                "recipientEmails", "first@prospect.example", "linkValidityDays", 30));
        jobs.runAll(invitation.getId());
        linkId = jdbc.sql("select id from pc_link where process_instance_id = ?").param(invitation.getId())
                .query(Long.class).single();
    }

    @Test
    void thePartnerSeesItsLinksWithWhatTheyOfferTheirRecipientsAndStatusAndNoOtherPartnersLink() {
        PartnerBrowser browser = PartnerBrowser.signIn(port, "default", issuer.userId(), TestData.PASSWORD);

        var list = browser.get("/partner/invitations?lang=en");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Trial invitation", sku.name() + ", 30 days, 25 licenses", "1 recipient",
                invitation.getBusinessKey(), ">Open<", "0 confirmed, 0 waiting for confirmation");

        var french = browser.get("/partner/invitations/" + linkId + "?lang=fr");
        assertThat(french.body()).contains("Invitation à un essai", "first@prospect.example", "envoyé le",
                "Personne ne l’a encore accepté.", "/p/" + partner.advisorCode() + "/");

        assertThat(browser.get("/partner/invitations?q=first@pro").body()).contains(invitation.getBusinessKey());
        assertThat(browser.get("/partner/invitations?q=nobody@").body()).doesNotContain(invitation.getBusinessKey());
        assertThat(browser.get("/partner/invitations?kind=OFFER").body()).doesNotContain(invitation.getBusinessKey());
        assertThat(browser.get("/partner/invitations?status=EXPIRED").body()).doesNotContain(invitation.getBusinessKey());

        Partner other = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser stranger = data.user(other, CompanyRole.GLOBAL_ADMIN, SupportedAccess.FULL, "en");
        PartnerBrowser strangers = PartnerBrowser.signIn(port, "default", stranger.userId(), TestData.PASSWORD);
        assertThat(strangers.get("/partner/invitations/" + linkId).status()).isEqualTo(404);
        assertThat(strangers.get("/partner/invitations").body()).doesNotContain(invitation.getBusinessKey());
        assertThat(strangers.post("/partner/invitations/" + linkId + "/revoke", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void anAcceptanceMovesFromWaitingForItsConfirmationToProvisioned() {
        PartnerBrowser browser = PartnerBrowser.signIn(port, "default", issuer.userId(), TestData.PASSWORD);
        String path = com.partnercenter.support.TestLinks.invitationUrl(testLinkService, runtime, invitation.getId())
                .replace("https://partners.test", "");
        String domain = TestData.unique("inv") + ".example";
        PartnerBrowser customer = PartnerBrowser.anonymous(port);
        var accepted = customer.postRaw(path, Map.of("organizationName", "Invited Co", "domain", domain,
                "country", "FR", "language", "en", "adminFirstName", "Ines", "adminLastName", "Vite",
                "adminEmail", "ines@" + domain));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

        assertThat(browser.get("/partner/invitations/" + linkId + "?lang=en").body())
                .contains("Invited Co", "ines@" + domain, "Waiting for the e-mail confirmation");
        assertThat(browser.get("/partner/invitations?lang=en").body()).contains("0 confirmed, 1 waiting for confirmation");

        assertThat(customer.postRaw(Mailbox.confirmationPath(mail, "ines@" + domain), Map.of()).status()).isEqualTo(200);
        assertThat(browser.get("/partner/invitations/" + linkId + "?lang=en").body()).contains("Confirmed, being set up");

        String trialKey = invitation.getBusinessKey() + "-A" + jdbc.sql("select id from pc_acceptance where link_id = ?")
                .param(linkId).query(Long.class).single();
        provisioning.runFor(trialKey);
        provisioning.runFor(trialKey);
        var provisioned = browser.get("/partner/invitations/" + linkId + "?lang=en").body();
        assertThat(provisioned).contains(">Provisioned<", "Send a purchase offer");
        assertThat(browser.get("/partner/invitations?accepted=any&lang=en").body()).contains(invitation.getBusinessKey(),
                "1 confirmed, 0 waiting for confirmation");
    }

    @Test
    void moreRecipientsGetTheInvitationOnceAndBadAddressesAreRefusedWithNothingSent() {
        PartnerBrowser browser = PartnerBrowser.signIn(port, "default", issuer.userId(), TestData.PASSWORD);

        var refused = browser.post("/partner/invitations/" + linkId + "/recipients?lang=en",
                Map.of("recipients", "second@prospect.example\nnot-an-address", "lang", "en"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("“not-an-address” is not an e-mail address.");
        assertThat(jobs.runAllOf(InvitationActions.RECIPIENTS_PROCESS)).isZero();

        var added = browser.post("/partner/invitations/" + linkId + "/recipients",
                Map.of("recipients", "second@prospect.example; FIRST@prospect.example", "lang", "fr"));
        assertThat(added.status()).isEqualTo(302);
        assertThat(added.location()).endsWith("/partner/invitations/" + linkId + "?done=recipients&lang=fr");
        jobs.runAllOf(InvitationActions.RECIPIENTS_PROCESS);

        assertThat(Mailbox.recipients(mail)).containsOnlyOnce("first@prospect.example")
                .containsOnlyOnce("second@prospect.example");
        assertThat(Mailbox.text(Mailbox.lastTo(mail, "second@prospect.example"))).contains(sku.name());
        assertThat(browser.get("/partner/invitations/" + linkId).body()).contains("second@prospect.example");
    }

    @Test
    void theIssuerAndGlobalAdminsRevokeOthersMayNot() {
        PartnerUser colleague = data.user(partner, CompanyRole.NONE, SupportedAccess.FULL, "en");
        PartnerBrowser colleagues = PartnerBrowser.signIn(port, "default", colleague.userId(), TestData.PASSWORD);
        assertThat(colleagues.get("/partner/invitations/" + linkId).body()).doesNotContain("/revoke");
        assertThat(colleagues.post("/partner/invitations/" + linkId + "/revoke", Map.of()).status()).isEqualTo(403);

        PartnerUser admin = data.user(partner, CompanyRole.GLOBAL_ADMIN, SupportedAccess.NONE, "en");
        PartnerBrowser admins = PartnerBrowser.signIn(port, "default", admin.userId(), TestData.PASSWORD);
        assertThat(admins.post("/partner/invitations/" + linkId + "/revoke", Map.of()).status()).isEqualTo(302);
        jobs.runAll(invitation.getId());

        assertThat(runtime.createProcessInstanceQuery().processInstanceId(invitation.getId()).count()).isZero();
        assertThat(admins.get("/partner/invitations/" + linkId + "?lang=en").body()).contains(">Revoked<")
                .doesNotContain("/revoke\"");
        assertThat(admins.get("/partner/invitations?status=REVOKED").body()).contains(invitation.getBusinessKey());
    }
}
