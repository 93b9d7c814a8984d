package com.partnercenter.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each flow declares its own kinds of confirmation ({@link FlowAcceptance#confirmingKinds()}; the shared acceptance
 * code lists none): no two flows share one, and each has its confirm and confirmed page texts (in every language:
 * {@code PageTextsTest} keeps the bundles alike).
 */
@IntegrationTest
class ConfirmingKindsTest {

    @Autowired List<FlowAcceptance> flows;

    @Test
    void eachFlowsKindsAreItsOwnAndHaveTheirTexts() throws IOException {
        Properties texts = new Properties();
        try (Reader reader = new InputStreamReader(getClass().getResourceAsStream("/messages.properties"),
                StandardCharsets.UTF_8)) {
            texts.load(reader);
        }
        Set<String> seen = new HashSet<>();
        assertThat(flows).hasSizeGreaterThanOrEqualTo(3);
        for (FlowAcceptance flow : flows) {
            assertThat(flow.confirmingKinds()).as(flow.getClass().getSimpleName()).isNotEmpty();
            for (String kind : flow.confirmingKinds()) {
                assertThat(seen.add(kind)).as("%s declared by one flow only", kind).isTrue();
                assertThat(Confirming.of(kind, "Acme").kind()).isEqualTo(kind);
                assertThat(texts).as(kind).containsKeys("confirm.body." + kind, "confirmed.body." + kind);
            }
        }
    }

    /** The shared pages and the confirmation mail tell a kind by its texts' keys, never by testing its name. */
    @Test
    void theSharedTemplatesNameNoKind() throws IOException {
        List<String> shared = List.of("accept/confirm.html", "accept/confirmed.html", "accept/offer.html",
                "accept/layout.html", "mail/acceptance-confirmation.html");
        for (String template : shared) {
            String text;
            try (var in = getClass().getResourceAsStream("/templates/" + template)) {
                assertThat(in).as(template).isNotNull();
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (FlowAcceptance flow : flows) {
                for (String kind : flow.confirmingKinds()) {
                    assertThat(text).as("%s names the kind %s", template, kind).doesNotContain("'" + kind + "'");
                }
            }
        }
    }
}
