package com.partnercenter.guard;

import com.partnercenter.platform.HumanText;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * The one allow-list of what a user may send with a start or a task completion: exactly the fields of the deployed
 * form the start event or the task shows ({@link FormFields}), each value of its field's kind and, for a field with
 * choices (select, radio, checklist, taglist), one of them — a form that gives it no choices lets it take none; a field
 * of any other kind (expression, group, dynamic list, a type unknown here) takes text like a text field; within the form's own bounds (min, max, maxLength); typed text obeying the text rule
 * ({@link HumanText}). A field shown but not entered (disabled, read-only) keeps its value. Everything else the flow
 * checks itself.
 */
@Component
public class FormPayloads {

    private final Messages messages;

    public FormPayloads(Messages messages) {
        this.messages = messages;
    }

    /**
     * What is wrong with the values, in the user's language; empty when the form takes them.
     *
     * @param form    the deployed form, or null when the step has none
     * @param current the value a name has now (a task's variables; nothing for a start)
     */
    public List<String> problems(FormFields form, Map<String, ?> values, Language language,
            Function<String, Object> current) {
        List<String> problems = new ArrayList<>();
        if (values == null || values.isEmpty()) {
            return problems;
        }
        if (form == null) {
            problems.add(messages.text(language, "form.refused.noForm", String.join(", ", values.keySet())));
            return problems;
        }
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            FormFields.Field field = form.fields().get(entry.getKey());
            if (field == null) {
                problems.add(messages.text(language, "form.refused.unknownField", entry.getKey()));
                continue;
            }
            String problem = problem(field, unwrap(entry.getValue()), language, current);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    private String problem(FormFields.Field field, Object value, Language language, Function<String, Object> current) {
        if (field.displayOnly()) {
            return value == null || Objects.equals(value, unwrap(current.apply(field.key()))) ? null
                    : text(language, "form.refused.readOnly", field);
        }
        if (value == null) {
            return null;
        }
        return switch (field.type()) {
            case "number" -> number(field, value, language);
            case "checkbox" -> value instanceof Boolean ? null : text(language, "form.refused.notBoolean", field, value);
            case "select", "radio" -> value instanceof String s ? option(field, s, language, current)
                    : text(language, "form.refused.notAnOption", field, value);
            case "checklist", "taglist" -> list(field, value, language, current);
            // text fields, and every other kind (an expression, a group, a dynamic list, a type a later form-js
            // brings): one line of text within the text rule, never an object or a list nobody checks
            default -> value instanceof String s ? text(field, s, language)
                    : text(language, "form.refused.notText", field, value);
        };
    }

    private String number(FormFields.Field field, Object value, Language language) {
        if (!(value instanceof Number n)) {
            return text(language, "form.refused.notANumber", field, value);
        }
        if (field.min() != null && n.doubleValue() < field.min()) {
            return text(language, "form.refused.belowMin", field, field.min());
        }
        if (field.max() != null && n.doubleValue() > field.max()) {
            return text(language, "form.refused.aboveMax", field, field.max());
        }
        return null;
    }

    private String text(FormFields.Field field, String value, Language language) {
        if (field.maxLength() != null && value.length() > field.maxLength()) {
            return text(language, "form.refused.tooLong", field, field.maxLength());
        }
        return humanText(field, value, language);
    }

    /**
     * The text rule every human-entered field obeys ({@link HumanText}: no control or format character, one line in
     * a text field, the form's maxLength or the rule's length for its kind), with the field's name in front of the
     * rule's message.
     */
    String humanText(FormFields.Field field, String value, Language language) {
        boolean multiLine = "textarea".equals(field.type());
        int max = field.maxLength() != null ? field.maxLength()
                : (multiLine ? HumanText.Kind.LIST : HumanText.Kind.LINE).maxLength();
        HumanText.Checked checked = HumanText.check(value, new HumanText.Kind(max, multiLine));
        return checked.ok() ? null : messages.refusedField(language, field.shownName(), checked);
    }

    private String option(FormFields.Field field, String value, Language language, Function<String, Object> current) {
        return options(field, current).contains(value) ? humanText(field, value, language)
                : text(language, "form.refused.notAnOption", field, value);
    }

    private String list(FormFields.Field field, Object value, Language language, Function<String, Object> current) {
        if (!(value instanceof Collection<?> chosen)) {
            return text(language, "form.refused.notAList", field);
        }
        List<String> options = options(field, current);
        for (Object one : chosen) {
            if (!(one instanceof String s) || !options.contains(s)) {
                return text(language, "form.refused.notAnOption", field, one);
            }
        }
        return null;
    }

    /**
     * The static choices, or those of the variable {@code valuesKey} names; none when the form gives none (a field
     * with choices takes only one of them, so such a field takes nothing).
     */
    private static List<String> options(FormFields.Field field, Function<String, Object> current) {
        if (field.options() != null) {
            return field.options();
        }
        if (field.valuesKey() == null) {
            return List.of();
        }
        Object source = unwrap(current.apply(field.valuesKey()));
        if (!(source instanceof Collection<?> items)) {
            return List.of(); // the form takes its choices from a variable that does not hold any: nothing matches
        }
        List<String> options = new ArrayList<>();
        for (Object item : items) {
            options.add(item instanceof Map<?, ?> m ? String.valueOf(m.get("value")) : String.valueOf(item));
        }
        return options;
    }

    private String text(Language language, String code, FormFields.Field field, Object... more) {
        Object[] args = new Object[more.length + 1];
        args[0] = field.shownName();
        for (int i = 0; i < more.length; i++) {
            args[i + 1] = more[i] instanceof Double d && d == Math.rint(d) ? (Object) d.longValue()
                    : more[i] instanceof Number ? more[i] : shorten(String.valueOf(more[i]));
        }
        return messages.text(language, code, args);
    }

    /** A value as a message quotes it: at most 60 characters. */
    private static String shorten(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }

    static Object unwrap(Object value) {
        return value instanceof TypedValue typed ? typed.getValue() : value;
    }
}
