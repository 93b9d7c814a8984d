package com.partnercenter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.PartnerCenterProperties;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A text missing from the bundles is an error, never a "??key??" in a customer's mail. */
class MailRendererStrictnessTest {

    private final MailRenderer renderer =
            new MailRenderer(new PartnerCenterProperties("https://partners.test", null, null, null, null, null));

    @Test
    void aMissingTextFailsTheRendering() {
        assertThatThrownBy(() -> renderer.render("delegated-admin-ended", Language.EN,
                Map.of("customerName", "Acme", "adminRole", "FULL", "endReason", "NO_SUCH_REASON"), partner()))
                .hasStackTraceContaining("no text 'delegated-admin-ended.reason.NO_SUCH_REASON'");
    }

    @Test
    void knownTextsRender() {
        RenderedMail mail = renderer.render("delegated-admin-ended", Language.FR,
                Map.of("customerName", "Acme", "adminRole", "FULL", "endReason", "EXPIRED"), partner());
        assertThat(mail.html()).doesNotContain("??");
    }

    private static Partner partner() {
        return new Partner(1, "TEST", "partnerTEST", "Test Partner", "1 Street", "1000", "Brussels", "BE",
                "+32 2 000 00 00", "help@test.example", "https://test.example", "en",
                EnumSet.noneOf(ProgramAuthorization.class));
    }
}
