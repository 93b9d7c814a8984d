package com.partnercenter.productkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProductKeyCodecTest {

    private final Random random = new Random(7);

    @Test
    void generatedKeysAreValidInEveryNotation() {
        for (int i = 0; i < 200; i++) {
            String key = ProductKeyCodec.generate(random);
            assertThat(key).hasSize(25);
            assertThat(ProductKeyCodec.isValid(key)).isTrue();
            assertThat(ProductKeyCodec.isValid(ProductKeyCodec.format(key))).isTrue();
            assertThat(ProductKeyCodec.isValid(ProductKeyCodec.format(key).toLowerCase())).isTrue();
            assertThat(ProductKeyCodec.isValid(ProductKeyCodec.format(key).replace('-', ' '))).isTrue();
        }
    }

    @Test
    void everySingleCharacterChangeIsDetected() {
        String key = ProductKeyCodec.generate(random);
        for (int i = 0; i < key.length(); i++) {
            for (char c : ProductKeyCodec.ALPHABET.toCharArray()) {
                if (c != key.charAt(i)) {
                    String typo = key.substring(0, i) + c + key.substring(i + 1);
                    assertThat(ProductKeyCodec.problem(typo)).as(typo).contains(ProductKeyCodec.Problem.CHECK_CHARACTER);
                }
            }
        }
    }

    @Test
    void swappedNeighboursAreDetected() {
        for (int n = 0; n < 50; n++) {
            String key = ProductKeyCodec.generate(random);
            for (int i = 0; i < key.length() - 1; i++) {
                if (key.charAt(i) != key.charAt(i + 1)) {
                    String swapped = key.substring(0, i) + key.charAt(i + 1) + key.charAt(i) + key.substring(i + 2);
                    assertThat(ProductKeyCodec.isValid(swapped)).as(swapped).isFalse();
                }
            }
        }
    }

    @Test
    void swapsOfAnyTwoCharactersAreDetected() {
        String key = ProductKeyCodec.generate(random);
        for (int i = 0; i < key.length(); i++) {
            for (int j = i + 1; j < key.length(); j++) {
                if (key.charAt(i) != key.charAt(j)) {
                    char[] chars = key.toCharArray();
                    chars[i] = key.charAt(j);
                    chars[j] = key.charAt(i);
                    assertThat(ProductKeyCodec.isValid(new String(chars))).isFalse();
                }
            }
        }
    }

    @Test
    void lookAlikesAndWrongLengthsAreFormatErrors() {
        String key = ProductKeyCodec.generate(random);
        assertThat(ProductKeyCodec.problem("O" + key.substring(1))).contains(ProductKeyCodec.Problem.FORMAT);
        assertThat(ProductKeyCodec.problem("0" + key.substring(1))).contains(ProductKeyCodec.Problem.FORMAT);
        assertThat(ProductKeyCodec.problem("I" + key.substring(1))).contains(ProductKeyCodec.Problem.FORMAT);
        assertThat(ProductKeyCodec.problem(key.substring(1))).contains(ProductKeyCodec.Problem.FORMAT);
        assertThat(ProductKeyCodec.problem(key + "B")).contains(ProductKeyCodec.Problem.FORMAT);
        assertThat(ProductKeyCodec.problem(null)).contains(ProductKeyCodec.Problem.FORMAT);
    }
}
