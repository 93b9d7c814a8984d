package com.partnercenter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnercenter.partner.Partner;
import com.partnercenter.platform.Language;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class MailTemplatesTest {

    static final String BASE_URL = "https://partners.test";
    static final String HOSTILE = "<script>alert('x')</script>";

    @Autowired MailRenderer renderer;
    @Autowired TestData testData;

    /** Every variable any template uses, each carrying markup that must come out escaped. */
    static Map<String, Object> vars() {
        return Map.of(
                "processName", "Customer sign-up " + HOSTILE,
                "refusalReason", "Not authorized " + HOSTILE,
                "invitationUrl", BASE_URL + "/signup/ADV1?token=abc&lang=fr",
                "personalMessage", "Dear customer " + HOSTILE,
                "confirmationUrl", BASE_URL + "/confirm/xyz",
                "customerName", "Acme " + HOSTILE,
                "customerDomain", "acme.example",
                "customerAdminUserId", "adminc42");
    }

    static Stream<Arguments> templates() {
        return Stream.of(
                Arguments.of("partner-refusal", Language.EN, "could not be started", "Reason:"),
                Arguments.of("partner-refusal", Language.FR, "n’a pas pu être démarrée", "Motif :"),
                Arguments.of("signup-invitation", Language.EN, "invites you to sign up", "See the offer and sign up"),
                Arguments.of("signup-invitation", Language.FR, "vous invite à vous inscrire", "Voir l’offre"),
                Arguments.of("acceptance-confirmation", Language.EN, "Confirm the sign-up of", "works only once"),
                Arguments.of("acceptance-confirmation", Language.FR, "Confirmez l’inscription de", "qu’une seule fois"),
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
