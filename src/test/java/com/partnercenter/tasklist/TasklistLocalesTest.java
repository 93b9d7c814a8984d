package com.partnercenter.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Tasklist's texts exist in both languages: Partner Center's locales (French, and English with its own brand words)
 * have exactly the keys of the English locale of the Camunda webjar they replace, none empty that Camunda fills
 * (except the end-of-life banner, hidden), and French dates for the date picker and "3 days ago".
 */
class TasklistLocalesTest {

    static final String LOCALES = "META-INF/resources/webjars/camunda/app/tasklist/locales/";
    final ObjectMapper json = new ObjectMapper();

    @Test
    void frenchAndEnglishHaveEveryKeyOfCamundasTasklistAndNoOther() throws IOException {
        JsonNode camunda = webjarEnglish();
        Set<String> keys = keys(camunda.get("labels"));
        assertThat(keys).hasSizeGreaterThan(300);
        for (String locale : List.of("en", "fr")) {
            JsonNode ours = ours(locale);
            assertThat(keys(ours.get("labels"))).as(locale).isEqualTo(keys);
            assertThat(keys(ours.get("dateLocales"))).as(locale + " dateLocales").isEqualTo(keys(camunda.get("dateLocales")));
            ours.get("labels").fields().forEachRemaining(e -> {
                if (!e.getKey().equals("BANNER_CE_EOL_TEXT") && !camunda.get("labels").get(e.getKey()).asText().isEmpty()) {
                    assertThat(e.getValue().asText()).as(locale + " " + e.getKey()).isNotBlank();
                }
            });
        }
    }

    @Test
    void frenchIsFrenchWhereTheUserReadsAndKeepsCamundasPlaceholders() throws IOException {
        JsonNode fr = ours("fr").get("labels");
        JsonNode en = webjarEnglish().get("labels");
        assertThat(fr.get("START_PROCESS").asText()).isEqualTo("Démarrer un processus");
        assertThat(fr.get("TENANT_ID").asText()).isEqualTo("Partenaire");
        assertThat(ours("fr").get("dateLocales").get("months").get(0).asText()).isEqualTo("janvier");
        en.fields().forEachRemaining(e -> {
            for (String placeholder : placeholders(e.getValue().asText())) {
                assertThat(fr.get(e.getKey()).asText()).as("placeholder %s of %s", placeholder, e.getKey())
                        .contains(placeholder);
            }
        });
    }

    private static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("\\{\\{\\s*(\\w+)\\s*\\}\\}").matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private JsonNode ours(String locale) throws IOException {
        // the application's resources come first on the class path, as in the packaged jar
        URL url = getClass().getClassLoader().getResource(LOCALES + locale + ".json");
        assertThat(url).as(locale).isNotNull();
        assertThat(url.toString()).as("Partner Center's own " + locale + ".json").doesNotContain(".jar!");
        try (InputStream in = url.openStream()) {
            return json.readTree(in);
        }
    }

    private JsonNode webjarEnglish() throws IOException {
        for (URL url : Collections.list(getClass().getClassLoader().getResources(LOCALES + "en.json"))) {
            if (url.toString().contains("camunda-webapp-webjar")) {
                try (InputStream in = url.openStream()) {
                    return json.readTree(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                            .replace("\uFEFF", ""));
                }
            }
        }
        throw new AssertionError("Camunda's webjar is not on the class path");
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
