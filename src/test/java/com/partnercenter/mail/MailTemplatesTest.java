package com.partnercenter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnercenter.acceptance.Confirming;
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

@IntegrationTest
public class MailTemplatesTest {

    static final String BASE_URL = "https://partners.test";
    static final String HOSTILE = "<script>alert('x')</script>";

    @Autowired MailRenderer renderer;
    @Autowired TestData testData;

    /** Every variable any template uses, each carrying markup that must come out escaped. */
    static Map<String, Object> vars() {
        return Map.of(
                "processKey", "customerSignup",
                "refusalReason", "Not authorized " + HOSTILE,
                "invitationUrl", BASE_URL + "/signup/ADV1?token=abc&lang=fr",
                "personalMessage", "Dear customer " + HOSTILE,
                "confirmationUrl", BASE_URL + "/confirm/xyz",
                "confirming", "SIGN_UP",
                "lines", List.of(),
                "customerName", "Acme " + HOSTILE,
                "customerDomain", "acme.example",
                "customerAdminUserId", "adminc42");
    }

    static Stream<Arguments> templates() {
        return Stream.of(
                Arguments.of("partner-refusal", Language.EN, "Your request “Customer sign-up” could not be started", "Reason:"),
                Arguments.of("partner-refusal", Language.FR, "Votre demande « Inscription d’un client » n’a pas pu être démarrée", "Motif :"),
                Arguments.of("signup-invitation", Language.EN, "invites you to sign up", "See the offer and sign up"),
                Arguments.of("signup-invitation", Language.FR, "vous invite à vous inscrire", "Voir l’offre"),
                Arguments.of("acceptance-confirmation", Language.EN, "Confirm the sign-up of", "works only once"),
                Arguments.of("acceptance-confirmation", Language.FR, "Confirmez l’inscription d’", "qu’une seule fois"),
                Arguments.of("customer-welcome", Language.EN, "Welcome: your organization", "Your sign-in id:"),
                Arguments.of("customer-welcome", Language.FR, "Bienvenue : votre organisation", "identifiant de connexion"),
                Arguments.of("partner-acceptance-notice", Language.EN, "accepted your offer", "next steps are in Tasklist"),
                Arguments.of("partner-acceptance-notice", Language.FR, "a accepté votre offre", "prochaines étapes"));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("templates")
    void rendersInTheLanguageWithPartnerInfoAndEscapedValues(String template, Language language, String subjectText,
            String bodyText) {
        Partner partner = testData.partner();

        RenderedMail mail = renderer.render(template, language, vars(), partner);

        assertThat(mail.subject()).contains(subjectText).doesNotContain("??");
        assertThat(mail.html())
                .contains("lang=\"" + language.code() + "\"")
                .contains(language == Language.FR ? "Bonjour," : "Hello,")
                .contains(bodyText)
                .contains(partner.name(), partner.addressLine(), partner.postalCode() + " " + partner.city(),
                        partner.phone(), partner.supportEmail(), "href=\"" + partner.website() + "\"")
                .contains(language == Language.FR ? "pour le compte de" : "on behalf of")
                .doesNotContain("<script", "??");
        assertThat(mail.text())
                .contains(bodyText, partner.name(), partner.phone(), partner.supportEmail())
                .doesNotContain("<p", "<a ", "&amp;", "&lt;");
        if (!template.equals("signup-invitation")) {
            // the subject of the invitation names the partner only; every other carries a user value
            assertThat(mail.html()).contains("&lt;script&gt;");
        }
    }

    /** The confirmation mail of a sign-up: the organization is set up, nothing is bought or tried. */
    @Test
    void confirmationOfASignUpSaysTheOrganizationIsSetUp() {
        Partner partner = testData.partner();
        Confirming signUp = Confirming.of(com.partnercenter.signup.SignupAcceptance.CONFIRMING, "Acme");
        assertConfirmation(renderer, signUp, Language.EN, partner, "Confirm the sign-up of Acme", List.of(
                "Someone asked to sign up Acme with " + partner.name() + ", naming this e-mail address as its administrator.",
                "Once you confirm, the organization Acme is set up and its administrator receives a welcome e-mail.",
                "Confirm the sign-up: " + BASE_URL + "/confirm/xyz",
                "ignore this e-mail: nothing will be created."), "trial", "purchase", "×");
        assertConfirmation(renderer, signUp, Language.FR, partner, "Confirmez l’inscription d’Acme", List.of(
                "Quelqu’un a demandé l’inscription d’Acme auprès de " + partner.name(),
                "Dès votre confirmation, l’organisation Acme est créée et son administrateur reçoit un e-mail de bienvenue.",
                "Confirmer l’inscription"), "essai", "achat");
    }

    /** The confirmation mail of what is confirmed, with the variables the confirmation mailer gives it. */
    public static RenderedMail confirmationMail(MailRenderer renderer, Confirming confirming, Language language,
            Partner partner) {
        Map<String, Object> vars = new HashMap<>(confirming.mailVariables());
        vars.put("confirmationUrl", BASE_URL + "/confirm/xyz");
        return renderer.render("acceptance-confirmation", language, vars, partner);
    }

    /** The confirmation mail has the subject, says each of {@code says} and none of {@code never}. */
    public static void assertConfirmation(MailRenderer renderer, Confirming confirming, Language language,
            Partner partner, String subject, List<String> says, String... never) {
        RenderedMail mail = confirmationMail(renderer, confirming, language, partner);
        assertThat(mail.subject()).isEqualTo(subject);
        assertThat(mail.text()).contains(says).doesNotContain(never);
    }

    /** Every variable of the delegated administration mails, optional ones included, user values hostile. */
    static Map<String, Object> delegatedAdminVars() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("customerName", "Acme " + HOSTILE);
        vars.put("adminRole", "LIMITED");
        vars.put("durationDays", 365);
        vars.put("autoExtend", true);
        vars.put("endsAt", "2026-03-31");
        vars.put("reminderDaysLeft", 7);
        vars.put("endReason", "ENDED_BY_CUSTOMER");
        vars.put("reviewComment", "Not now " + HOSTILE);
        vars.put("endComment", "Project over " + HOSTILE);
        return vars;
    }

    static Map<String, Object> delegatedAdminVars(Map<String, Object> changes) {
        return changed(delegatedAdminVars(), changes);
    }

    /** The variables with the changes applied; a change to null removes the variable. */
    static Map<String, Object> changed(Map<String, Object> vars, Map<String, Object> changes) {
        changes.forEach((key, value) -> {
            if (value == null) {
                vars.remove(key);
            } else {
                vars.put(key, value);
            }
        });
        return vars;
    }

    static Stream<Arguments> delegatedAdminTemplates() {
        return Stream.of(
                Arguments.of("delegated-admin-request", Language.EN, "asks for delegated administration of",
                        "open the task “Review: …” (in “Requests to review”)"),
                Arguments.of("delegated-admin-request", Language.FR, "demande l’administration déléguée d’",
                        "ouvrez la tâche « À examiner : … » (dans « Demandes à examiner »)"),
                Arguments.of("delegated-admin-accepted", Language.EN, "accepted delegated administration by",
                        "The relationship is now active."),
                Arguments.of("delegated-admin-accepted", Language.FR, "a accepté l’administration déléguée par",
                        "La relation est maintenant active."),
                Arguments.of("delegated-admin-declined", Language.EN, "declined delegated administration",
                        "Not now &lt;script&gt;"),
                Arguments.of("delegated-admin-declined", Language.FR, "a refusé l’administration déléguée",
                        "Commentaire d’Acme &lt;script&gt;"),
                Arguments.of("delegated-admin-request-expired", Language.EN, "Delegated administration request for Acme",
                        "got no answer within 90 days and has expired"),
                Arguments.of("delegated-admin-request-expired", Language.FR, "La demande d’administration déléguée pour Acme",
                        "n’a reçu aucune réponse sous 90 jours et a expiré"),
                Arguments.of("delegated-admin-reminder", Language.EN, "Delegated administration of Acme",
                        "ends on 31 March 2026, in 7 days."),
                Arguments.of("delegated-admin-reminder", Language.FR, "L’administration déléguée d’Acme",
                        "prend fin le 31 mars 2026, dans 7 jours."),
                Arguments.of("delegated-admin-ended", Language.EN, "Delegated administration of Acme",
                        "no longer have access to Acme"),
                Arguments.of("delegated-admin-ended", Language.FR, "L’administration déléguée d’Acme",
                        "n’ont plus accès à Acme"),
                Arguments.of("delegated-admin-extended", Language.EN, "renewed until 31 March 2026",
                        "was renewed automatically by 180 days"),
                Arguments.of("delegated-admin-extended", Language.FR, "est renouvelée jusqu’au 31 mars 2026",
                        "a été renouvelée automatiquement de 180 jours"));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("delegatedAdminTemplates")
    void delegatedAdminMailsInTheLanguageWithPartnerInfoAndEscapedValues(String template, Language language,
            String subjectText, String bodyText) {
        Partner partner = testData.partner();

        RenderedMail mail = renderer.render(template, language, delegatedAdminVars(), partner);

        assertThat(mail.subject()).contains(subjectText).contains("Acme <script>alert('x')</script>")
                .doesNotContain("??");
        assertThat(mail.html())
                .contains("lang=\"" + language.code() + "\"")
                .contains(language == Language.FR ? "Bonjour," : "Hello,")
                .contains(bodyText)
                .contains(language == Language.FR ? "Administration limitée" : "Limited administration")
                .contains("&lt;script&gt;")
                .contains(partner.name(), partner.addressLine(), partner.postalCode() + " " + partner.city(),
                        partner.phone(), partner.supportEmail())
                .contains(language == Language.FR ? "pour le compte de" : "on behalf of")
                .doesNotContain("<script", "??", "{0", "{1");
        assertThat(mail.text())
                .contains(partner.name(), partner.phone(), partner.supportEmail())
                .doesNotContain("<p", "<a ", "&amp;", "&lt;");
    }

    @Test
    void delegatedAdminRequestExplainsTheRoleDurationAndRenewal() {
        Partner partner = testData.partner();

        RenderedMail limited = renderer.render("delegated-admin-request", Language.EN, delegatedAdminVars(), partner);
        RenderedMail full = renderer.render("delegated-admin-request", Language.FR,
                delegatedAdminVars(Map.of("adminRole", "FULL", "autoExtend", false, "durationDays", 1)), partner);

        assertThat(limited.subject()).isEqualTo(partner.name()
                + " asks for delegated administration of Acme <script>alert('x')</script>");
        assertThat(limited.text())
                .contains("same privileges as a password administrator of Acme",
                        "reset the passwords of users who are not administrators",
                        "For 365 days from the day you accept.",
                        "renewed automatically by 180 days each time, unless you end it",
                        "Nothing changes until an administrator of your organization accepts.",
                        "within 90 days, the request expires",
                        "end the relationship at any time",
                        "Sign in to Tasklist: " + BASE_URL + "/camunda/app/tasklist/");
        assertThat(full.text())
                .contains("Administration complète", "mêmes privilèges qu’un administrateur général d’Acme",
                        "les utilisateurs, les abonnements et les paramètres",
                        "Pendant 1 jour à partir", "l’accès prend fin de lui-même")
                .doesNotContain("renouvelé automatiquement");
    }

    @Test
    void delegatedAdminRequestNeedsItsVariablesAndThePartner() {
        for (String required : List.of("customerName", "adminRole", "durationDays", "autoExtend")) {
            Map<String, Object> vars = delegatedAdminVars();
            vars.remove(required);
            assertThatThrownBy(() -> renderer.render("delegated-admin-request", Language.EN, vars, testData.partner()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("variable '" + required + "' is missing");
        }
        assertThatThrownBy(() -> renderer.render("delegated-admin-request", Language.EN, delegatedAdminVars(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the partner");
    }

    @Test
    void delegatedAdminAcceptedTellsTheEndDateAndRenewal() {
        Partner partner = testData.partner();

        RenderedMail renewed = renderer.render("delegated-admin-accepted", Language.EN, delegatedAdminVars(), partner);
        RenderedMail ending = renderer.render("delegated-admin-accepted", Language.FR,
                delegatedAdminVars(Map.of("adminRole", "FULL", "autoExtend", false)), partner);

        assertThat(renewed.text()).contains("It ends on 31 March 2026.", "renewed automatically by 180 days",
                "30 days, 7 days and 1 day before the end date");
        assertThat(ending.text()).contains("Administration complète", "Elle prend fin le 31 mars 2026.",
                "Ce jour-là, l’accès de " + partner.name() + " sera retiré").doesNotContain("renouvelée");
    }

    @Test
    void delegatedAdminCommentsAreShownOnlyWhenGiven() {
        Partner partner = testData.partner();
        Map<String, Object> absent = delegatedAdminVars();
        absent.remove("reviewComment");
        absent.remove("endComment");
        Map<String, Object> blank = delegatedAdminVars(Map.of("reviewComment", "  ", "endComment", ""));

        for (Map<String, Object> vars : List.of(absent, blank)) {
            assertThat(renderer.render("delegated-admin-declined", Language.EN, vars, partner).text())
                    .contains("declined your request for delegated administration")
                    .doesNotContain("Comment from");
            assertThat(renderer.render("delegated-admin-ended", Language.FR, vars, partner).text())
                    .contains("a pris fin").doesNotContain("Commentaire");
        }
        assertThat(renderer.render("delegated-admin-ended", Language.EN, delegatedAdminVars(), partner).html())
                .contains("Comment:", "Project over &lt;script&gt;");
    }

    @Test
    void delegatedAdminReminderCountsDaysAndSaysWhatHappensAtTheEnd() {
        Partner partner = testData.partner();

        RenderedMail oneDay = renderer.render("delegated-admin-reminder", Language.EN,
                delegatedAdminVars(Map.of("reminderDaysLeft", 1, "autoExtend", false)), partner);
        RenderedMail oneDayFr = renderer.render("delegated-admin-reminder", Language.FR,
                delegatedAdminVars(Map.of("reminderDaysLeft", 1L, "autoExtend", false)), partner);
        RenderedMail thirtyDays = renderer.render("delegated-admin-reminder", Language.EN,
                delegatedAdminVars(Map.of("reminderDaysLeft", 30)), partner);

        assertThat(oneDay.subject()).startsWith("Delegated administration of Acme").endsWith("ends on 31 March 2026");
        assertThat(oneDay.text()).contains("ends on 31 March 2026, in 1 day.", "On that day the access of "
                + partner.name() + " to Acme").doesNotContain("1 days", "renewed automatically");
        assertThat(oneDayFr.text()).contains("dans 1 jour.", "sera retiré").doesNotContain("1 jours");
        assertThat(thirtyDays.subject()).endsWith("will be renewed on 31 March 2026");
        assertThat(thirtyDays.text()).contains("in 30 days.", "renewed automatically by 180 days");
    }

    @Test
    void delegatedAdminEndedGivesTheReason() {
        Partner partner = testData.partner();
        Map<String, String> english = Map.of(
                "EXPIRED", "It reached its end date and was not renewed.",
                "ENDED_BY_PARTNER", partner.name() + " ended it.",
                "ENDED_BY_CUSTOMER", "An administrator of Acme <script>alert('x')</script> ended it.");
        Map<String, String> french = Map.of(
                "EXPIRED", "Elle a atteint sa date de fin et n’a pas été renouvelée.",
                "ENDED_BY_PARTNER", partner.name() + " y a mis fin.",
                "ENDED_BY_CUSTOMER", "Un administrateur d’Acme <script>alert('x')</script> y a mis fin.");

        english.forEach((reason, text) -> assertThat(renderer.render("delegated-admin-ended", Language.EN,
                delegatedAdminVars(Map.of("endReason", reason)), partner).text()).contains(text));
        french.forEach((reason, text) -> assertThat(renderer.render("delegated-admin-ended", Language.FR,
                delegatedAdminVars(Map.of("endReason", reason)), partner).text()).contains(text));
    }

    @Test
    void delegatedAdminExtendedNamesTheRoleOnlyWhenGiven() {
        Partner partner = testData.partner();
        Map<String, Object> vars = new HashMap<>(Map.of("customerName", "Acme", "endsAt", "2026-09-27"));

        RenderedMail withoutRole = renderer.render("delegated-admin-extended", Language.EN, vars, partner);
        vars.put("adminRole", "LIMITED");
        RenderedMail withRole = renderer.render("delegated-admin-extended", Language.FR, vars, partner);

        assertThat(withoutRole.subject()).isEqualTo("Delegated administration of Acme renewed until 27 September 2026");
        assertThat(withoutRole.text()).contains("New end date: 27 September 2026.").doesNotContain("Role:");
        assertThat(withRole.text()).contains("Rôle : Administration limitée", "Nouvelle date de fin : 27 septembre 2026.");
    }

    @Test
    void linksComeFromTheBaseUrl() {
        Partner partner = testData.partner();

        RenderedMail welcome = renderer.render("customer-welcome", Language.EN, vars(), partner);
        RenderedMail invitation = renderer.render("signup-invitation", Language.FR, vars(), partner);

        assertThat(welcome.html()).contains("href=\"" + BASE_URL + "/camunda/app/tasklist/\"");
        assertThat(welcome.text()).contains("Sign in to Tasklist: " + BASE_URL + "/camunda/app/tasklist/");
        assertThat(invitation.html()).contains("href=\"" + BASE_URL + "/signup/ADV1?token=abc&amp;lang=fr\"")
                .contains("Dear customer &lt;script&gt;");
        assertThat(invitation.text()).contains(BASE_URL + "/signup/ADV1?token=abc&lang=fr");
    }

    @Test
    void refusesALinkOutsideTheBaseUrl() {
        Map<String, Object> vars = Map.of("invitationUrl", "https://evil.example/signup");

        assertThatThrownBy(() -> renderer.render("signup-invitation", Language.EN, vars, testData.partner()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https://evil.example/signup")
                .hasMessageContaining("not under the public base URL " + BASE_URL);
    }

    @Test
    void missingRequiredVariableIsAClearError() {
        assertThatThrownBy(() -> renderer.render("customer-welcome", Language.EN, Map.of(), testData.partner()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customer-welcome")
                .hasMessageContaining("variable 'customerName' is missing");
    }

    @Test
    void invitationWithoutPartnerIsAClearError() {
        assertThatThrownBy(() -> renderer.render("signup-invitation", Language.EN, vars(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the partner");
    }

    @Test
    void withoutPartnerTheFooterNamesPartnerCenter() {
        RenderedMail mail = renderer.render("customer-welcome", Language.FR, vars(), null);

        assertThat(mail.html()).contains("Cet e-mail vous a été envoyé par Partner Center.");
    }
}
