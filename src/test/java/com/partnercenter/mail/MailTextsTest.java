package com.partnercenter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The French and English mail texts stay in step, and every text is valid for MessageFormat. */
class MailTextsTest {

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(MailTextsTest.class.getResourceAsStream(resource),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    @Test
    void frenchAndEnglishHaveTheSameKeys() throws IOException {
        assertThat(load("/i18n/mail_fr.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("/i18n/mail.properties").stringPropertyNames());
    }

    @Test
    void noLoneApostrophes() throws IOException {
        for (String resource : new String[] {"/i18n/mail.properties", "/i18n/mail_fr.properties"}) {
            Properties texts = load(resource);
            for (String key : texts.stringPropertyNames()) {
                assertThat(texts.getProperty(key).replace("''", ""))
                        .as("%s in %s: write '' or ’ for an apostrophe", key, resource)
                        .doesNotContain("'");
            }
        }
    }
}
