package com.partnercenter.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
    private static final byte[] OTHER = "fedcba9876543210fedcba9876543210".getBytes();

    @Test
    void tokensAreDerivedFromA256BitNonceAndAreUrlSafe() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String nonce = LinkTokens.newNonce();
            String token = LinkTokens.token(SECRET, nonce);
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(nonce);
            assertThat(LinkTokens.wellFormed(token)).isTrue();
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void theSameNonceAndSecretGiveTheSameTokenAndAnotherSecretAnother() {
        String nonce = LinkTokens.newNonce();
        assertThat(LinkTokens.token(SECRET, nonce)).isEqualTo(LinkTokens.token(SECRET, nonce))
                .isNotEqualTo(LinkTokens.token(OTHER, nonce));
    }

    @Test
    void onlyAHashIsStoredAndItIsStable() {
        String token = LinkTokens.token(SECRET, LinkTokens.newNonce());
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

    @Test
    void withoutASecretAStartFailsSayingWhatToSet() {
        assertThatThrownBy(() -> new LinkSecrets("", "", true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("LINK_SECRETS")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> new LinkSecrets("", "", false).current())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot issue links");
    }

    @Test
    void theFirstConfiguredSecretIsCurrentAndRetiredOnesStayReadable() {
        String k2 = Base64.getEncoder().encodeToString(OTHER);
        String k1 = Base64.getEncoder().encodeToString(SECRET);
        LinkSecrets secrets = new LinkSecrets("k2=" + k2 + ", k1=" + k1, "", true);
        assertThat(secrets.current().id()).isEqualTo("k2");
        assertThat(secrets.byId("k1")).map(LinkSecrets.Secret::key).contains(SECRET);
        assertThat(secrets.byId("k0")).isEmpty();
    }

    @Test
    void shortDuplicatedOrMalformedSecretsAreRefused() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new LinkSecrets("k1=" + shortKey, "", true)).hasMessageContaining("16 bytes");
        String key = Base64.getEncoder().encodeToString(SECRET);
        assertThatThrownBy(() -> new LinkSecrets("k1=" + key + ",k1=" + key, "", true)).hasMessageContaining("twice");
        assertThatThrownBy(() -> new LinkSecrets(key, "", true)).hasMessageContaining("id=base64");
        assertThatThrownBy(() -> new LinkSecrets("k1=not base64!", "", true)).hasMessageContaining("not Base64");
    }

    @Test
    void theDevSecretFileIsCreatedOnceAndReadAgainAfterARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/link-secret");
        byte[] first = new LinkSecrets("", file.toString(), true).current().key();
        assertThat(Files.exists(file)).isTrue();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(new LinkSecrets("", file.toString(), true).current().key()).isEqualTo(first).hasSize(32);
    }
}
