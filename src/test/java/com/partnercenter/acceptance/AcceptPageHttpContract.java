package com.partnercenter.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The public accept pages through the real HTTP surface: link, form, confirmation mail, confirmation.
 * Runs on H2 ({@link AcceptPageH2Test}) and on PostgreSQL ({@link AcceptPagePostgresTest}).
 */
abstract class AcceptPageHttpContract {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();


    @LocalServerPort int port;
    @Autowired TestRestTemplate http;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtime;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.mail.javamail.JavaMailSenderImpl mailSender;
    @Autowired AcceptanceService acceptanceService;
    @Autowired AcceptanceRepository acceptanceRepository;

    private Partner partner;
    private ProcessInstance pi;
    private String path;

    @BeforeEach
    void startSignup() {
        BpmnAwareTests.init(engine);
        partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        pi = signedIn.start(user, partner, "customerSignup",
                Map.of("recipientEmail", "prospect@example.org", "recipientLanguage", "en", "linkValidityDays", 10));
        jobs.runAll(pi.getId());
        path = ((String) runtime.getVariable(pi.getId(), "invitationUrl")).replace("https://partners.test", "");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void pageShowsThePartnerAndTheFormInBothLanguages() {
        ResponseEntity<String> en = get(path);
        assertThat(en.getStatusCode().value()).isEqualTo(200);
        assertThat(en.getBody()).contains(partner.name(), partner.phone(), partner.supportEmail(),
                "Open your organization");
        assertThat(en.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(en.getHeaders().getFirst("Cache-Control")).isEqualTo("no-store");

        ResponseEntity<String> fr = get(path + "?lang=fr");
        assertThat(fr.getBody()).contains("Ouvrez le compte de votre organisation", partner.name());
        ResponseEntity<String> frHeader = http.exchange(url(path), HttpMethod.GET,
                new HttpEntity<>(headers("Accept-Language", "fr-FR,fr;q=0.9")), String.class);
        assertThat(frHeader.getBody()).contains("Ouvrez le compte");
    }

    @Test
    void acceptConfirmByMailAndTheProcessMovesOn() throws Exception {
        String domain = TestData.unique("acme") + ".example";
        ResponseEntity<String> submitted = post(path, validForm(domain));
        assertThat(submitted.getStatusCode().value()).isEqualTo(200);
        assertThat(submitted.getBody()).contains("Check your mailbox", "ada@" + domain);
        assertThat(pi).isWaitingAt("Task_WaitConfirmation");

        MimeMessage confirmation = Mailbox.lastTo(mail, "ada@" + domain);
        assertSaysSignUp(confirmation);
        String confirmPath = Mailbox.confirmationPath(confirmation);
        assertThat(Mailbox.body(confirmation)).as("the confirm page opens in the mail's language")
                .contains(confirmPath + "?lang=en");

        ResponseEntity<String> confirmPage = get(confirmPath);
        assertThat(confirmPage.getStatusCode().value()).isEqualTo(200);
        assertThat(confirmPage.getBody()).contains("Press the button to confirm the sign-up of Acme &amp; Sons with "
                + partner.name() + ". The organization is then set up and its administrator receives a welcome e-mail.")
                .doesNotContain("trial", "purchase");
        assertThat(get(confirmPath + "?lang=fr").getBody()).contains("Appuyez sur le bouton pour confirmer "
                + "l’inscription d’Acme &amp; Sons auprès de " + partner.name() + ". L’organisation est alors créée");
        assertThat(pi).as("opening the link alone confirms nothing").isWaitingAt("Task_WaitConfirmation");

        ResponseEntity<String> confirmed = post(confirmPath, new LinkedMultiValueMap<>());
        assertThat(confirmed.getStatusCode().value()).isEqualTo(200);
        assertThat(confirmed.getBody()).contains("Thank you", "Your organization is being set up. You will receive a "
                + "welcome e-mail shortly; " + partner.name() + " has been told.");
        assertThat(pi).isWaitingAt("Task_CreateCustomer");
        assertThat(runtime.getVariable(pi.getId(), "customerDomain")).isEqualTo(domain);

        assertThat(post(confirmPath, new LinkedMultiValueMap<>()).getStatusCode().value())
                .as("a confirmation link works once").isEqualTo(410);
        assertThat(get(path).getStatusCode().value()).as("a sign-up link closes with its confirmation").isEqualTo(410);
    }

    @Test
    void secondConfirmationAfterTheFirstFindsTheInvitationClosed() throws Exception {
        String first = TestData.unique("one") + ".example";
        String second = TestData.unique("two") + ".example";
        post(path, validForm(first));
        post(path, validForm(second));
        String firstConfirm = Mailbox.confirmationPath(mail, "ada@" + first);
        String secondConfirm = Mailbox.confirmationPath(mail, "ada@" + second);

        assertThat(post(firstConfirm, new LinkedMultiValueMap<>()).getStatusCode().value()).isEqualTo(200);
        assertThat(post(secondConfirm, new LinkedMultiValueMap<>()).getStatusCode().value()).isEqualTo(410);
        assertThat(runtime.getVariable(pi.getId(), "customerDomain")).isEqualTo(first);
        assertThat(jdbc.sql("select status from pc_acceptance a join pc_link l on l.acceptance_id = a.id "
                + "where l.process_instance_id = ? order by a.id").param(pi.getId()).query(String.class).list())
                .containsExactly("CONFIRMED", "PENDING_CONFIRMATION");
    }

    @Test
    void fiveParallelClicksOnOneConfirmationLinkConfirmOnce() throws Exception {
        String domain = TestData.unique("race") + ".example";
        post(path, validForm(domain));
        String confirmPath = Mailbox.confirmationPath(mail, "ada@" + domain);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        var gate = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(pool.submit(() -> {
                    gate.await();
                    return post(confirmPath, new LinkedMultiValueMap<>()).getStatusCode().value();
                }));
            }
            gate.countDown();
            List<Integer> codes = new java.util.ArrayList<>();
            for (var answer : answers) {
                codes.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(codes).containsOnlyOnce(200).containsOnly(200, 410);
        } finally {
            pool.shutdownNow();
        }
        assertThat(pi).isWaitingAt("Task_CreateCustomer");
        assertThat(engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(pi.getId()).count())
                .isEqualTo(1);
    }

    @Test
    void doubleSubmitKeepsOneAcceptanceAndSendsOneMail() throws Exception {
        String domain = TestData.unique("dbl") + ".example";
        assertThat(post(path, validForm(domain)).getStatusCode().value()).isEqualTo(200);
        assertThat(post(path, validForm(domain)).getStatusCode().value()).isEqualTo(200);
        assertThat(acceptanceCount()).isEqualTo(1);
        assertThat(java.util.Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipient(m).equals("ada@" + domain)).count()).isEqualTo(1);
    }

    @Test
    void aSubmitWhileSmtpIsDownIsKeptAndItsConfirmationMailSentLater() throws Exception {
        String domain = TestData.unique("down") + ".example";
        int port = mailSender.getPort();
        mailSender.setPort(closedPort());
        ResponseEntity<String> submitted;
        try {
            submitted = post(path, validForm(domain));
        } finally {
            mailSender.setPort(port);
        }
        assertThat(submitted.getStatusCode().value()).isEqualTo(200);
        assertThat(submitted.getBody()).contains("Check your mailbox", "may take a few minutes");
        assertThat(acceptanceCount()).isEqualTo(1);

        assertThat(acceptanceService.retryUnsentConfirmations()).isGreaterThanOrEqualTo(1);
        assertSaysSignUp(Mailbox.lastTo(mail, "ada@" + domain));
        String confirmPath = Mailbox.confirmationPath(mail, "ada@" + domain);
        assertThat(post(confirmPath, new LinkedMultiValueMap<>()).getStatusCode().value()).isEqualTo(200);
        assertThat(pi).isWaitingAt("Task_CreateCustomer");
        assertThat(acceptanceService.retryUnsentConfirmations()).as("nothing left to send").isZero();
    }

    @Test
    void aLinkWithTooManyPendingAcceptancesRefusesMore() {
        long linkId = (Long) runtime.getVariable(pi.getId(), "linkId");
        for (int i = 0; i < AcceptanceService.MAX_PENDING_PER_LINK; i++) {
            var form = new AcceptanceForm();
            form.setOrganizationName("Flood " + i);
            form.setDomain("flood" + i + ".example");
            form.setCountry("FR");
            form.setLanguage("en");
            form.setAdminFirstName("F");
            form.setAdminLastName("L");
            form.setAdminEmail("f" + i + "@flood.example");
            acceptanceRepository.insert(linkId, form);
        }
        ResponseEntity<String> refused = post(path, validForm(TestData.unique("late") + ".example"));
        assertThat(refused.getStatusCode().value()).isEqualTo(429);
        assertThat(refused.getBody()).contains("Too many requests are waiting", partner.name());
        assertThat(acceptanceCount()).isEqualTo(AcceptanceService.MAX_PENDING_PER_LINK);
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsStored() {
        long before = acceptanceCount();

        MultiValueMap<String, String> empty = new LinkedMultiValueMap<>();
        ResponseEntity<String> missing = post(path, empty);
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody()).contains("Enter the name of your organization.",
                "Enter your organization&#39;s domain name.", "Choose your country or region.",
                "Enter the administrator&#39;s work e-mail address.");

        String tenKb = "x".repeat(10_240);
        assertRefused(with(validForm("ok.example"), "organizationName", tenKb),
                "at most 200 characters");
        assertRefused(with(validForm("ok.example"), "adminLastName", tenKb), "at most 100 characters");
        assertRefused(with(validForm("ok.example"), "adminFirstName", "<script>alert(1)</script>"),
                "Remove the characters");
        assertRefused(with(validForm("ok.example"), "organizationName", "Acme\r\nBcc: spam@example.org"),
                "Remove the characters");
        assertRefused(with(validForm("ok.example"), "adminEmail", "ada@ok.example\r\nBcc: spam@example.org"),
                "Enter a valid e-mail address");
        assertRefused(with(validForm("ok.example"), "domain", "not a domain"), "Enter a valid domain name");
        assertRefused(with(validForm("ok.example"), "country", "XX"), "Choose a country or region from the list.");
        assertRefused(with(validForm("ok.example"), "language", "de"), "Choose English or French.");

        ResponseEntity<String> scripted = post(path, with(validForm("ok.example"), "adminFirstName", "<script>x</script>"));
        assertThat(scripted.getBody()).doesNotContain("<script>x</script>").contains("&lt;script&gt;");
        assertThat(acceptanceCount()).isEqualTo(before);
        assertThat(mail.getReceivedMessages()).as("only the invitation").hasSize(1);
    }

    @Test
    void aDomainThatIsAlreadyRegisteredIsRefusedOnThePage() {
        var existing = data.customer();
        ResponseEntity<String> refused = post(path, validForm(existing.domain()));
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody()).contains("This domain is already registered");
        assertThat(acceptanceCount()).isZero();
    }

    @Test
    void unknownTamperedExpiredAndRevokedLinksRevealNothing() {
        String token = path.substring(path.lastIndexOf('/') + 1);
        char last = token.charAt(token.length() - 1);
        String tampered = path.substring(0, path.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertNotFound(tampered);
        assertNotFound("/p/" + partner.advisorCode() + "/short");
        assertNotFound("/p/OTHER/" + token);
        assertNotFound("/p/" + partner.advisorCode() + "/confirm/" + token);
        assertThat(post(tampered, validForm("x.example")).getStatusCode().value()).isEqualTo(404);

        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 11L * 24 * 3600 * 1000));
        ResponseEntity<String> expired = get(path);
        assertThat(expired.getStatusCode().value()).isEqualTo(410);
        assertThat(expired.getBody()).contains("This link no longer works").doesNotContain("form");
        assertThat(post(path, validForm("late.example")).getStatusCode().value()).isEqualTo(410);
        ClockUtil.reset();

        runtime.createMessageCorrelation("RevokeLink").processInstanceId(pi.getId()).correlate();
        assertThat(get(path).getStatusCode().value()).isEqualTo(410);
        assertThat(acceptanceCount()).isZero();
    }

    private static int closedPort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The confirmation mail of a sign-up (form {@link #validForm}): the organization is set up, nothing else. */
    private void assertSaysSignUp(MimeMessage confirmation) {
        assertThat(Mailbox.subject(confirmation)).isEqualTo("Confirm the sign-up of Acme & Sons");
        assertThat(Mailbox.text(confirmation)).contains("Someone asked to sign up Acme & Sons with " + partner.name(),
                "Once you confirm, the organization Acme & Sons is set up and its administrator receives a welcome e-mail.")
                .doesNotContain("trial", "purchase");
    }

    private void assertNotFound(String p) {
        ResponseEntity<String> response = get(p);
        assertThat(response.getStatusCode().value()).as(p).isEqualTo(404);
        assertThat(response.getBody()).contains("Link not found").doesNotContain(partner.name());
    }

    private void assertRefused(MultiValueMap<String, String> form, String message) {
        ResponseEntity<String> response = post(path, form);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).contains(message);
    }

    private long acceptanceCount() {
        return jdbc.sql("select count(*) from pc_acceptance a join pc_link l on l.id = a.link_id "
                + "where l.process_instance_id = ?").param(pi.getId()).query(Long.class).single();
    }

    private static MultiValueMap<String, String> validForm(String domain) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("organizationName", "Acme & Sons");
        form.add("domain", domain);
        form.add("country", "FR");
        form.add("language", "en");
        form.add("adminFirstName", "Ada");
        form.add("adminLastName", "O'Neil");
        form.add("adminEmail", "ada@" + domain);
        return form;
    }

    private static MultiValueMap<String, String> with(MultiValueMap<String, String> form, String field, String value) {
        form.set(field, value);
        return form;
    }

    private ResponseEntity<String> get(String p) {
        return http.getForEntity(url(p), String.class);
    }

    private ResponseEntity<String> post(String p, MultiValueMap<String, String> form) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return http.postForEntity(url(p), new HttpEntity<>(form, headers), String.class);
    }

    private String url(String p) {
        return "http://localhost:" + port + p;
    }

    private static HttpHeaders headers(String name, String value) {
        HttpHeaders h = new HttpHeaders();
        h.add(name, value);
        return h;
    }
}
