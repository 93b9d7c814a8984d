package com.partnercenter.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReaderFormatTest {

    static final ReaderFormat EN = ReaderFormat.of(Language.EN);
    static final ReaderFormat FR = ReaderFormat.of(Language.FR);

    @Test
    void daysAreWrittenOutInTheReadersLanguage() {
        assertThat(EN.day("2026-12-31")).isEqualTo("31 December 2026");
        assertThat(FR.day("2026-12-31T08:08:00Z")).isEqualTo("31 décembre 2026");
        assertThat(FR.when(Instant.parse("2027-01-12T08:08:00Z"))).isEqualTo("12 janvier 2027 à 08:08 UTC");
        assertThat(EN.day("not a date")).isEqualTo("not a date");
    }

    @Test
    void aLinkCarriesTheReadersLanguage() {
        assertThat(FR.link("http://pc.example/p/CONTOSO/abc")).isEqualTo("http://pc.example/p/CONTOSO/abc?lang=fr");
        assertThat(EN.link("http://pc.example/signup/ADV1?token=abc"))
                .isEqualTo("http://pc.example/signup/ADV1?token=abc&lang=en");
        assertThat(EN.link("http://pc.example/p/CONTOSO/abc#accept")).isEqualTo("http://pc.example/p/CONTOSO/abc?lang=en#accept");
    }

    @Test
    void aLinkThatNamesALanguageAlreadyKeepsIt() {
        assertThat(EN.link("http://pc.example/signup/ADV1?token=abc&lang=fr"))
                .isEqualTo("http://pc.example/signup/ADV1?token=abc&lang=fr");
        assertThat(FR.link("http://pc.example/p/CONTOSO/confirm/abc?lang=en"))
                .isEqualTo("http://pc.example/p/CONTOSO/confirm/abc?lang=en");
        assertThat(FR.link(null)).isEmpty();
    }
}
