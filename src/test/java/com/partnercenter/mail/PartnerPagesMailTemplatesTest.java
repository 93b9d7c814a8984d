package com.partnercenter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.partner.Partner;
import com.partnercenter.platform.Language;
import com.partnercenter.servicerequest.ServiceRequest;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The mails of the partner pages' processes, in both languages, with the partner's info and escaped values. */
@IntegrationTest
class PartnerPagesMailTemplatesTest {

    static final String HOSTILE = "<script>alert('x')</script>";

    @Autowired MailRenderer renderer;
    @Autowired TestData data;

    static Map<String, Object> vars() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("customerName", "Acme " + HOSTILE);
        vars.put("customerAdminUserId", "annac42");
        vars.put("resetBy", "Bruno " + HOSTILE);
        vars.put("passwordSetupUrl", "https://partners.test/p/ADV/password/abc");
        vars.put("passwordSetupDays", 7);
        vars.put("serviceRequestId", 12);
        vars.put("serviceRequestSubject", "Mail down " + HOSTILE);
        vars.put("serviceRequestDescription", "Since 9:00 " + HOSTILE);
        vars.put("serviceRequestSeverity", "CRITICAL");
        vars.put("serviceRequestOldStatus", "OPEN");
        vars.put("serviceRequestStatus", "RESOLVED");
        vars.put("userId", "nina");
        vars.put("companyRole", "USER_MANAGEMENT_ADMIN");
        vars.put("supportedAccess", "LIMITED");
        vars.put("changedByName", "Alice " + HOSTILE);
        vars.put("newUser", true);
        return vars;
    }

    static Stream<Arguments> templates() {
        return Stream.of(
                Arguments.of("partner-user-access", Language.EN, "Your Partner Center account at", "user management admin"),
                Arguments.of("partner-user-access", Language.FR, "Votre compte Partner Center chez", "administration limitée"),
                Arguments.of("customer-password-reset", Language.EN, "Choose a new password for Acme", "no longer works"),
                Arguments.of("customer-password-reset", Language.FR, "Choisissez un nouveau mot de passe", "ne fonctionne plus"),
                Arguments.of("service-request-opened", Language.EN, "Service request #12: Mail down", "Severity: critical"),
                Arguments.of("service-request-opened", Language.FR, "Demande de service n° 12", "Gravité : critique"),
                Arguments.of("service-request-status", Language.EN, "Service request #12: Mail down", "Status: open → resolved"),
                Arguments.of("service-request-status", Language.FR, "Demande de service n° 12 : Mail down", "Statut : ouverte → résolue"));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("templates")
    void rendersInTheLanguageWithPartnerInfoAndEscapedValues(String template, Language language, String subject,
            String body) {
        Partner partner = data.partner();
        RenderedMail mail = renderer.render(template, language, vars(), partner);
        assertThat(mail.subject()).contains(subject).doesNotContain("??");
        assertThat(mail.html()).contains(body).contains(partner.name(), partner.phone(), partner.supportEmail())
                .contains("&lt;script&gt;").doesNotContain("<script", "??");
        assertThat(mail.text()).contains(body, partner.name());
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("statuses")
    void everyServiceRequestStatusHasItsTextsInBothLanguages(String status, Language language) {
        Map<String, Object> vars = vars();
        vars.put("serviceRequestOldStatus", "IN_PROGRESS");
        vars.put("serviceRequestStatus", status);
        RenderedMail mail = renderer.render("service-request-status", language, vars, data.partner());
        assertThat(mail.html()).doesNotContain("??", "<script");
        assertThat(mail.text()).contains(language == Language.FR ? "Statut : en cours → " : "Status: in progress → ");
    }

    static Stream<Arguments> statuses() {
        return Stream.of(ServiceRequest.Status.values()).flatMap(s -> Stream.of(Language.values())
                .map(l -> Arguments.of(s.name(), l)));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void anExistingUsersAccessChangeHasNoPasswordLink(Language language) {
        Map<String, Object> vars = vars();
        vars.put("newUser", false);
        vars.remove("passwordSetupUrl");
        RenderedMail mail = renderer.render("partner-user-access", language, vars, data.partner());
        assertThat(mail.subject()).contains(language == Language.FR ? "Votre accès chez" : "Your access at");
        assertThat(mail.html()).doesNotContain("/password/");
    }
}
