package com.partnercenter.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a deployed Camunda Form (form-js schema, as Tasklist renders it): what a start or a task completion
 * may carry. Display components (text, image, separator, button …) carry nothing; a group with a {@code path} or a
 * dynamic list carries one value under that path.
 */
public final class FormFields {

    /** Component types whose {@code key} is submitted. */
    static final Set<String> DATA_TYPES = Set.of("textfield", "textarea", "number", "checkbox", "checklist", "radio",
            "select", "taglist", "datetime", "expression", "filepicker");

    /** One field: its options are the static {@code values} (null when the form names none). */
    public record Field(String key, String type, String label, List<String> options, String valuesKey, Double min,
            Double max, Integer maxLength, boolean displayOnly) {

        public String shownName() {
            return label == null || label.isBlank() ? key : label;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Field> fields;

    private FormFields(Map<String, Field> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    public static FormFields parse(InputStream form) {
        try (form) {
            JsonNode root = JSON.readTree(form);
            Map<String, Field> fields = new LinkedHashMap<>();
            collect(root.path("components"), fields);
            return new FormFields(fields);
        } catch (IOException e) {
            throw new UncheckedIOException("a deployed form cannot be read", e);
        }
    }

    public Map<String, Field> fields() {
        return fields;
    }

    private static void collect(JsonNode components, Map<String, Field> into) {
        for (JsonNode component : components) {
            String type = component.path("type").asText("");
            String path = component.path("path").asText("");
            if (("group".equals(type) || "dynamiclist".equals(type)) && !path.isBlank()) {
                into.put(path, new Field(path, "dynamiclist".equals(type) ? "list" : "object", text(component, "label"),
                        null, null, null, null, null, displayOnly(component)));
                continue;
            }
            String key = component.path("key").asText("");
            if (DATA_TYPES.contains(type) && !key.isBlank()) {
                JsonNode validate = component.path("validate");
                into.put(key, new Field(key, type, text(component, "label"), options(component),
                        text(component, "valuesKey"), number(validate, "min"), number(validate, "max"),
                        validate.hasNonNull("maxLength") ? validate.get("maxLength").asInt() : null,
                        displayOnly(component)));
            }
            if (component.has("components")) {
                collect(component.get("components"), into);
            }
        }
    }

    private static List<String> options(JsonNode component) {
        if (!component.has("values")) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode option : component.get("values")) {
            values.add(option.path("value").asText());
        }
        return List.copyOf(values);
    }

    private static boolean displayOnly(JsonNode component) {
        return component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false);
    }

    private static String text(JsonNode node, String name) {
        return node.hasNonNull(name) ? node.get(name).asText() : null;
    }

    private static Double number(JsonNode node, String name) {
        return node.hasNonNull(name) && node.get(name).isNumber() ? node.get(name).asDouble() : null;
    }
}
