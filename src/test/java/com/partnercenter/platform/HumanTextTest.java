package com.partnercenter.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.platform.HumanText.Kind;
import com.partnercenter.support.HostileText;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.validation.MapBindingResult;

class HumanTextTest {

    static Stream<HostileText.Sample> oneLine() {
        return HostileText.oneLine().stream();
    }

    static Stream<HostileText.Sample> multiLine() {
        return HostileText.multiLine().stream();
    }

    @ParameterizedTest(name = "one line refuses {0}")
    @MethodSource("oneLine")
    void oneLineFieldsRefuseEveryControlAndFormatCharacter(HostileText.Sample sample) {
        HumanText.Checked checked = HumanText.check(sample.inside("Contoso Europe"), Kind.ORGANIZATION_NAME);
        assertThat(checked.ok()).isFalse();
        assertThat(checked.text()).isNull();
        assertThat(checked.messageKey()).isIn(HumanText.ONE_LINE, HumanText.INVISIBLE);
    }

    @ParameterizedTest(name = "multi-line refuses {0}")
    @MethodSource("multiLine")
    void multiLineFieldsRefuseThemToo(HostileText.Sample sample) {
        HumanText.Checked checked = HumanText.check(sample.inside("Hello,\nsee you soon"), Kind.MESSAGE);
        assertThat(checked.ok()).isFalse();
        assertThat(checked.messageKey()).isEqualTo(HumanText.INVISIBLE);
    }

    @Test
    void multiLineFieldsKeepLineBreaksAndTabsAndStoreCrLfAsLf() {
        HumanText.Checked checked = HumanText.check("  Hello,\r\n\tsee you\nsoon  \r\n", Kind.MESSAGE);
        assertThat(checked.ok()).isTrue();
        assertThat(checked.text()).isEqualTo("Hello,\n\tsee you\nsoon");
    }

    @Test
    void theMessageNamesTheCharacterAndTheLineRule() {
        assertThat(HumanText.check("Eve\u202eevE", Kind.PERSON_NAME).arguments()).containsExactly("U+202E");
        assertThat(HumanText.check("Eve\r\nBcc: evil@evil.example", Kind.PERSON_NAME).messageKey())
                .isEqualTo(HumanText.ONE_LINE);
        assertThat(HumanText.check("a\u0000b", Kind.MESSAGE).arguments()).containsExactly("U+0000");
    }

    @Test
    void lengthIsCountedInCodePointsOfTheStrippedText() {
        String emoji = "\ud83d\ude00";
        assertThat(HumanText.check(emoji.repeat(100), Kind.PERSON_NAME).ok()).as("100 emoji are 100 characters")
                .isTrue();
        assertThat(HumanText.check(" " + "a".repeat(100) + " ", Kind.PERSON_NAME).text()).hasSize(100);
        HumanText.Checked tooLong = HumanText.check("a".repeat(101), Kind.PERSON_NAME);
        assertThat(tooLong.messageKey()).isEqualTo(HumanText.TOO_LONG);
        assertThat(tooLong.arguments()).containsExactly(100);
    }

    @Test
    void ordinaryTextOfEveryScriptPasses() {
        for (String text : new String[] {"Ève d’Arc-Müller", "Łódź Software sp. z o.o.", "株式会社コントソ",
                "شركة كونتوسو", "Contoso <Europe> & Sons", "O'Brien", "🎉 Party"}) {
            HumanText.Checked checked = HumanText.check(text, Kind.ORGANIZATION_NAME);
            assertThat(checked.ok()).as(text).isTrue();
            assertThat(checked.text()).isEqualTo(text);
        }
        assertThat(HumanText.check(null, Kind.LINE).text()).isEmpty();
        assertThat(HumanText.check(42, Kind.SHORT).text()).isEqualTo("42");
    }

    @Test
    void fieldMessagesExistInEnglishAndFrench() {
        var messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        HumanText.Checked invisible = HumanText.check("a\u200bb", Kind.LINE);
        assertThat(invisible.message(messages, Locale.ENGLISH))
                .isEqualTo("Remove the invisible or control character U+200B (such as a tab, a zero-width space or "
                        + "a text-direction mark): type the text again or paste it as plain text.");
        assertThat(invisible.message(messages, Locale.FRENCH)).startsWith("Retirez le caractère invisible ou de "
                + "contrôle U+200B");
        assertThat(HumanText.check("x".repeat(1001), Kind.MESSAGE).message(messages, Locale.ENGLISH))
                .isEqualTo("This field can have at most 1,000 characters.");
        assertThat(HumanText.check("a\nb", Kind.LINE).message(messages, Locale.FRENCH))
                .isEqualTo("Ce champ tient sur une ligne : retirez le retour à la ligne.");
    }

    @Test
    void rejectOnPutsTheKeyAndArgumentsOnTheField() {
        var errors = new MapBindingResult(new java.util.HashMap<>(), "form");
        assertThat(HumanText.check("ok", Kind.LINE).rejectOn(errors, "name")).isFalse();
        assertThat(HumanText.check("a\u001bb", Kind.LINE).rejectOn(errors, "name")).isTrue();
        assertThat(errors.getFieldError("name").getCode()).isEqualTo(HumanText.INVISIBLE);
        assertThat(errors.getFieldError("name").getArguments()).containsExactly("U+001B");
    }
}
