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

    /**
     * Keys the code builds rather than writes (so the test above cannot see them missing from both bundles): program
     * authorizations' names, a new customer's field problems, the date patterns of ReaderFormat.
     */
    @Test
    void keysTheCodeBuildsExistInEveryLanguage() throws IOException {
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (com.partnercenter.partner.ProgramAuthorization a : com.partnercenter.partner.ProgramAuthorization.values()) {
            keys.add(a.messageKey());
        }
        var missing = new com.partnercenter.customer.NewCustomerFields.Values(null, null, null, null, null, null, null);
        var bad = new com.partnercenter.customer.NewCustomerFields.Values("x", "not a domain", "XX", "xx", "x", "x",
                "nobody");
        for (var values : java.util.List.of(missing, bad)) {
            com.partnercenter.customer.NewCustomerFields.problems(values, true).forEach(p -> keys.add(p.messageKey()));
        }
        keys.addAll(java.util.List.of("format.day", "format.moment"));
        assertThat(keys).hasSizeGreaterThan(15);
        for (String resource : new String[] {"/messages.properties", "/messages_fr.properties"}) {
            Properties texts = load(resource);
            assertThat(keys).as(resource).allSatisfy(key -> assertThat(texts.getProperty(key)).as(key).isNotBlank());
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
