package com.partnercenter.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.platform.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The deployed Camunda Forms, made from the templates in {@code forms/} (English, opened unchanged in Camunda
 * Modeler): one form per template and language, the English one under the template's id (what the models' formRef
 * names), the French one under the id plus {@value #FRENCH_SUFFIX}. For each language:
 * <ul>
 *   <li>texts (label, description, text, placeholder, option labels) from the template in English, from
 *       {@code i18n/forms_fr.properties} in French ({@code <form>.<component>.<attribute>},
 *       {@code <form>.<component>.values.<value>}); a missing translation is an error, never an English text in a
 *       French form;</li>
 *   <li>{@code {{date(x)}}} in a text writes the ISO date x as a day in that language (FEEL, in the form);</li>
 *   <li>a component with the custom property {@code catalogue} takes its options or bounds from the catalogue:
 *       {@code trialSkus} (the SKUs that offer a trial, with its length and licenses), {@code sellableSkus} (with
 *       their license bounds), {@code licenseBounds} (a number field: the lowest minimum and highest maximum).</li>
 * </ul>
 * Field keys, types, validation and conditions are the template's in every language: whatever reads a deployed form
 * to know its fields gets the same answer from both.
 */
@Component
public class FormTemplates {

    public static final String FRENCH_SUFFIX = "-fr";
    static final String TEMPLATES = "classpath*:forms/*.form";
    static final String[] TEXTS = {"label", "description", "text", "placeholder"};
    private static final Pattern DATE = Pattern.compile("\\{\\{\\s*date\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)\\s*\\}\\}");

    private final ObjectMapper json = new ObjectMapper();
    private final MessageSource messages;
    private final Map<Language, Properties> translations = new LinkedHashMap<>();

    public FormTemplates(MessageSource messages) {
        this.messages = messages;
        translations.put(Language.FR, load("i18n/forms_fr.properties"));
    }

    /** A template as read from {@code forms/}. */
    public record Template(String id, String fileName, JsonNode form) {}

    /** Every template, by id. */
    public List<Template> templates() {
        List<Template> templates = new ArrayList<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(TEMPLATES)) {
                try (InputStream in = resource.getInputStream()) {
                    JsonNode form = json.readTree(in);
                    templates.add(new Template(form.path("id").asText(), resource.getFilename(), form));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the form templates " + TEMPLATES, e);
        }
        templates.sort(Comparator.comparing(Template::id));
        return templates;
    }

    /** The id of a form in a language. */
    public static String formId(String templateId, Language language) {
        return language == Language.EN ? templateId : templateId + FRENCH_SUFFIX;
    }

    /** The form of the template in the language, with the catalogue's SKUs where the template asks for them. */
    public String render(Template template, Language language, List<Sku> catalogue) {
        ObjectNode form = template.form().deepCopy();
        form.put("id", formId(template.id(), language));
        ArrayNode components = (ArrayNode) form.path("components");
        for (JsonNode component : components) {
            localize(template.id(), (ObjectNode) component, language, catalogue);
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(form);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text keys a template needs translated (the French bundle must have exactly these). */
    public static List<String> textKeys(Template template) {
        List<String> keys = new ArrayList<>();
        for (JsonNode component : template.form().path("components")) {
            String prefix = template.id() + "." + component.path("id").asText() + ".";
            for (String attribute : TEXTS) {
                if (component.hasNonNull(attribute)) {
                    keys.add(prefix + attribute);
                }
            }
            if (component.has("values") && catalogue(component) == null) {
                for (JsonNode value : component.path("values")) {
                    keys.add(prefix + "values." + value.path("value").asText());
                }
            }
        }
        return keys;
    }

    private void localize(String formId, ObjectNode component, Language language, List<Sku> catalogue) {
        String prefix = formId + "." + component.path("id").asText() + ".";
        for (String attribute : TEXTS) {
            if (component.hasNonNull(attribute)) {
                component.put(attribute, dates(text(prefix + attribute, component.get(attribute).asText(), language),
                        language));
            }
        }
        String source = catalogue(component);
        if (source == null) {
            if (component.has("values")) {
                for (JsonNode value : component.path("values")) {
                    ((ObjectNode) value).put("label", text(prefix + "values." + value.path("value").asText(),
                            value.path("label").asText(), language));
                }
            }
            return;
        }
        switch (source) {
            case "trialSkus" -> component.set("values", options(catalogue.stream()
                    .filter(s -> s.sellable() && s.trialAllowed()).toList(), "forms.catalogue.trialSku", language));
            case "sellableSkus" -> component.set("values", options(catalogue.stream().filter(Sku::sellable).toList(),
                    "forms.catalogue.sellableSku", language));
            case "licenseBounds" -> {
                ObjectNode validate = component.has("validate") ? (ObjectNode) component.get("validate")
                        : component.putObject("validate");
                catalogue.stream().filter(Sku::sellable).mapToInt(Sku::minLicenses).min()
                        .ifPresent(min -> validate.put("min", min));
                catalogue.stream().filter(Sku::sellable).mapToInt(Sku::maxLicenses).max()
                        .ifPresent(max -> validate.put("max", max));
            }
            default -> throw new IllegalStateException("form " + formId + ", component " + component.path("id")
                    + ": unknown catalogue list '" + source + "' (trialSkus, sellableSkus, licenseBounds)");
        }
    }

    private ArrayNode options(List<Sku> skus, String labelKey, Language language) {
        ArrayNode values = json.createArrayNode();
        skus.stream().sorted(Comparator.comparing(Sku::name)).forEach(sku -> values.addObject()
                .put("label", messages.getMessage(labelKey, new Object[] {sku.name(), sku.minLicenses(),
                        sku.maxLicenses(), sku.trialDays(), sku.trialLicenses()}, language.locale()))
                .put("value", sku.code()));
        return values;
    }

    private static String catalogue(JsonNode component) {
        JsonNode value = component.path("properties").path("catalogue");
        return value.isTextual() ? value.asText() : null;
    }

    private String text(String key, String english, Language language) {
        if (language == Language.EN) {
            return english;
        }
        String translated = translations.get(language).getProperty(key);
        if (translated == null) {
            throw new IllegalStateException("no " + language.code() + " text for form text " + key
                    + " (i18n/forms_" + language.code() + ".properties)");
        }
        return translated;
    }

    /** {@code {{date(x)}}} as FEEL that writes the ISO date x as "31 December 2026" / "31 décembre 2026". */
    static String dates(String text, Language language) {
        Matcher m = DATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = m.group(1);
            String months = String.join(", ", java.util.Arrays.stream(java.time.Month.values())
                    .map(month -> "\"" + month.getDisplayName(java.time.format.TextStyle.FULL, language.locale()) + "\"")
                    .toList());
            String feel = "{{if " + v + " = null then \"\" else string(number(substring(" + v + ", 9, 2))) + \" \" + ["
                    + months + "][number(substring(" + v + ", 6, 2))] + \" \" + substring(" + v + ", 1, 4)}}";
            m.appendReplacement(out, Matcher.quoteReplacement(feel));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = FormTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
