package com.partnercenter.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.platform.ElidingMessageSource;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a form takes, whatever its components say: a field with choices takes only one of them (none when the form
 * gives it none); a computed, group or list field takes only text within the text rule, and a component of a kind
 * the allow-list does not know takes nothing.
 */
class FormPayloadsTest {

    private static final String FORM = """
            {"components": [
              {"key": "plan", "label": "Plan", "type": "select", "values": [{"label": "Basic", "value": "BASIC"}]},
              {"key": "anything", "label": "Anything", "type": "select"},
              {"key": "tags", "label": "Tags", "type": "taglist"},
              {"key": "level", "label": "Level", "type": "radio", "valuesKey": "levels"},
              {"key": "total", "label": "Total", "type": "expression", "expression": "=1+1"},
              {"key": "address", "label": "Address", "type": "group", "path": "address", "components": []},
              {"key": "future", "label": "Future", "type": "some-later-kind"}
            ]}""";

    private final FormFields form = FormFields.parse(new ByteArrayInputStream(FORM.getBytes(StandardCharsets.UTF_8)));
    private final FormPayloads payloads = new FormPayloads(new Messages(messageSource()));

    @Test
    void aFieldWithChoicesTakesOneOfThemAndAFieldWithoutChoicesTakesNothing() {
        assertThat(problems(Map.of("plan", "BASIC"))).isEmpty();
        assertThat(problems(Map.of("plan", "E5_UNLIMITED"))).containsExactly(
                "'E5_UNLIMITED' is not one of the choices of the field 'Plan'.");
        assertThat(problems(Map.of("anything", "E5_UNLIMITED"))).containsExactly(
                "'E5_UNLIMITED' is not one of the choices of the field 'Anything'.");
        assertThat(problems(Map.of("tags", List.of("x")))).containsExactly(
                "'x' is not one of the choices of the field 'Tags'.");
        // choices from a variable: only those it holds
        assertThat(payloads.problems(form, Map.of("level", "HIGH"), Language.EN,
                name -> "levels".equals(name) ? List.of(Map.of("value", "HIGH")) : null)).isEmpty();
        assertThat(problems(Map.of("level", "HIGH"))).containsExactly(
                "'HIGH' is not one of the choices of the field 'Level'.");
    }

    @Test
    void aFieldOfAnyOtherKindTakesTextWithinTheTextRuleOnly() {
        assertThat(problems(Map.of("total", "2"))).isEmpty();
        assertThat(problems(Map.of("total", 42))).containsExactly("The field 'Total' takes text, not '42'.");
        assertThat(problems(Map.of("address", Map.of("partnerId", 1)))).containsExactly(
                "The field 'Address' takes text, not '{partnerId=1}'.");
        assertThat(problems(Map.of("total", "a\u202Eb"))).singleElement().asString().startsWith("The field 'Total':")
                .contains("U+202E");
        // a component of a kind form-js may bring later is no field the allow-list knows: it takes nothing
        assertThat(problems(Map.of("future", "x"))).containsExactly(
                "The form has no field 'future': this value cannot be given.");
    }

    @Test
    void theRefusalsExistInFrench() {
        assertThat(payloads.problems(form, Map.of("anything", "X"), Language.FR, name -> null)).singleElement()
                .asString().contains("« X »").contains("Anything");
    }

    private List<String> problems(Map<String, ?> values) {
        return payloads.problems(form, values, Language.EN, name -> null);
    }

    /**
     * A refused typed text reads the same whether the engine's door refuses it here or a delegate reading the typed
     * variable does ({@code platform.TypedVariables}, the model's refusal path): one wording, in each language.
     */
    @Test
    void aRefusedTextReadsTheSameAtTheDoorAndInTheModel() {
        ElidingMessageSource source = messageSource();
        for (Language language : Language.values()) {
            String label = source.getMessage("field.personalMessage", null, language.locale());
            FormFields.Field field = new FormFields.Field("personalMessage", "textfield", label, null, null, null,
                    null, null, false);
            String atTheDoor = payloads.humanText(field, "a\u202Eb", language);
            org.camunda.bpm.engine.delegate.VariableScope scope =
                    org.mockito.Mockito.mock(org.camunda.bpm.engine.delegate.VariableScope.class);
            org.mockito.Mockito.when(scope.getVariable("personalMessage")).thenReturn("a\u202Eb");
            org.mockito.Mockito.when(scope.getVariable("partnerUserLanguage")).thenReturn(language.code());
            String inTheModel = new com.partnercenter.platform.TypedVariables(source).problem(scope, "personalMessage",
                    com.partnercenter.platform.HumanText.Kind.LINE).orElseThrow();
            assertThat(inTheModel).isEqualTo(atTheDoor).startsWith(language == Language.EN
                    ? "The field 'Personal message': " : "Le champ « Message personnel » : ");
        }
    }

    private static ElidingMessageSource messageSource() {
        ElidingMessageSource source = new ElidingMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
