package com.partnercenter.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.partner.ProgramAuthorization;
import com.partnercenter.partner.SupportedAccess;
import com.partnercenter.support.Jobs;
import com.partnercenter.support.Mailbox;
import com.partnercenter.support.ProvisioningDriver;
import com.partnercenter.support.SignedIn;
import com.partnercenter.support.TestData;
import com.partnercenter.support.TestLinks;
import com.partnercenter.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A database dump reveals no working link: after full journeys (a sign-up, a trial invitation to recipients and a
 * purchase offer, each accepted on its page, confirmed from the mail and provisioned, with welcome mails and their
 * set-password links) every token that reached a mailbox is looked for in every column of every table, the
 * engine's runtime and history tables included ({@code ACT_RU_VARIABLE}, {@code ACT_HI_VARINST},
 * {@code ACT_HI_DETAIL}, serialized values in {@code ACT_GE_BYTEARRAY}). None may be there, in any form. Runs on H2
 * and PostgreSQL.
 */
abstract class NoUsableTokenAtRestContract {

    private static final Pattern LINK = Pattern.compile("https://partners\\.test/p/[A-Z0-9]+/(?:confirm/|password/)?"
            + "([A-Za-z0-9_-]{43})");

    @RegisterExtension
    static GreenMailExtension mail = TestMail.extension();

    @LocalServerPort int port;
    @Autowired TestRestTemplate http;
    @Autowired RuntimeService runtime;
    @Autowired LinkService links;
    @Autowired TestData data;
    @Autowired SignedIn signedIn;
    @Autowired Jobs jobs;
    @Autowired ProvisioningDriver provisioning;
    @Autowired DataSource dataSource;

    @Test
    void noTableHoldsAnyIssuedToken() throws Exception {
        Partner partner = data.partner(ProgramAuthorization.SUBSCRIPTION_ADVISOR, ProgramAuthorization.DELEGATED_ADMIN);
        PartnerUser user = data.user(partner, SupportedAccess.FULL);
        Sku trialSku = data.sku(true, 1, 300);
        Sku offerSku = data.sku(true, 1, 300);

        ProcessInstance signup = signedIn.start(user, partner, "customerSignup", Map.of("recipientEmail",
                TestData.unique("prospect") + "@example.org", "recipientLanguage", "en", "linkValidityDays", 10));
        jobs.runAll(signup.getId());
        acceptConfirmAndProvision(TestLinks.invitationUrl(links, runtime, signup.getId()), signup.getBusinessKey(),
                Map.of());

        ProcessInstance trial = signedIn.start(user, partner, "trialInvitation", Map.of("skuCode", trialSku.code(),
                "recipientEmails", TestData.unique("invitee") + "@example.org", "linkValidityDays", 30));
        jobs.runAll(trial.getId());
        String trialUrl = TestLinks.invitationUrl(links, runtime, trial.getId());
        acceptConfirmAndProvision(trialUrl, trial.getBusinessKey() + "-A%", Map.of());

        ProcessInstance offer = signedIn.start(user, partner, "purchaseOffer", Map.of("line1Sku", offerSku.code(),
                "line1Licenses", 10L, "recipientEmails", TestData.unique("buyer") + "@example.org",
                "linkValidityDays", 30L));
        jobs.runAll(offer.getId());
        acceptConfirmAndProvision(TestLinks.invitationUrl(links, runtime, offer.getId()), offer.getBusinessKey() + "-A%",
                Map.of("licenses[" + offerSku.code() + "]", "12"));

        Set<String> tokens = new LinkedHashSet<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            Matcher m = LINK.matcher(Mailbox.body(message));
            while (m.find()) {
                tokens.add(m.group(1));
            }
        }
        assertThat(tokens).as("invitation, confirmation and set-password links were mailed").hasSizeGreaterThanOrEqualTo(9);
        assertThat(http.getForEntity(trialUrl.replace("https://partners.test", ""), String.class).getStatusCode().value())
                .as("the tokens looked for are working ones").isEqualTo(200);

        List<String> found = scan(tokens);
        assertThat(found).as("columns holding an issued token").isEmpty();
        assertThat(scan(Set.of(LinkTokens.hash(tokens.iterator().next())))).as("the scan finds what is there")
                .isNotEmpty();
    }

    /** Opens the link, accepts, confirms from the mail, provisions and runs the mails of the instances keyed so. */
    private void acceptConfirmAndProvision(String url, String businessKeyLike, Map<String, String> extra) {
        String domain = TestData.unique("scan") + ".example";
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("organizationName", "Scan " + domain);
        form.add("domain", domain);
        form.add("country", "FR");
        form.add("language", "en");
        form.add("adminFirstName", "Ada");
        form.add("adminLastName", "Lovelace");
        form.add("adminEmail", "ada@" + domain);
        extra.forEach(form::add);
        String path = url.replace("https://partners.test", "");
        assertThat(post(path, form)).isEqualTo(200);
        assertThat(post(Mailbox.confirmationPath(mail, "ada@" + domain), new LinkedMultiValueMap<>())).isEqualTo(200);
        for (int round = 0; round < 4; round++) {
            for (ProcessInstance pi : runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(businessKeyLike)
                    .list()) {
                jobs.runAll(pi.getId());
                provisioning.runFor(pi.getBusinessKey());
                jobs.runAll(pi.getId());
            }
        }
        assertThat(java.util.Arrays.stream(mail.getReceivedMessages()).filter(m -> Mailbox.to(m).equals("ada@" + domain))
                .map(Mailbox::body)).as("the welcome with its set-password link").anyMatch(b -> b.contains("/password/"));
    }

    /** Every column of every table, as text (binary columns as bytes), that contains one of the needles. */
    private List<String> scan(Set<String> needles) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            Map<String, List<String>> tables = new HashMap<>();
            try (ResultSet columns = connection.getMetaData().getColumns(null, null, "%", "%")) {
                while (columns.next()) {
                    String schema = columns.getString("TABLE_SCHEM");
                    if (schema != null && (schema.equalsIgnoreCase("INFORMATION_SCHEMA")
                            || schema.equalsIgnoreCase("pg_catalog"))) {
                        continue;
                    }
                    tables.computeIfAbsent(quote(schema) + "." + quote(columns.getString("TABLE_NAME")),
                            t -> new ArrayList<>()).add(columns.getString("COLUMN_NAME"));
                }
            }
            assertThat(tables.keySet()).as("engine runtime and history tables are scanned")
                    .anyMatch(t -> t.toUpperCase().contains("ACT_HI_VARINST"))
                    .anyMatch(t -> t.toUpperCase().contains("ACT_RU_VARIABLE"))
                    .anyMatch(t -> t.toUpperCase().contains("ACT_HI_DETAIL"))
                    .anyMatch(t -> t.toUpperCase().contains("ACT_GE_BYTEARRAY"))
                    .anyMatch(t -> t.toUpperCase().contains("PC_LINK"));
            for (var table : tables.entrySet()) {
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("select * from " + table.getKey())) {
                    int count = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= count; i++) {
                            String value = text(rows, i);
                            if (value == null) {
                                continue;
                            }
                            for (String needle : needles) {
                                if (value.contains(needle)) {
                                    hits.add(table.getKey() + "." + rows.getMetaData().getColumnName(i));
                                }
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }

    private static String text(ResultSet rows, int column) throws Exception {
        Object value = rows.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (value instanceof java.sql.Blob blob) {
            return new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.ISO_8859_1);
        }
        if (value instanceof java.sql.Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        return value.toString();
    }

    private static String quote(String identifier) {
        return identifier == null ? "" : "\"" + identifier + "\"";
    }

    private int post(String path, MultiValueMap<String, String> form) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return http.postForEntity("http://localhost:" + port + path, new HttpEntity<>(form, headers), String.class)
                .getStatusCode().value();
    }
}
