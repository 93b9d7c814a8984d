package com.partnercenter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnercenter.acceptance.Confirming;
import com.partnercenter.acceptance.OfferedTerms;
import com.partnercenter.partner.Partner;
import com.partnercenter.platform.Language;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The mails of the trial invitation flow (templates trial-*.html), in English and French. */
@IntegrationTest
class TrialMailTemplatesTest {

    static final String BASE_URL = "https://partners.test";
    static final String HOSTILE = "<script>alert('x')</script>";
    static final String LINK = BASE_URL + "/trial/ADV1?token=abc&lang=fr";
    static final String TASKLIST = BASE_URL + "/camunda/app/tasklist/";

    @Autowired MailRenderer renderer;
    @Autowired TestData testData;

    /** Every variable of the trial mails, optional ones included, user values hostile. */
    static Map<String, Object> vars() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("skuName", "Business Basic");
        vars.put("trialDays", 30);
        vars.put("trialLicenses", 25);
        vars.put("invitationUrl", LINK);
        vars.put("personalMessage", "Dear customer " + HOSTILE);
        vars.put("includeDelegatedAdmin", true);
        vars.put("delegatedAdminRole", "LIMITED");
        vars.put("linkExpiresAtText", "2026-04-30");
        vars.put("recipientCount", 3);
        vars.put("closeReason", "EXPIRED");
        vars.put("acceptedCount", 4);
        vars.put("customerName", "Acme " + HOSTILE);
        vars.put("customerDomain", "acme.example");
        vars.put("trialRefusal", "DOMAIN_TAKEN");
        vars.put("trialEndsAtText", "2026-05-31");
        vars.put("customerAdminUserId", "adminc42");
        vars.put("delegatedAdminConsent", true);
        vars.put("reminderDaysLeft", 7);
        return vars;
    }

    static Map<String, Object> vars(Map<String, Object> changes) {
        return MailTemplatesTest.changed(vars(), changes);
    }

    static Map<String, Object> without(String... keys) {
        Map<String, Object> vars = vars();
        for (String key : keys) {
            vars.remove(key);
        }
        return vars;
    }

    static Stream<Arguments> templates() {
        return Stream.of(
                Arguments.of("trial-invitation", Language.EN, "invites you to try Business Basic free",
                        "free for 30 days, with 25 licenses."),
                Arguments.of("trial-invitation", Language.FR, "vous invite à essayer Business Basic gratuitement",
                        "gratuitement pendant 30 jours, avec 25 licences."),
                Arguments.of("trial-link-issued", Language.EN, "Your trial invitation link for Business Basic is ready",
                        "It was sent by e-mail to 3 recipients."),
                Arguments.of("trial-link-issued", Language.FR, "Votre lien d’invitation à l’essai de Business Basic est prêt",
                        "Il a été envoyé par e-mail à 3 destinataires."),
                Arguments.of("trial-invitation-closed", Language.EN, "Your trial invitation link for Business Basic is closed",
                        "4 customers accepted the trial."),
                Arguments.of("trial-invitation-closed", Language.FR, "Votre lien d’invitation à l’essai de Business Basic est fermé",
                        "4 clients ont accepté l’essai."),
                Arguments.of("trial-refused", Language.EN, "The trial of Business Basic for Acme",
                        "The domain acme.example is already registered."),
                Arguments.of("trial-refused", Language.FR, "L’essai de Business Basic pour Acme",
                        "Le domaine acme.example est déjà enregistré."),
                Arguments.of("trial-started", Language.EN, "Your trial of Business Basic for Acme",
                        "is ready: 25 licenses until 31 May 2026."),
                Arguments.of("trial-started", Language.FR, "Votre essai de Business Basic pour Acme",
                        "est prêt : 25 licences jusqu’au 31 mai 2026."),
                Arguments.of("trial-accepted-partner", Language.EN, "started a trial of Business Basic",
                        "(acme.example) started a trial of Business Basic, until 31 May 2026."),
                Arguments.of("trial-accepted-partner", Language.FR, "a démarré un essai de Business Basic",
                        "(acme.example) a démarré un essai de Business Basic, jusqu’au 31 mai 2026."),
                Arguments.of("trial-reminder", Language.EN, "The trial of Business Basic for Acme",
                        "ends on 31 May 2026, in 7 days."),
                Arguments.of("trial-reminder", Language.FR, "L’essai de Business Basic pour Acme",
                        "prend fin le 31 mai 2026, dans 7 jours."),
                Arguments.of("trial-expired", Language.EN, "The trial of Business Basic for Acme",
                        "has ended."),
                Arguments.of("trial-expired", Language.FR, "L’essai de Business Basic pour Acme",
                        "a pris fin."));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("templates")
    void rendersInTheLanguageWithPartnerInfoAndEscapedValues(String template, Language language, String subjectText,
            String bodyText) {
        Partner partner = testData.partner();

        RenderedMail mail = renderer.render(template, language, vars(), partner);

        assertThat(mail.subject()).contains(subjectText).doesNotContain("??", "{0", "{1");
        assertThat(mail.html())
                .contains("lang=\"" + language.code() + "\"")
                .contains(language == Language.FR ? "Bonjour," : "Hello,")
                .contains(bodyText.replace("'", "&#39;"))
                .contains(partner.name(), partner.addressLine(), partner.postalCode() + " " + partner.city(),
                        partner.phone(), partner.supportEmail(), "href=\"" + partner.website() + "\"")
                .contains(language == Language.FR ? "pour le compte de" : "on behalf of")
                .doesNotContain("<script", "??", "{0", "{1", "{2", "{3");
        assertThat(mail.text())
                .contains(bodyText, partner.name(), partner.phone(), partner.supportEmail())
                .doesNotContain("<p", "<a ", "&amp;", "&lt;");
        if (!List.of("trial-link-issued", "trial-invitation-closed").contains(template)) {
            // the two mails about the link itself carry no customer value: see skuNameIsEscapedToo
            assertThat(mail.html()).contains("&lt;script&gt;");
        }
    }

    @Test
    void skuNameIsEscapedToo() {
        for (String template : List.of("trial-link-issued", "trial-invitation-closed", "trial-invitation")) {
            RenderedMail mail = renderer.render(template, Language.EN, vars(Map.of("skuName", "Basic " + HOSTILE)),
                    testData.partner());
            assertThat(mail.html()).as(template).contains("Basic &lt;script&gt;").doesNotContain("<script");
            assertThat(mail.subject()).as(template).contains("Basic " + HOSTILE);
        }
    }

    @Test
    void subjectsNameTheSkuOrTheCustomerUnescaped() {
        Partner partner = testData.partner();

        assertThat(renderer.render("trial-invitation", Language.EN, vars(), partner).subject())
                .isEqualTo(partner.name() + " invites you to try Business Basic free");
        assertThat(renderer.render("trial-refused", Language.EN, vars(), partner).subject())
                .isEqualTo("The trial of Business Basic for Acme " + HOSTILE + " could not be set up");
        assertThat(renderer.render("trial-accepted-partner", Language.FR, vars(), partner).subject())
                .isEqualTo("Acme " + HOSTILE + " a démarré un essai de Business Basic");
        assertThat(renderer.render("trial-reminder", Language.EN, vars(), partner).subject())
                .isEqualTo("The trial of Business Basic for Acme " + HOSTILE + " ends on 31 May 2026");
        assertThat(renderer.render("trial-expired", Language.FR, vars(), partner).subject())
                .isEqualTo("L’essai de Business Basic pour Acme " + HOSTILE + " a pris fin");
    }

    @Test
    void invitationLinksToTheTrialAndQuotesTheMessage() {
        Partner partner = testData.partner();

        RenderedMail mail = renderer.render("trial-invitation", Language.EN, vars(), partner);

        assertThat(mail.html()).contains("href=\"" + LINK.replace("&", "&amp;") + "\"", ">Start my trial<",
                "Dear customer &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(mail.text()).contains("Start my trial: " + LINK, "Message from " + partner.name() + ":",
                "This link works until 30 April 2026.", "confirm your e-mail address");
    }

    @Test
    void invitationExplainsDelegatedAdministrationOnlyWhenIncluded() {
        Partner partner = testData.partner();

        RenderedMail limited = renderer.render("trial-invitation", Language.EN, vars(), partner);
        RenderedMail full = renderer.render("trial-invitation", Language.FR,
                vars(Map.of("delegatedAdminRole", "FULL")), partner);
        RenderedMail without = renderer.render("trial-invitation", Language.EN,
                vars(Map.of("includeDelegatedAdmin", false)), partner);
        RenderedMail withoutRole = renderer.render("trial-invitation", Language.EN, without("delegatedAdminRole"),
                partner);

        assertThat(limited.text()).contains(partner.name() + " also asks for delegated administration",
                "Role asked for: Limited administration", "same privileges as a password administrator",
                "reset the passwords of users who are not administrators", "you choose whether you accept it or not");
        assertThat(full.text()).contains("demande aussi l’administration déléguée", "Rôle demandé : Administration complète",
                "mêmes privilèges que votre administrateur général", "vous choisissez de l’accepter ou non");
        assertThat(without.text()).doesNotContain("delegated administration", "Role asked for");
        assertThat(withoutRole.text()).contains("also asks for delegated administration",
                "you choose whether you accept it or not").doesNotContain("Role asked for");
    }

    @Test
    void invitationOptionalPartsMayBeAbsent() {
        Partner partner = testData.partner();

        for (Map<String, Object> vars : List.of(without("personalMessage", "delegatedAdminRole"),
                vars(Map.of("personalMessage", "  ")))) {
            RenderedMail mail = renderer.render("trial-invitation", Language.FR, vars, partner);
            assertThat(mail.text()).contains("Démarrer mon essai: " + LINK).doesNotContain("Message de");
        }
    }

    @Test
    void invitationCountsDaysAndLicenses() {
        RenderedMail one = renderer.render("trial-invitation", Language.EN,
                vars(Map.of("trialDays", 1, "trialLicenses", 1L)), testData.partner());
        RenderedMail oneFr = renderer.render("trial-invitation", Language.FR,
                vars(Map.of("trialDays", 1L, "trialLicenses", 1)), testData.partner());

        assertThat(one.text()).contains("free for 1 day, with 1 license.").doesNotContain("1 days", "1 licenses");
        assertThat(oneFr.text()).contains("pendant 1 jour, avec 1 licence.").doesNotContain("1 jours", "1 licences");
    }

    @Test
    void linkIssuedShowsTheLinkAsTextAndLinkAndHowToRevoke() {
        Partner partner = testData.partner();

        RenderedMail mail = renderer.render("trial-link-issued", Language.EN, vars(), partner);
        RenderedMail fr = renderer.render("trial-link-issued", Language.FR, vars(), partner);

        assertThat(mail.html()).contains(">" + LINK.replace("&", "&amp;") + "<",
                "href=\"" + LINK.replace("&", "&amp;") + "\"", "href=\"" + TASKLIST + "\"");
        assertThat(mail.text()).contains("Your link:\n\n" + LINK, "Open the page your customers see: " + LINK,
                "The link works until 30 April 2026.", "publish it on your website",
                "complete its task “Trial link: …”", "Open Tasklist: " + TASKLIST);
        assertThat(fr.text()).contains("Le lien fonctionne jusqu’au 30 avril 2026.",
                "terminez sa tâche « Lien d’essai : … »");
    }

    @Test
    void linkIssuedCountsRecipients() {
        Partner partner = testData.partner();
        Map<Integer, String> english = Map.of(
                0, "No e-mail was sent: share the link yourself.",
                1, "It was sent by e-mail to 1 recipient.",
                50, "It was sent by e-mail to 50 recipients.");
        Map<Integer, String> french = Map.of(
                0, "Aucun e-mail n’a été envoyé : partagez le lien vous-même.",
                1, "Il a été envoyé par e-mail à 1 destinataire.",
                50, "Il a été envoyé par e-mail à 50 destinataires.");

        english.forEach((count, text) -> assertThat(renderer.render("trial-link-issued", Language.EN,
                vars(Map.of("recipientCount", count)), partner).text()).contains(text));
        french.forEach((count, text) -> assertThat(renderer.render("trial-link-issued", Language.FR,
                vars(Map.of("recipientCount", (long) count)), partner).text()).contains(text));
    }

    @Test
    void closedGivesTheReasonAndCountsAcceptances() {
        Partner partner = testData.partner();

        RenderedMail revoked = renderer.render("trial-invitation-closed", Language.EN,
                vars(Map.of("closeReason", "REVOKED", "acceptedCount", 0)), partner);
        RenderedMail expired = renderer.render("trial-invitation-closed", Language.EN,
                vars(Map.of("acceptedCount", 1)), partner);
        RenderedMail revokedFr = renderer.render("trial-invitation-closed", Language.FR,
                vars(Map.of("closeReason", "REVOKED", "acceptedCount", 0L)), partner);
        RenderedMail expiredFr = renderer.render("trial-invitation-closed", Language.FR,
                vars(Map.of("acceptedCount", 1)), partner);

        assertThat(revoked.text()).contains("It was revoked in Tasklist.", "No customer accepted the trial.")
                .doesNotContain("end of its validity");
        assertThat(expired.text()).contains("It reached the end of its validity.", "1 customer accepted the trial.",
                "keep it until its end date").doesNotContain("revoked", "1 customers");
        assertThat(revokedFr.text()).contains("Il a été révoqué dans Tasklist.", "Aucun client n’a accepté l’essai.");
        assertThat(expiredFr.text()).contains("Il a atteint la fin de sa validité.", "1 client a accepté l’essai.")
                .doesNotContain("1 clients");
    }

    @Test
    void refusedExplainsTheReason() {
        Partner partner = testData.partner();

        assertThat(renderer.render("trial-refused", Language.EN, vars(), partner).text()).contains(
                "The trial of Business Basic for Acme " + HOSTILE + " (acme.example) could not be set up",
                "If it is your organization's, sign in with your organization's administrator account, or contact "
                        + partner.name() + ".",
                "Contact " + partner.name());
        assertThat(renderer.render("trial-refused", Language.FR, vars(), partner).text()).contains(
                "S’il appartient à votre organisation, connectez-vous avec le compte administrateur de votre "
                        + "organisation, ou contactez " + partner.name() + ".");
        assertThatThrownBy(() -> renderer.render("trial-refused", Language.EN,
                vars(Map.of("trialRefusal", "SOMETHING_ELSE")), partner))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trial-refused.reason.SOMETHING_ELSE");
    }

    @Test
    void startedGivesTheSignInIdAndTheEndDate() {
        Partner partner = testData.partner();

        RenderedMail mail = renderer.render("trial-started", Language.EN, vars(Map.of("trialLicenses", 1)), partner);

        assertThat(mail.text()).contains("is ready: 1 license until 31 May 2026.", "Your sign-in id: adminc42",
                "A separate e-mail lets you choose your password.", "Sign in to Tasklist: " + TASKLIST,
                "Need help? " + partner.name()).doesNotContain("1 licenses");
        assertThat(renderer.render("trial-started", Language.FR, vars(), partner).text())
                .contains("Votre identifiant de connexion : adminc42", "Un autre e-mail vous permet de choisir");
    }

    @Test
    void acceptedTellsTheDelegatedAdminConsentOnlyWhenGiven() {
        Partner partner = testData.partner();

        assertThat(renderer.render("trial-accepted-partner", Language.EN, vars(), partner).text())
                .contains("also accepted delegated administration.");
        assertThat(renderer.render("trial-accepted-partner", Language.FR, vars(), partner).text())
                .contains("a aussi accepté l’administration déléguée.");
        assertThat(renderer.render("trial-accepted-partner", Language.EN,
                vars(Map.of("delegatedAdminConsent", false)), partner).text())
                .doesNotContain("delegated administration");
    }

    @Test
    void reminderCountsDaysAndPointsToThePartner() {
        Partner partner = testData.partner();

        RenderedMail oneDay = renderer.render("trial-reminder", Language.EN,
                vars(Map.of("reminderDaysLeft", 1)), partner);
        RenderedMail oneDayFr = renderer.render("trial-reminder", Language.FR,
                vars(Map.of("reminderDaysLeft", 1L)), partner);

        assertThat(oneDay.text()).contains("ends on 31 May 2026, in 1 day.",
                "To keep working, ask " + partner.name() + " for a purchase offer.",
                "Otherwise, access to Business Basic ends on that day.").doesNotContain("1 days");
        assertThat(oneDayFr.text()).contains("dans 1 jour.", "demandez une offre d’achat à " + partner.name())
                .doesNotContain("1 jours");
    }

    @Test
    void expiredPointsToAPurchaseOffer() {
        Partner partner = testData.partner();

        assertThat(renderer.render("trial-expired", Language.EN, vars(), partner).text())
                .contains("To keep using Business Basic, " + partner.name() + " can send a purchase offer.");
        assertThat(renderer.render("trial-expired", Language.FR, vars(), partner).text())
                .contains("Pour continuer à utiliser Business Basic, " + partner.name() + " peut envoyer une offre d’achat.");
    }

    /** The confirmation mail of a trial: which trial, how long, and that the organization is set up with it. */
    @Test
    void confirmationOfATrialNamesTheTrialAndItsLength() {
        Partner partner = testData.partner();
        Confirming trial = Confirming.ofTrial(com.partnercenter.trial.TrialAcceptance.CONFIRMING, "Lucerne Publishing", new OfferedTerms.Trial("Business Basic", 30, 25));
        MailTemplatesTest.assertConfirmation(renderer, trial, Language.EN, partner,
                "Confirm the trial of Business Basic for Lucerne Publishing", List.of(
                        "Someone asked to start a free trial for Lucerne Publishing with " + partner.name() + ",",
                        "The trial: Business Basic, free for 30 days, with 25 licenses.",
                        "Once you confirm, the organization Lucerne Publishing is set up, its trial starts at once and "
                                + "its administrator receives a welcome e-mail.",
                        "Confirm the trial: " + BASE_URL + "/confirm/xyz"),
                "sign up", "sign-up", "purchase", "×");
        MailTemplatesTest.assertConfirmation(renderer, trial, Language.FR, partner,
                "Confirmez l’essai de Business Basic pour Lucerne Publishing", List.of(
                        "Quelqu’un a demandé un essai gratuit pour Lucerne Publishing auprès de",
                        "L’essai : Business Basic, gratuit pendant 30 jours, avec 25 licences.",
                        "son essai commence aussitôt", "Confirmer l’essai"),
                "inscription", "achat");

        assertThat(MailTemplatesTest.confirmationMail(renderer,
                Confirming.ofTrial(com.partnercenter.trial.TrialAcceptance.CONFIRMING, "Acme", new OfferedTerms.Trial("Business Basic", 1, 1)), Language.EN, partner).text())
                .contains("The trial: Business Basic, free for 1 day, with 1 license.");
    }

    @Test
    void requiredVariablesAreRequired() {
        Map<String, List<String>> required = Map.of(
                "trial-invitation", List.of("skuName", "trialDays", "trialLicenses", "invitationUrl",
                        "includeDelegatedAdmin", "linkExpiresAtText"),
                "trial-link-issued", List.of("skuName", "invitationUrl", "linkExpiresAtText", "recipientCount"),
                "trial-invitation-closed", List.of("skuName", "closeReason", "acceptedCount"),
                "trial-refused", List.of("skuName", "customerName", "customerDomain", "trialRefusal"),
                "trial-started", List.of("skuName", "customerName", "trialLicenses", "trialEndsAtText",
                        "customerAdminUserId"),
                "trial-accepted-partner", List.of("customerName", "customerDomain", "skuName", "trialEndsAtText",
                        "delegatedAdminConsent"),
                "trial-reminder", List.of("skuName", "customerName", "trialEndsAtText", "reminderDaysLeft"),
                "trial-expired", List.of("skuName", "customerName"));
        required.forEach((template, names) -> {
            for (String name : names) {
                assertThatThrownBy(() -> renderer.render(template, Language.EN, without(name), testData.partner()))
                        .as(template + " without " + name)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("variable '" + name + "' is missing");
            }
        });
    }

    @Test
    void mailsAboutThePartnersOfferNeedThePartner() {
        for (String template : List.of("trial-invitation", "trial-refused", "trial-started", "trial-reminder",
                "trial-expired")) {
            assertThatThrownBy(() -> renderer.render(template, Language.EN, vars(), null))
                    .as(template)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("needs the partner");
        }
    }

    @Test
    void refusesAnInvitationLinkOutsideTheBaseUrl() {
        for (String template : List.of("trial-invitation", "trial-link-issued")) {
            assertThatThrownBy(() -> renderer.render(template, Language.EN,
                    vars(Map.of("invitationUrl", "https://evil.example/trial")), testData.partner()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not under the public base URL " + BASE_URL);
        }
    }
}
