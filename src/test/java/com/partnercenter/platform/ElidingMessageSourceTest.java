package com.partnercenter.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** French elision happens where a name is put into a text, and only there. */
class ElidingMessageSourceTest {

    @Test
    void deQueAndLeAreElidedBeforeAValueThatStartsWithAVowel() {
        assertThat(ElidingMessageSource.elide("L’essai de Business Premium pour Adatum, le partenaire de Adatum, "
                + "que Adatum connaît.", new Object[] {"Adatum", "Business Premium"}))
                .isEqualTo("L’essai de Business Premium pour Adatum, le partenaire d’Adatum, qu’Adatum connaît.");
        assertThat(ElidingMessageSource.elide("Message de Ève : De Exchange Online", new Object[] {"Ève",
                "Exchange Online"})).isEqualTo("Message d’Ève : D’Exchange Online");
    }

    @Test
    void wordsOfTheTextItselfAndValuesStartingWithAConsonantStayAsTheyAre() {
        assertThat(ElidingMessageSource.elide("Le compte de Contoso, inscrit auprès de elle", new Object[] {"Contoso"}))
                .isEqualTo("Le compte de Contoso, inscrit auprès de elle");
        // a word that merely ends in "de" is not the preposition
        assertThat(ElidingMessageSource.elide("Inde Adatum", new Object[] {"Adatum"})).isEqualTo("Inde Adatum");
    }

    @Test
    void theMessageSourceElidesInFrenchOnly() {
        ElidingMessageSource source = new ElidingMessageSource();
        source.setBasename("i18n/mail");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        assertThat(source.getMessage("trial-invitation.personalMessage", new Object[] {"Adatum"},
                java.util.Locale.FRENCH)).isEqualTo("Message d’Adatum :");
        assertThat(source.getMessage("trial-invitation.personalMessage", new Object[] {"Adatum"},
                java.util.Locale.ENGLISH)).doesNotContain("’Adatum");
    }
}
