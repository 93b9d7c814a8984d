package com.partnercenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every text of the pages exists in English and in French (messages*.properties): a text in one language only fails
 * here. (The mails' texts: MailTextsTest; the forms': forms.FormTemplatesTest; Tasklist's: tasklist.TasklistLocalesTest.)
 */
class PageTextsTest {

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(PageTextsTest.class.getResourceAsStream(resource),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    @Test
    void frenchAndEnglishHaveTheSameKeysAndNoneIsEmpty() throws IOException {
        Properties en = load("/messages.properties");
        Properties fr = load("/messages_fr.properties");
        assertThat(new TreeSet<>(fr.stringPropertyNames())).isEqualTo(new TreeSet<>(en.stringPropertyNames()));
        for (Properties texts : new Properties[] {en, fr}) {
            texts.stringPropertyNames().forEach(key -> assertThat(texts.getProperty(key)).as(key).isNotBlank());
        }
    }

    @Test
    void frenchSaysEssaiForATrialNeverEvaluation() throws IOException {
        Properties fr = load("/messages_fr.properties");
        Properties mails = load("/i18n/mail_fr.properties");
        Properties forms = load("/i18n/forms_fr.properties");
        for (Properties texts : new Properties[] {fr, mails, forms}) {
            texts.stringPropertyNames().forEach(key -> assertThat(texts.getProperty(key).toLowerCase())
                    .as(key).doesNotContain("évaluation"));
        }
    }
}
