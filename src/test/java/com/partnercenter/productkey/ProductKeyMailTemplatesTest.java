package com.partnercenter.productkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.mail.MailRenderer;
import com.partnercenter.mail.RenderedMail;
import com.partnercenter.partner.Partner;
import com.partnercenter.partnerofrecord.SubscriptionChange;
import com.partnercenter.platform.Language;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.TestData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The product-key and partner-of-record mails render in both languages, with every value escaped. */
@IntegrationTest
class ProductKeyMailTemplatesTest {

    static final String HOSTILE = "<script>alert('x')</script>";

    @Autowired MailRenderer renderer;
    @Autowired TestData data;

    static Map<String, Object> setupVars() {
        Map<String, Object> item = new HashMap<>();
        item.put("productKey", "BCDFG-HJKMP-QRTVW-XY234-6789B");
        item.put("skuName", "Business " + HOSTILE);
        item.put("licenses", 1200);
        item.put("startDate", "2026-01-01");
        item.put("endDate", "2027-01-01");
        item.put("subscriptionId", 7L);
        item.put("partnerOfRecord", false);
        item.put("partnerOfRecordReason", "No advisor " + HOSTILE);
        Map<String, Object> vars = new HashMap<>();
        vars.put("customerName", "Acme " + HOSTILE);
        vars.put("customerDomain", "acme.example");
        vars.put("newCustomer", true);
        vars.put("adminEmail", "ada@acme.example");
        vars.put("offerDelegatedAdmin", true);
        vars.put("subscriptions", List.of(item, Map.of("productKey", "K2", "skuName", "E3", "licenses", 1,
                "startDate", "2026-01-01", "endDate", "2026-07-01", "subscriptionId", 8L, "partnerOfRecord", true)));
        return vars;
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void setupConfirmationsRender(Language language) {
        Partner partner = data.partner();
        boolean fr = language == Language.FR;
        RenderedMail toPartner = renderer.render(ConfirmProductKeySetupDelegate.PARTNER_TEMPLATE, language, setupVars(),
                partner);
        assertThat(toPartner.subject()).contains(fr ? "Clés de produit configurées pour Acme" : "Product keys set up for Acme");
        assertThat(toPartner.html()).contains(fr ? "2 abonnements actifs" : "2 active subscriptions")
                .contains(fr ? "200 licences" : "1,200 licenses").contains("&lt;script&gt;")
                .contains("ada@acme.example").doesNotContain("<script", "??");
        RenderedMail toCustomer = renderer.render(ConfirmProductKeySetupDelegate.CUSTOMER_TEMPLATE, language,
                setupVars(), partner);
        assertThat(toCustomer.subject()).contains(fr ? "sont actifs" : "are active");
        assertThat(toCustomer.html()).contains(partner.name()).doesNotContain("<script", "??");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyKindOfChangeRenders(Language language) {
        Partner partner = data.partner();
        for (SubscriptionChange.Kind kind : SubscriptionChange.Kind.values()) {
            if (kind == SubscriptionChange.Kind.POR_NOT_REGISTERED) {
                continue;
            }
            Map<String, Object> vars = new HashMap<>();
            vars.put("changeKind", kind.name());
            vars.put("oldValue", "10");
            vars.put("newValue", "15");
            vars.put("details", kind == SubscriptionChange.Kind.CANCELLED ? "asked " + HOSTILE : null);
            vars.put("customerName", "Acme " + HOSTILE);
            vars.put("customerDomain", "acme.example");
            vars.put("subscriptionId", "12345");
            vars.put("skuName", "E3");
            vars.put("licenses", 15);
            vars.put("endDate", "2027-01-01");
            vars.put("stillPartnerOfRecord", true);
            RenderedMail mail = renderer.render("por-subscription-changed", language, vars, partner);
            assertThat(mail.subject()).as(kind + " " + language).contains("E3").doesNotContain("??");
            assertThat(mail.html()).contains("12345").contains("&lt;script&gt;").doesNotContain("<script", "??");
        }
    }
}
