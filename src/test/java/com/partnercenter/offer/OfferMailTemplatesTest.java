package com.partnercenter.offer;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.acceptance.Confirming;
import com.partnercenter.mail.MailRenderer;
import com.partnercenter.mail.MailTemplatesTest;
import com.partnercenter.mail.RenderedMail;
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

/** The mails of the purchase offer flows (templates offer-*.html), in English and French. */
@IntegrationTest
class OfferMailTemplatesTest {

    static final String HOSTILE = "<script>alert('x')</script>";

    @Autowired MailRenderer renderer;
    @Autowired TestData testData;

    static Map<String, Object> vars() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("lines", List.of(
                Map.of("skuName", "Business Basic " + HOSTILE, "licenses", 12, "minLicenses", 1, "maxLicenses", 300,
                        "action", "CREATE", "currentLicenses", 12, "endDate", "2027-05-31"),
                Map.of("skuName", "Enterprise E3", "licenses", 150, "minLicenses", 5, "maxLicenses", 900,
                        "action", "CONVERT", "currentLicenses", 150, "endDate", "2027-05-31"),
                Map.of("skuName", "Exchange Online", "licenses", 40, "minLicenses", 1, "maxLicenses", 50000,
                        "action", "ALREADY_ACTIVE", "currentLicenses", 8, "endDate", "2026-12-31")));
        vars.put("invitationUrl", "https://partners.test/p/ADV1/abc");
        vars.put("personalMessage", "Dear customer " + HOSTILE);
        vars.put("includeDelegatedAdmin", true);
        vars.put("linkExpiresAtText", "2026-04-30");
        vars.put("offerSummary", "12 × Business Basic " + HOSTILE);
        vars.put("recipientCount", 2);
        vars.put("supersededCount", 1);
        vars.put("closeReason", "EXPIRED");
        vars.put("acceptedCount", 3);
        vars.put("customerName", "Acme " + HOSTILE);
        vars.put("customerDomain", "acme.example");
        vars.put("delegatedAdminConsent", true);
        vars.put("alreadyActiveCount", 1);
        vars.put("offerRefusal", "DOMAIN_TAKEN");
        return vars;
    }

    static Stream<Arguments> templates() {
        return Stream.of(
                Arguments.of("offer-invitation", Language.EN, "sends you a purchase offer", "Enterprise E3: 150 licenses (you may choose 5 to 900)"),
                Arguments.of("offer-invitation", Language.FR, "vous envoie une offre d’achat", "Enterprise E3 : 150 licences (au choix de 5 à 900)"),
                Arguments.of("offer-link-issued", Language.EN, "Your purchase offer is ready", "1 older offer to this customer"),
                Arguments.of("offer-link-issued", Language.FR, "Votre offre d’achat est prête", "1 offre plus ancienne"),
                Arguments.of("offer-closed", Language.EN, "Your purchase offer is closed", "3 customers accepted the offer."),
                Arguments.of("offer-closed", Language.FR, "Votre offre d’achat est close", "3 clients ont accepté l’offre."),
                Arguments.of("offer-purchased", Language.EN, "Your subscriptions for Acme", "your trial converted to a paid subscription until 31 May 2027"),
                Arguments.of("offer-purchased", Language.FR, "Vos abonnements pour Acme", "votre essai converti en abonnement payant jusqu’au 31 mai 2027"),
                Arguments.of("offer-accepted-partner", Language.EN, "accepted your purchase offer", "already active with 8 licenses until 31 December 2026"),
                Arguments.of("offer-accepted-partner", Language.FR, "a accepté votre offre d’achat", "déjà actif avec 8 licences jusqu’au 31 décembre 2026"),
                Arguments.of("offer-refused", Language.EN, "could not be carried out", "The domain acme.example is already registered."),
                Arguments.of("offer-refused", Language.FR, "n’a pas pu être effectué", "Le domaine acme.example est déjà enregistré."));
    }

    static final List<Confirming.Line> BOUGHT = List.of(new Confirming.Line("Enterprise E3", 12),
            new Confirming.Line("Business Basic", 1));

    /** The confirmation mail of a purchase offer by a new customer: the lines, then the set-up and welcome mail. */
    @Test
    void confirmationOfAPurchaseByANewCustomerListsTheLinesAndTheSetUp() {
        Partner partner = testData.partner();
        Confirming purchase = Confirming.ofLines(OfferAcceptances.CONFIRMING_NEW_CUSTOMER, "Fourth Coffee", BOUGHT);
        MailTemplatesTest.assertConfirmation(renderer, purchase, Language.EN, partner,
                "Confirm the purchase offer for Fourth Coffee", List.of(
                        "Someone accepted a purchase offer from " + partner.name() + " for Fourth Coffee, a new organization,",
                        "The subscriptions to buy:\n\n- Enterprise E3 × 12 licenses\n- Business Basic × 1 license",
                        "Once you confirm, the organization Fourth Coffee is set up with these subscriptions and its "
                                + "administrator receives a welcome e-mail.",
                        "Confirm the purchase: https://partners.test/confirm/xyz",
                        "nothing will be created or bought."),
                "sign up", "sign-up", "trial");
        MailTemplatesTest.assertConfirmation(renderer, purchase, Language.FR, partner,
                "Confirmez l’offre d’achat pour Fourth Coffee", List.of(
                        "Les abonnements à acheter :\n\n- Enterprise E3 × 12 licences\n- Business Basic × 1 licence",
                        "l’organisation Fourth Coffee est créée avec ces abonnements et son administrateur reçoit un "
                                + "e-mail de bienvenue.", "Confirmer l’achat"),
                "inscription", "essai");
    }

    /** Claire, admin of Wide World Importers, confirms a purchase: the lines; nothing is set up, no welcome mail. */
    @Test
    void confirmationOfAPurchaseByAnExistingCustomerListsTheLinesAndSetsNothingUp() {
        Partner partner = testData.partner();
        Confirming purchase = Confirming.ofLines(OfferAcceptances.CONFIRMING_EXISTING_CUSTOMER, "Wide World Importers", BOUGHT);
        MailTemplatesTest.assertConfirmation(renderer, purchase, Language.EN, partner,
                "Confirm the purchase offer for Wide World Importers", List.of(
                        "Someone accepted a purchase offer from " + partner.name() + " for Wide World Importers with "
                                + "this e-mail address, one of its registered administrators.",
                        "- Enterprise E3 × 12 licenses\n- Business Basic × 1 license",
                        "Once you confirm, these subscriptions are bought for Wide World Importers. Its account already "
                                + "exists: nothing else is set up and no welcome e-mail is sent;",
                        "Confirm the purchase", "ignore this e-mail: nothing will be bought."),
                "sign up", "sign-up", "trial", "receives a welcome e-mail", "created");
        MailTemplatesTest.assertConfirmation(renderer, purchase, Language.FR, partner,
                "Confirmez l’offre d’achat pour Wide World Importers", List.of(
                        "celle de l’un de ses administrateurs enregistrés", "- Enterprise E3 × 12 licences",
                        "ces abonnements sont achetés pour Wide World Importers. Son compte existe déjà : rien d’autre "
                                + "n’est créé et aucun e-mail de bienvenue n’est envoyé",
                        "ignorez cet e-mail : rien ne sera acheté."),
                "inscription", "essai", "reçoit un e-mail de bienvenue");
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("templates")
    void rendersInTheLanguageWithPartnerInfoAndEscapedValues(String template, Language language, String subjectText,
            String bodyText) {
        Partner partner = testData.partner();
        RenderedMail mail = renderer.render(template, language, vars(), partner);
        assertThat(mail.subject()).contains(subjectText).doesNotContain("??", "{0", "{1");
        assertThat(mail.html())
                .contains("lang=\"" + language.code() + "\"", language == Language.FR ? "Bonjour," : "Hello,")
                .contains(partner.name(), partner.phone(), partner.supportEmail())
                .doesNotContain("<script", "??", "{0", "{1", "{2", "{3");
        assertThat(mail.text()).contains(bodyText, partner.name()).doesNotContain("<p", "&lt;");
        assertThat(mail.html()).contains("&lt;script&gt;");
    }
}
