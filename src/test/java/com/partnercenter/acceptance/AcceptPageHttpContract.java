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
    @Autowired com.partnercenter.mail.MailService outboxMails;
    @Autowired com.partnercenter.link.LinkService linkService;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.mail.javamail.JavaMailSenderImpl mailSender;
    @Autowired AcceptanceService acceptanceService;
    @Autowired AcceptanceRepository acceptanceRepository;
    @Autowired com.partnercenter.ratelimit.RateLimitSettings settings;
    @Autowired io.micrometer.core.instrument.MeterRegistry meters;

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
        path = com.partnercenter.support.TestLinks.invitationUrl(linkService, runtime, pi.getId()).replace("https://partners.test", "");
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
        // every language of the program, by its own name (platform.Language), in the switcher and the choices
        for (com.partnercenter.platform.Language language : com.partnercenter.platform.Language.values()) {
            assertThat(en.getBody()).contains("href=\"?lang=" + language.code() + "\"",
                    ">" + language.nativeName() + "</a>", "<option value=\"" + language.code() + "\"",
                    ">" + language.nativeName() + "</option>");
        }

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

    /** A customer who lost the mail submits again: one acceptance, the mail again, with the same live link. */
    @Test
    void submittingAgainKeepsOneAcceptanceAndMailsTheSameLinkAgain() throws Exception {
        String domain = TestData.unique("dbl") + ".example";
        assertThat(post(path, validForm(domain)).getStatusCode().value()).isEqualTo(200);
        String first = Mailbox.confirmationPath(mail, "ada@" + domain);
        assertThat(post(path, validForm(domain)).getStatusCode().value()).isEqualTo(200);
        assertThat(acceptanceCount()).isEqualTo(1);
        assertThat(java.util.Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipient(m).equals("ada@" + domain)).count()).isEqualTo(2);
        assertThat(Mailbox.confirmationPath(mail, "ada@" + domain)).as("the same link, not a new one").isEqualTo(first);
        assertThat(post(first, new LinkedMultiValueMap<>()).getStatusCode().value()).isEqualTo(200);
        assertThat(pi).isWaitingAt("Task_CreateCustomer");
    }

    @Test
    void submittingOneAddressAgainAndAgainMailsItOnlyWithinItsLimit() {
        long perRecipient = settings.limits().get(ConfirmationMailLimits.RECIPIENT).capacity();
        String domain = TestData.unique("again") + ".example";
        for (int i = 0; i <= perRecipient; i++) {
            // each from another client: the address's own limit stops it
            int status = postFrom("192.0.2." + (120 + i), path, validForm(domain)).getStatusCode().value();
            assertThat(status).as("submission " + (i + 1)).isEqualTo(i < perRecipient ? 200 : 429);
        }
        assertThat(acceptanceCount()).isEqualTo(1);
        assertThat(Mailbox.recipients(mail).stream().filter(("ada@" + domain)::equals).count()).isEqualTo(perRecipient);
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

        assertThat(com.partnercenter.support.TestOutbox.sendDue(outboxMails)).isGreaterThanOrEqualTo(1);
        assertSaysSignUp(Mailbox.lastTo(mail, "ada@" + domain));
        String confirmPath = Mailbox.confirmationPath(mail, "ada@" + domain);
        assertThat(post(confirmPath, new LinkedMultiValueMap<>()).getStatusCode().value()).isEqualTo(200);
        assertThat(pi).isWaitingAt("Task_CreateCustomer");
        assertThat(com.partnercenter.support.TestOutbox.sendDue(outboxMails)).as("nothing left to send").isZero();
    }

    @Test
    void aFloodFromOneClientNeverLocksThePublishedLinkForAGenuineCustomer() throws Exception {
        long perClient = settings.limits().get(ConfirmationMailLimits.CLIENT).capacity();
        double refusedBefore = refused(ConfirmationMailLimits.CLIENT) + refused(AcceptPageController.SUBMIT_LIMIT);
        ClockUtil.setCurrentTime(new Date()); // the buckets run on the engine clock: no refill while the flood runs
        int accepted = 0;
        int throttled = 0;
        for (int i = 0; i < 80; i++) {
            String domain = "flood" + i + "-" + TestData.unique("x") + ".example";
            ResponseEntity<String> answer = postFrom("203.0.113.7", path, validForm(domain));
            if (answer.getStatusCode().value() == 200) {
                accepted++;
            } else {
                assertThat(answer.getStatusCode().value()).isEqualTo(429);
                assertThat(answer.getHeaders().getFirst("Retry-After")).matches("[1-9][0-9]*");
                assertThat(answer.getBody()).contains("Too many requests", partner.name(), "Nothing was stored");
                throttled++;
            }
        }
        assertThat(accepted).as("the client's confirmation mails").isEqualTo(perClient);
        assertThat(throttled).isEqualTo(80 - perClient);
        assertThat(acceptanceCount()).as("throttled requests store nothing").isEqualTo(perClient);
        assertThat(mail.getReceivedMessages()).as("the invitation and one mail per accepted request")
                .hasSize(1 + (int) perClient);
        assertThat(refused(ConfirmationMailLimits.CLIENT) + refused(AcceptPageController.SUBMIT_LIMIT))
                .as("operators see the refusals").isEqualTo(refusedBefore + throttled);
        assertThat(send("203.0.113.7", path, validForm("fr-" + TestData.unique("x") + ".example"), "fr").getBody())
                .contains("Trop de demandes", "Rien n’a été enregistré");

        // right after the flood, a genuine customer on the same published link
        String domain = TestData.unique("genuine") + ".example";
        ResponseEntity<String> genuine = postFrom("198.51.100.20", path, validForm(domain));
        assertThat(genuine.getStatusCode().value()).isEqualTo(200);
        assertThat(genuine.getBody()).contains("Check your mailbox", "ada@" + domain);
        String confirmPath = Mailbox.confirmationPath(mail, "ada@" + domain);
        assertThat(postFrom("198.51.100.20", confirmPath, new LinkedMultiValueMap<>()).getStatusCode().value())
                .isEqualTo(200);
        assertThat(pi).isWaitingAt("Task_CreateCustomer");
        assertThat(runtime.getVariable(pi.getId(), "customerDomain")).isEqualTo(domain);
    }

    @Test
    void oneRecipientAddressGetsFewConfirmationMailsWhoeverAsksOnWhicheverLink() {
        long perRecipient = settings.limits().get(ConfirmationMailLimits.RECIPIENT).capacity();
        String victim = "victim@" + TestData.unique("target") + ".example";
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        for (int i = 0; i <= perRecipient; i++) {
            ProcessInstance other = signedIn.start(user, partner, "customerSignup", Map.of("recipientEmail",
                    "prospect@example.org", "recipientLanguage", "en", "linkValidityDays", 10));
            jobs.runAll(other.getId());
            String otherPath = com.partnercenter.support.TestLinks.invitationUrl(linkService, runtime, other.getId())
                    .replace("https://partners.test", "");
            var form = validForm(TestData.unique("org") + ".example");
            form.set("adminEmail", victim);
            // each from another client, on another link
            int status = postFrom("192.0.2." + (10 + i), otherPath, form).getStatusCode().value();
            assertThat(status).as("request " + (i + 1)).isEqualTo(i < perRecipient ? 200 : 429);
        }
        assertThat(Mailbox.recipients(mail).stream().filter(victim::equals).count()).isEqualTo(perRecipient);
    }

    @Test
    void everyPublicPageIsRateLimitedPerClient() {
        long capacity = settings.limits().get(com.partnercenter.ratelimit.RateLimitFilters.PUBLIC_PAGE).capacity();
        ClockUtil.setCurrentTime(new Date()); // the buckets run on the engine clock: no refill while this runs
        assertThat(getFrom("203.0.113.99", path).getStatusCode().value()).isEqualTo(200);
        for (int i = 1; i < capacity; i++) {
            assertThat(getFrom("203.0.113.99", "/p/NOPE/unknown" + i).getStatusCode().value()).as("unknown links count")
                    .isEqualTo(404);
        }
        ResponseEntity<String> refused = getFrom("203.0.113.99", path + "?lang=fr");
        assertThat(refused.getStatusCode().value()).isEqualTo(429);
        assertThat(refused.getBody()).contains("Trop de demandes");
        assertThat(getFrom("203.0.113.99", "/p/NOPE/confirm/xyz").getStatusCode().value())
                .as("confirmation and set-password links too").isEqualTo(429);
        assertThat(getFrom("198.51.100.99", path).getStatusCode().value()).as("another client").isEqualTo(200);
        ClockUtil.setCurrentTime(Date.from(com.partnercenter.platform.EngineClock.now().plusSeconds(60)));
        assertThat(getFrom("203.0.113.99", path).getStatusCode().value()).as("refilled a minute later").isEqualTo(200);
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsStored() {
        long before = acceptanceCount();

        MultiValueMap<String, String> empty = new LinkedMultiValueMap<>();
        ResponseEntity<String> missing = post(path, empty);
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        // the new organization's rule (customer.NewCustomerFields), in the words a product-key setup uses too
        assertThat(missing.getBody()).contains("Enter the name of the organization.",
                "Enter the organization’s domain name.", "Choose the country or region.",
                "Enter the administrator’s work e-mail address.");

        String tenKb = "x".repeat(10_240);
        assertRefused(with(validForm("ok.example"), "organizationName", tenKb),
                "at most 200 characters");
        assertRefused(with(validForm("ok.example"), "adminLastName", tenKb), "at most 100 characters");
        assertRefused(with(validForm("ok.example"), "adminFirstName", "Ada\u202eecalevol"),
                "Remove the invisible or control character U+202E");
        assertRefused(with(validForm("ok.example"), "organizationName", "Acme\r\nBcc: spam@example.org"),
                "This field takes one line");
        assertRefused(with(validForm("ok.example"), "adminEmail", "ada@ok.example\r\nBcc: spam@example.org"),
                "Enter a valid e-mail address");
        assertRefused(with(validForm("ok.example"), "domain", "not a domain"), "Enter a valid domain name");
        assertRefused(with(validForm("ok.example"), "country", "XX"), "Choose a country or region from the list.");
        assertRefused(with(validForm("ok.example"), "language", "de"), "Choose English or French.");

        // markup is text like any other (escaped wherever it is shown): refused here only for the bad domain
        ResponseEntity<String> scripted = post(path, with(with(validForm("ok.example"), "adminFirstName",
                "<script>x</script>"), "domain", "not a domain"));
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
        assertThat(expired.getBody()).contains("This link no longer works").doesNotContain("form")
                .as("only an offer's page says the offer is gone").doesNotContain("is no longer valid");
        assertThat(post(path, validForm("late.example")).getStatusCode().value()).isEqualTo(410);
        ClockUtil.reset();

        runtime.createMessageCorrelation("RevokeLink").processInstanceId(pi.getId()).correlate();
        assertThat(get(path).getStatusCode().value()).isEqualTo(410);
        assertThat(acceptanceCount()).isZero();
    }

    /**
     * The process dies right after the acceptance and its mail were committed, before the mail left: the outbox
     * sends it, once, after the dead sender's lease ran out and never while it may still be sending; its link works.
     */
    @Test
    void aConfirmationWhoseSenderDiedIsSentOnceAfterItsLeaseWithALinkThatWorks() throws Exception {
        String domain = TestData.unique("died") + ".example";
        AcceptanceService.Submitted submitted = submitAndDieAfterCommit(domain);
        assertThat(submitted).isInstanceOf(AcceptanceService.Submitted.AwaitingConfirmation.class);
        long acceptanceId = ((AcceptanceService.Submitted.AwaitingConfirmation) submitted).acceptanceId();
        String key = "acceptance/" + acceptanceId + "/confirmation";
        assertThat(jdbc.sql("select status from pc_mail where idempotency_key = ?").param(key).query(String.class)
                .single()).isEqualTo("SENDING");
        assertThat(outboxMails.deliverDue(100)).as("its sender may still be talking to the SMTP server").isZero();
        assertThat(countTo("ada@" + domain)).isZero();

        ClockUtil.setCurrentTime(new java.util.Date(System.currentTimeMillis() + 26_000));
        assertThat(outboxMails.deliverDue(100)).as("the log counts what it sent").isEqualTo(1);
        assertThat(outboxMails.deliverDue(100)).isZero();
        assertThat(countTo("ada@" + domain)).isEqualTo(1);
        assertThat(jdbc.sql("select takeovers from pc_mail where idempotency_key = ?").param(key).query(Integer.class)
                .single()).as("counted as a possible duplicate").isEqualTo(1);
        ClockUtil.reset();
        assertThat(post(Mailbox.confirmationPath(mail, "ada@" + domain), new LinkedMultiValueMap<>())
                .getStatusCode().value()).isEqualTo(200);
        assertThat(pi).isWaitingAt("Task_CreateCustomer");
    }

    /** Two nodes' dispatchers on one due mail at the same moment: it leaves once. */
    @Test
    void twoDispatchersRacingForOneMailSendItOnce() throws Exception {
        String domain = TestData.unique("race") + ".example";
        submitAndDieAfterCommit(domain);
        ClockUtil.setCurrentTime(new java.util.Date(System.currentTimeMillis() + 26_000));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var rounds = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            var start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 4; i++) {
                rounds.add(pool.submit(() -> {
                    start.await();
                    return outboxMails.deliverDue(100);
                }));
            }
            start.countDown();
            int sent = 0;
            for (var round : rounds) {
                sent += round.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(sent).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(countTo("ada@" + domain)).isEqualTo(1);
    }

    /** A mail server away for a while: the page says so, the mail leaves once it is back, with the same link. */
    @Test
    void anSmtpOutageDelaysTheConfirmationAndNeverSendsItTwice() throws Exception {
        String domain = TestData.unique("outage") + ".example";
        int port = mailSender.getPort();
        mailSender.setPort(closedPort());
        try {
            assertThat(post(path, validForm(domain)).getBody()).contains("may take a few minutes");
            ClockUtil.setCurrentTime(new java.util.Date(System.currentTimeMillis() + 31_000));
            assertThat(outboxMails.deliverDue(100)).as("still down").isZero();
        } finally {
            mailSender.setPort(port);
        }
        ClockUtil.setCurrentTime(new java.util.Date(System.currentTimeMillis() + 31_000 + 61_000));
        assertThat(outboxMails.deliverDue(100)).isEqualTo(1);
        assertThat(outboxMails.deliverDue(100)).isZero();
        assertThat(countTo("ada@" + domain)).isEqualTo(1);
        ClockUtil.reset();
        assertThat(post(Mailbox.confirmationPath(mail, "ada@" + domain), new LinkedMultiValueMap<>())
                .getStatusCode().value()).isEqualTo(200);
    }

    /** Stores an acceptance as the page does, and "dies" right after its transaction committed (mail not sent). */
    private AcceptanceService.Submitted submitAndDieAfterCommit(String domain) {
        String[] parts = path.split("/");
        com.partnercenter.link.Link link = ((com.partnercenter.link.LinkResolution.Usable) linkService
                .resolve(parts[2], parts[3])).link();
        AcceptanceForm form = new AcceptanceForm();
        form.setOrganizationName("Acme & Sons");
        form.setDomain(domain);
        form.setCountry("FR");
        form.setLanguage("en");
        form.setAdminFirstName("Ada");
        form.setAdminLastName("Lovelace");
        form.setAdminEmail("ada@" + domain);
        long before = acceptanceCount();
        try {
            acceptanceService.store(link, form.normalized(), id -> org.springframework.transaction.support
                    .TransactionSynchronizationManager.registerSynchronization(
                            new org.springframework.transaction.support.TransactionSynchronization() {
                                @Override
                                public void afterCommit() {
                                    throw new ProcessDied();
                                }
                            }));
            throw new AssertionError("the process should have died after the commit");
        } catch (ProcessDied expected) {
            // committed, nothing sent: what a kill -9 between the commit and the SMTP exchange leaves
        }
        assertThat(acceptanceCount()).isEqualTo(before + 1);
        long id = jdbc.sql("select max(id) from pc_acceptance where domain = ?").param(domain).query(Long.class)
                .single();
        return new AcceptanceService.Submitted.AwaitingConfirmation(id, "ada@" + domain, true);
    }

    /** Stands for the end of the process: nothing after it runs. */
    private static final class ProcessDied extends Error {}

    private long countTo(String address) {
        return java.util.Arrays.stream(mail.getReceivedMessages()).filter(m -> recipient(m).equals(address)).count();
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

    /** A POST from the client (X-Forwarded-For); java.net.http, which never retries a 429 by itself. */
    private ResponseEntity<String> postFrom(String client, String p, MultiValueMap<String, String> form) {
        return send(client, p, form, "en");
    }

    private ResponseEntity<String> getFrom(String client, String p) {
        return send(client, p, null, "en");
    }

    private ResponseEntity<String> send(String client, String p, MultiValueMap<String, String> form, String language) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(p)))
                .header("X-Forwarded-For", client).header("Accept-Language", language);
        if (form != null) {
            String body = form.entrySet().stream().flatMap(e -> e.getValue().stream().map(v ->
                    java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                            + java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)))
                    .collect(java.util.stream.Collectors.joining("&"));
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            HttpHeaders headers = new HttpHeaders();
            response.headers().map().forEach(headers::addAll);
            return ResponseEntity.status(response.statusCode()).headers(headers).body(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private double refused(String limit) {
        var counter = meters.find(com.partnercenter.ratelimit.RateLimiter.METRIC).tag("limit", limit).counter();
        return counter == null ? 0 : counter.count();
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
