package com.partnercenter.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.partnercenter.link.LinkService;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.ProvisioningDriver;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** A new customer admin chooses a password through the link of the welcome mail, then signs in. */
@IntegrationTest
class PasswordSetupHttpTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    private static final Pattern PASSWORD_URL =
            Pattern.compile("https://partners\\.test(/p/[A-Z0-9]+/password/[A-Za-z0-9_-]{43})");

    @Autowired TestRestTemplate http;
    @Autowired RuntimeService runtime;
    @Autowired com.partnercenter.support.Confirmations confirmations;
    @Autowired IdentityService identity;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired ProvisioningDriver provisioning;
    @Autowired LinkService links;

    @Test
    void theWelcomeLinkSetsThePasswordOnceAndTheAdminCanSignIn() throws Exception {
        String domain = TestData.unique("pw") + ".example";
        String userId = signUp(domain);
        MimeMessage welcome = mailTo("admin@" + domain);
        String body = GreenMailUtil.getBody(welcome).replace("=\r\n", "");
        assertThat(body).contains(userId);
        Matcher m = PASSWORD_URL.matcher(body);
        assertThat(m.find()).as("set-password link in the welcome mail").isTrue();
        String path = m.group(1);

        ResponseEntity<String> page = http.getForEntity(path, String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("Choose your password", userId);

        assertRefused(path, "short", "short", "A password has 12 to 128 characters.");
        assertRefused(path, "long enough password", "another long password", "The two passwords differ.");
        assertRefused(path, "my id " + userId + " rocks", "my id " + userId + " rocks",
                "must not contain your sign-in id");
        // (no sign-in attempt before: a failed attempt delays the next one, by the engine's design)

        ResponseEntity<String> saved = post(path, "correct horse battery", "correct horse battery");
        assertThat(saved.getStatusCode().value()).isEqualTo(200);
        assertThat(saved.getBody()).contains("Your password is saved", userId);
        assertThat(http.withBasicAuth(userId, "correct horse battery").getForEntity("/engine-rest/task", String.class)
                .getStatusCode().value()).isEqualTo(200);

        assertThat(post(path, "someone else's pass", "someone else's pass").getStatusCode().value())
                .as("the link works once").isEqualTo(410);
        assertThat(identity.checkPassword(userId, "someone else's pass")).isFalse();
    }

    /**
     * A new admin's account holds no password until its link sets one (no random password hashed for nothing): no
     * candidate signs in, over REST or the Java API, and the check fails like a wrong password (no error).
     */
    @Test
    void aNewAdminHasNoPasswordUntilItsLinkSetsOne() {
        String userId = signUp(TestData.unique("nopw") + ".example");
        var account = (org.camunda.bpm.engine.impl.persistence.entity.UserEntity) identity.createUserQuery()
                .userId(userId).singleResult();
        assertThat(account.getPassword()).as("stored password of an account waiting for its link").isNull();
        assertThat(identity.checkPassword(userId, "correct horse battery")).isFalse();
        assertThat(identity.checkPassword(userId, "null")).isFalse();
        assertThat(http.withBasicAuth(userId, "correct horse battery").getForEntity("/engine-rest/task", String.class)
                .getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aNewerLinkReplacesTheOlderOne() {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        String userId = TestData.unique("newer");
        var first = links.issuePasswordSetup(partner, userId, EngineClock.now().plus(Duration.ofDays(7)), null, null);
        var second = links.issuePasswordSetup(partner, userId, EngineClock.now().plus(Duration.ofDays(7)), null, null);
        assertThat(http.getForEntity(first.url().replace("https://partners.test", ""), String.class)
                .getStatusCode().value()).isEqualTo(410);
        assertThat(http.getForEntity(second.url().replace("https://partners.test", ""), String.class)
                .getStatusCode().value()).isEqualTo(200);
    }

    private String signUp(String domain) {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        ProcessInstance pi = signedIn.start(user, partner, "customerSignup",
                Map.of("recipientEmail", "prospect@example.org", "recipientLanguage", "en"));
        jobs.runAll(pi.getId());
        com.partnercenter.acceptance.AcceptanceForm form = com.partnercenter.support.Confirmations.form(domain, false);
        form.setOrganizationName("Password Co");
        form.setLanguage("en");
        form.setAdminFirstName("Pat");
        form.setAdminLastName("Word");
        confirmations.confirm(links.findById((Long) runtime.getVariable(pi.getId(), "linkId")).orElseThrow(), form);
        provisioning.runFor(pi.getBusinessKey());
        String userId = (String) runtime.getVariable(pi.getId(), "customerAdminUserId");
        jobs.runAll(pi.getId());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
        return userId;
    }

    private void assertRefused(String path, String password, String repeat, String message) {
        ResponseEntity<String> response = post(path, password, repeat);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).contains(message);
    }

    private ResponseEntity<String> post(String path, String password, String repeat) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("password", password);
        form.add("repeat", repeat);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return http.postForEntity(path, new HttpEntity<>(form, headers), String.class);
    }

    private MimeMessage mailTo(String address) throws Exception {
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                return m;
            }
        }
        throw new AssertionError("no mail to " + address);
    }
}
