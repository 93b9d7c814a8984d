package com.partnercenter.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkTokensTest {

    @Test
    void tokensCarry256RandomBitsAndAreUrlSafe() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = LinkTokens.newToken();
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
            assertThat(LinkTokens.wellFormed(token)).isTrue();
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void onlyAHashIsStoredAndItIsStable() {
        String token = LinkTokens.newToken();
        assertThat(LinkTokens.hash(token)).hasSize(64).matches("[0-9a-f]+").isEqualTo(LinkTokens.hash(token))
                .doesNotContain(token);
    }

    @Test
    void malformedTokensAreRejectedBeforeAnyLookUp() {
        assertThat(LinkTokens.wellFormed(null)).isFalse();
        assertThat(LinkTokens.wellFormed("short")).isFalse();
        assertThat(LinkTokens.wellFormed("x".repeat(42) + "'")).isFalse();
        assertThat(LinkTokens.wellFormed("x".repeat(44))).isFalse();
    }
}
