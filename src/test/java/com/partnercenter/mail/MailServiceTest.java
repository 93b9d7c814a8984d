package com.partnercenter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerService;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestMail;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@IntegrationTest
class MailServiceTest {

    @RegisterExtension
    static GreenMailExtension greenMail = TestMail.extension();

    @Autowired MailService mails;
    @Autowired MailOutbox outbox;
    @Autowired JavaMailSenderImpl mailSender;
    @Autowired PartnerService partnerService;
    @Autowired TestData testData;

    private static OutgoingMail welcome(String to, Partner partner, String language) {
        return new OutgoingMail(TestData.unique("key-"), "customer-welcome", language, to,
                Map.of("customerName", "Acme", "customerAdminUserId", "adminc1"), partner.id(), "BK-1");
    }

    @Test
    void sendsHtmlWithPlainTextAlternativeFromTheConfiguredSender() throws Exception {
        Partner partner = testData.partner();

        assertThat(mails.send(welcome("admin@acme.example", partner, "en"))).isTrue();

        MimeMessage message = single();
        assertThat(message.getSubject()).isEqualTo("Welcome: your organization Acme is ready");
        assertThat(message.getFrom()).containsExactly(new InternetAddress("no-reply@partnercenter.example"));
        assertThat(message.getAllRecipients()).containsExactly(new InternetAddress("admin@acme.example"));
        assertThat(message.getReplyTo()).containsExactly(new InternetAddress(partner.supportEmail()));
        String raw = GreenMailUtil.getWholeMessage(message);
        assertThat(raw).contains("multipart/alternative").containsPattern("text/plain; ?charset=UTF-8")
                .containsPattern("text/html; ?charset=UTF-8");
    }

    /** Every attempt of a key carries the same Message-ID: a duplicate from a crash window is recognizable. */
    @Test
    void theMessageIdIsDerivedFromTheKey() throws Exception {
        OutgoingMail mail = welcome("mid@acme.example", testData.partner(), "en");
        mails.send(mail);
        assertThat(single().getMessageID()).isEqualTo(MailService.messageId(mail.idempotencyKey()))
                .matches("<[0-9a-f]{32}@partner-center>");
    }

    @Test
    void sameKeyTwiceSendsOneMail() {
        OutgoingMail mail = welcome("twice@acme.example", testData.partner(), "fr");

        assertThat(mails.send(mail)).isTrue();
        assertThat(mails.send(mail)).isFalse();
        // a retry of a sent mail stops before rendering: even a model that no longer renders is fine
        assertThat(mails.send(new OutgoingMail(mail.idempotencyKey(), mail.template(), "fr", mail.recipient(),
                Map.of(), mail.partnerId(), mail.businessKey()))).isFalse();

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        MailOutbox.Entry entry = outbox.find(mail.idempotencyKey()).orElseThrow();
        assertThat(entry.status()).isEqualTo(MailOutbox.Status.SENT);
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(entry.sentAt()).isNotNull();
        assertThat(entry.language()).isEqualTo("fr");
        assertThat(entry.subject()).isEqualTo("Bienvenue : votre organisation Acme est prête");
        assertThat(entry.businessKey()).isEqualTo("BK-1");
    }

    @Test
    void languageDefaultsToThePartnersLanguage() throws Exception {
        String code = TestData.unique("F").toUpperCase(Locale.ROOT);
        Partner french = partnerService.createPartner(new Partner(0, code, null, "Partenaire " + code,
                "1 rue du Test", "69001", "Lyon", "FR", "+33 4 00 00 00 00", "support@" + code + ".example", null,
                "fr", EnumSet.of(ProgramAuthorization.SUBSCRIPTION_ADVISOR)));

        mails.send(welcome("fr@acme.example", french, null));

        MimeMessage message = single();
        assertThat(message.getSubject()).startsWith("Bienvenue");
        assertThat(GreenMailUtil.getBody(message)).doesNotContain("Site web");
    }

    @Test
    void smtpFailureIsRecordedAndReportedForOperators() {
        OutgoingMail mail = welcome("down@acme.example", testData.partner(), "en");
        int port = mailSender.getPort();
        int closed = SmtpPorts.closedPort();
        mailSender.setPort(closed);
        try {
            assertThatThrownBy(() -> mails.send(mail))
                    .isInstanceOf(MailDeliveryException.class)
                    .hasMessageStartingWith("Could not send e-mail 'customer-welcome' to down@acme.example: ")
                    .hasMessageContaining("Connection refused")
                    .hasMessageEndingWith("(SMTP localhost:" + closed + ")");
        } finally {
            mailSender.setPort(port);
        }
        MailOutbox.Entry failed = outbox.find(mail.idempotencyKey()).orElseThrow();
        assertThat(failed.status()).isEqualTo(MailOutbox.Status.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("Connection refused");

        assertThat(mails.send(mail)).isTrue();

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        MailOutbox.Entry sent = outbox.find(mail.idempotencyKey()).orElseThrow();
        assertThat(sent.status()).isEqualTo(MailOutbox.Status.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.lastError()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"victim@acme.example\r\nBcc: evil@attacker.example", "victim@acme.example\nBcc: x@y.example",
            "victim@acme.example\r", "victim@acme.example, evil@attacker.example", "Victim <victim@acme.example>",
            "victim@@acme.example", "victim", " victim@acme.example", "undisclosed-recipients:;"})
    void refusesAnythingButOneBareRecipient(String recipient) {
        OutgoingMail mail = welcome(recipient, testData.partner(), "en");

        assertThatThrownBy(() -> mails.send(mail))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("e-mail recipient");

        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(outbox.find(mail.idempotencyKey())).isEmpty();
    }

    @Test
    void refusesASubjectWithLineBreaks() {
        OutgoingMail mail = new OutgoingMail(TestData.unique("key-"), "partner-acceptance-notice", "en",
                "partner@acme.example", Map.of("customerName", "Acme\r\nBcc: evil@attacker.example",
                        "customerDomain", "acme.example"), testData.partner().id(), null);

        assertThatThrownBy(() -> mails.send(mail))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("e-mail subject must not contain line breaks");

        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(outbox.find(mail.idempotencyKey())).isEmpty();
    }

    @Test
    void refusesUnknownPartnerAndLanguage() {
        Partner partner = testData.partner();
        OutgoingMail unknownPartner = new OutgoingMail("k-" + TestData.unique("p"), "customer-welcome", "en",
                "a@acme.example", Map.of(), -1L, null);
        OutgoingMail german = welcome("a@acme.example", partner, "de");

        assertThatThrownBy(() -> mails.send(unknownPartner)).hasMessage("partner -1 does not exist");
        assertThatThrownBy(() -> mails.send(german)).hasMessageContaining("unsupported language 'de'");
        assertThatThrownBy(() -> new OutgoingMail("k", "../secret", "en", "a@acme.example", Map.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid e-mail template name");
    }

    private static MimeMessage single() {
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }
}
