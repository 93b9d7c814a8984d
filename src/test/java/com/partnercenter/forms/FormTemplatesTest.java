package com.partnercenter.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.platform.ElidingMessageSource;
import com.partnercenter.platform.Language;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The deployed forms are the templates of forms/ in each language: every text of a template has its French
 * translation and the French bundle has no other text; both languages have the template's fields, options values,
 * validation and conditions; catalogue lists come from the catalogue.
 */
class FormTemplatesTest {

    final ObjectMapper json = new ObjectMapper();
    final FormTemplates templates = new FormTemplates(messages());

    static ElidingMessageSource messages() {
        ElidingMessageSource source = new ElidingMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    static final List<Sku> CATALOGUE = List.of(
            new Sku("BASIC", "Business Basic", true, 30, 25, 1, 300, 12, true),
            new Sku("E3", "Enterprise E3", false, 30, 25, 5, 10000, 12, true),
            new Sku("OLD", "Retired Plan", true, 14, 10, 1, 50, 12, false));

    @Test
    void everyTemplateTextHasItsFrenchTranslationAndTheBundleNoOther() throws Exception {
        Properties french = new Properties();
        try (var reader = new InputStreamReader(getClass().getResourceAsStream("/i18n/forms_fr.properties"),
                StandardCharsets.UTF_8)) {
            french.load(reader);
        }
        TreeSet<String> needed = new TreeSet<>();
        for (FormTemplates.Template template : templates.templates()) {
            needed.addAll(FormTemplates.textKeys(template));
        }
        assertThat(templates.templates()).hasSizeGreaterThanOrEqualTo(9);
        assertThat(new TreeSet<>(french.stringPropertyNames())).isEqualTo(needed);
        french.stringPropertyNames().forEach(key -> assertThat(french.getProperty(key)).as(key).isNotBlank());
    }

    @Test
    void bothLanguagesHaveTheTemplatesFieldsValuesValidationAndConditions() throws Exception {
        for (FormTemplates.Template template : templates.templates()) {
            JsonNode en = json.readTree(templates.render(template, Language.EN, CATALOGUE));
            JsonNode fr = json.readTree(templates.render(template, Language.FR, CATALOGUE));
            assertThat(en.get("id").asText()).isEqualTo(template.id());
            assertThat(fr.get("id").asText()).isEqualTo(template.id() + "-fr");
            assertThat(shape(fr)).as(template.id()).isEqualTo(shape(en));
            assertThat(fr.get("components").get(0).path("text").asText()).as(template.id() + " is French")
                    .isNotEqualTo(en.get("components").get(0).path("text").asText());
        }
    }

    @Test
    void catalogueListsComeFromTheCatalogueInTheReadersLanguage() throws Exception {
        JsonNode trialEn = component(render("trial-invitation-start", Language.EN), "Field_SkuCode");
        JsonNode trialFr = component(render("trial-invitation-start", Language.FR), "Field_SkuCode");
        assertThat(trialEn.get("values").findValuesAsText("value")).containsExactly("BASIC");
        assertThat(trialEn.get("values").get(0).get("label").asText())
                .isEqualTo("Business Basic — 30-day trial, 25 licenses");
        assertThat(trialFr.get("values").get(0).get("label").asText())
                .isEqualTo("Business Basic — essai de 30 jours, 25 licences");

        JsonNode offer = render("purchase-offer-start", Language.FR);
        assertThat(component(offer, "Field_Line1Sku").get("values").findValuesAsText("value"))
                .containsExactly("BASIC", "E3");
        assertThat(component(offer, "Field_Line1Sku").get("values").get(1).get("label").asText())
                .isEqualTo("Enterprise E3 (de 5 à 10\u202f000 licences)");
        assertThat(component(offer, "Field_Line3Licenses").get("validate").get("min").asInt()).isEqualTo(1);
        assertThat(component(offer, "Field_Line3Licenses").get("validate").get("max").asInt()).isEqualTo(10000);
    }

    @Test
    void aDateIsWrittenOutInTheReadersLanguage() {
        String fr = FormTemplates.dates("valable jusqu’au {{date(linkExpiresAtText)}}.", Language.FR);
        assertThat(fr).startsWith("valable jusqu’au {{if linkExpiresAtText = null then \"\" else ")
                .contains("\"janvier\", \"février\"").contains("substring(linkExpiresAtText, 6, 2)").endsWith("}}.");
        assertThat(FormTemplates.dates("until {{date(x)}}", Language.EN)).contains("\"January\", \"February\"");
        assertThat(FormTemplates.dates("no date here", Language.EN)).isEqualTo("no date here");
    }

    private JsonNode render(String id, Language language) throws Exception {
        return json.readTree(templates.render(templates.templates().stream().filter(t -> t.id().equals(id))
                .findFirst().orElseThrow(), language, CATALOGUE));
    }

    private static JsonNode component(JsonNode form, String id) {
        for (JsonNode c : form.get("components")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no component " + id);
    }

    /** What a form asks, whatever its language: keys, types, option values, validation, conditions. */
    private static List<String> shape(JsonNode form) {
        List<String> shape = new ArrayList<>();
        for (JsonNode c : form.get("components")) {
            shape.add(c.path("id").asText() + "|" + c.path("key").asText() + "|" + c.path("type").asText() + "|"
                    + c.path("values").findValuesAsText("value") + "|" + c.path("validate") + "|"
                    + c.path("conditional") + "|" + c.path("defaultValue"));
        }
        return shape;
    }
}
