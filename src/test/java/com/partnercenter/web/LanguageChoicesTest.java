package com.partnercenter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.partnercenter.platform.Language;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The languages a page offers and the accept page to go back to after a sign-in follow {@link Language}: no
 * language is written in a template or a pattern.
 */
class LanguageChoicesTest {

    private static final String PAGE = "/p/ADV1/" + "a".repeat(43);

    @Test
    void everyPageOffersEachLanguageByItsOwnName() {
        assertThat(new LanguageChoices().languages()).containsExactly(Language.values());
        assertThat(Language.EN.nativeName()).isEqualTo("English");
        assertThat(Language.FR.nativeName()).isEqualTo("Français");
    }

    @Test
    void theAcceptPageIsRememberedInEachLanguageAndNoOther() {
        for (Language language : Language.values()) {
            String path = PAGE + "?lang=" + language.code();
            MockHttpServletResponse response = new MockHttpServletResponse();
            ReturnAfterSignIn.remember(new MockHttpServletRequest(), response, path);
            MockHttpServletRequest back = new MockHttpServletRequest();
            back.setCookies(new Cookie(response.getCookies()[0].getName(), response.getCookies()[0].getValue()));
            assertThat(ReturnAfterSignIn.pending(back)).contains(path);
        }
        assertThatThrownBy(() -> ReturnAfterSignIn.remember(new MockHttpServletRequest(),
                new MockHttpServletResponse(), PAGE + "?lang=de")).isInstanceOf(IllegalArgumentException.class);
    }
}
