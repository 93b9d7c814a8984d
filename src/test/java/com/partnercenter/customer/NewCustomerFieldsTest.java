package com.partnercenter.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.link.LinkService;
import com.partnercenter.partner.CompanyRole;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import com.partnercenter.support.IntegrationTest;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestLinks;
import com.partnercenter.support.TestMail;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.HtmlUtils;

/**
 * A new organization's fields have one rule ({@link NewCustomerFields}): its administrator on an accept page and a
 * partner user setting up product keys for a new customer are refused the same input with the same messages, in
 * either language.
 */
@IntegrationTest
class NewCustomerFieldsTest {

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired TestRestTemplate http;
    @Autowired RuntimeService runtime;
    @Autowired LinkService links;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired Messages messages;

    /** Bad formats (domain, country, address) and blank names; missing domain, country and address. */
    static Stream<Arguments> badInput() {
        NewCustomerFields.Values formats = new NewCustomerFields.Values(" ", "not a domain", "XX", "en", " ", " ",
                "nobody");
        NewCustomerFields.Values missing = new NewCustomerFields.Values("Acme", "", "", "en", "Ada", "Admin", "");
        return Stream.of(Language.values()).flatMap(language -> Stream.of(Arguments.of(formats, language),
                Arguments.of(missing, language)));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void theAcceptPageAndAProductKeySetupRefuseTheSameInputWithTheSameMessages(NewCustomerFields.Values bad,
            Language language) {
        List<NewCustomerFields.Problem> problems = NewCustomerFields.problems(bad, true);
        assertThat(problems).as("the rule refuses it").isNotEmpty();
        List<String> expected = problems.stream().map(p -> messages.text(language, p.messageKey())).toList();
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR);
        PartnerUser user = data.user(partner, CompanyRole.NONE, SupportedAccess.FULL, language.code());

        ResponseEntity<String> page = post(signUpPath(user, partner), bad, language);
        assertThat(page.getStatusCode().value()).isEqualTo(400);
        assertThat(HtmlUtils.htmlUnescape(page.getBody())).as("the accept page").contains(expected);

        Sku sku = data.sku(false, 1, 300);
        String reason = signedIn.refusedStart(user, partner, "productKeySetup",
                productKeySetup(data.productKey(partner, sku, 5, 12), bad));
        assertThat(reason).as("the product-key setup").contains(expected);
    }

    private String signUpPath(PartnerUser user, Partner partner) {
        ProcessInstance pi = signedIn.start(user, partner, "customerSignup",
                Map.of("recipientEmail", "prospect@example.org", "recipientLanguage", "en", "linkValidityDays", 10));
        jobs.runAll(pi.getId());
        return TestLinks.invitationUrl(links, runtime, pi.getId()).replace("https://partners.test", "");
    }

    private static Map<String, Object> productKeySetup(String key, NewCustomerFields.Values customer) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("productKeys", key);
        vars.put("delegatedAdmin", "NONE");
        vars.put("customerType", "NEW");
        vars.put("customerName", customer.organizationName());
        vars.put("customerDomain", customer.domain());
        vars.put("customerCountry", customer.country());
        vars.put("customerLanguage", customer.language());
        vars.put("adminFirstName", customer.adminFirstName());
        vars.put("adminLastName", customer.adminLastName());
        vars.put("adminEmail", customer.adminEmail());
        return vars;
    }

    private ResponseEntity<String> post(String path, NewCustomerFields.Values customer, Language language) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("organizationName", customer.organizationName());
        form.add("domain", customer.domain());
        form.add("country", customer.country());
        form.add("language", customer.language());
        form.add("adminFirstName", customer.adminFirstName());
        form.add("adminLastName", customer.adminLastName());
        form.add("adminEmail", customer.adminEmail());
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add("Accept-Language", language.code());
        return http.postForEntity("http://localhost:" + port + path, new HttpEntity<>(form, headers), String.class);
    }
}
