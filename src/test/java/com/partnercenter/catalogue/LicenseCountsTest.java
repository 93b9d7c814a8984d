package com.partnercenter.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnercenter.catalogue.LicenseCounts.Problem;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The license-count rule over its whole boundary set (SKU bounds 5 to 300). */
class LicenseCountsTest {

    static final Sku SKU = new Sku("E3", "Enterprise E3", false, 30, 25, 5, 300, 12, true);

    static Stream<Arguments> values() {
        return Stream.of(
                // missing
                Arguments.of(null, Problem.MISSING, 0),
                Arguments.of("", Problem.MISSING, 0),
                Arguments.of("   ", Problem.MISSING, 0),
                // not numbers
                Arguments.of("abc", Problem.NOT_A_NUMBER, 0),
                Arguments.of("10 licenses", Problem.NOT_A_NUMBER, 0),
                Arguments.of("1,000", Problem.NOT_A_NUMBER, 0),
                Arguments.of("0x10", Problem.NOT_A_NUMBER, 0),
                Arguments.of("١٠", Problem.NOT_A_NUMBER, 0),
                Arguments.of("NaN", Problem.NOT_A_NUMBER, 0),
                Arguments.of(Double.NaN, Problem.NOT_A_NUMBER, 0),
                Arguments.of(Double.POSITIVE_INFINITY, Problem.NOT_A_NUMBER, 0),
                // decimals
                Arguments.of("10.5", Problem.NOT_WHOLE, 0),
                Arguments.of("10.0", Problem.NOT_WHOLE, 0),
                Arguments.of("1e2", Problem.NOT_WHOLE, 0),
                Arguments.of(".5", Problem.NOT_WHOLE, 0),
                Arguments.of(10.5d, Problem.NOT_WHOLE, 0),
                Arguments.of("-2.5", Problem.NOT_WHOLE, 0),
                // negative, zero, below the minimum
                Arguments.of("-1", Problem.BELOW_MIN, 0),
                Arguments.of("-99999999999999999999999", Problem.BELOW_MIN, 0),
                Arguments.of(-7L, Problem.BELOW_MIN, 0),
                Arguments.of("0", Problem.BELOW_MIN, 0),
                Arguments.of("-0", Problem.BELOW_MIN, 0),
                Arguments.of(0, Problem.BELOW_MIN, 0),
                Arguments.of("4", Problem.BELOW_MIN, 0),
                Arguments.of(4L, Problem.BELOW_MIN, 0),
                // within the bounds
                Arguments.of("5", null, 5),
                Arguments.of("6", null, 6),
                Arguments.of(" 42 ", null, 42),
                Arguments.of("+42", null, 42),
                Arguments.of("0042", null, 42),
                Arguments.of(42L, null, 42),
                Arguments.of(42, null, 42),
                Arguments.of(42.0d, null, 42),
                Arguments.of("299", null, 299),
                Arguments.of("300", null, 300),
                // above the maximum, huge
                Arguments.of("301", Problem.ABOVE_MAX, 0),
                Arguments.of(301L, Problem.ABOVE_MAX, 0),
                Arguments.of("2147483648", Problem.ABOVE_MAX, 0),
                Arguments.of("999999999999999999", Problem.ABOVE_MAX, 0),
                Arguments.of("99999999999999999999999999", Problem.ABOVE_MAX, 0),
                Arguments.of(Long.MAX_VALUE, Problem.ABOVE_MAX, 0),
                Arguments.of(1e300d, Problem.ABOVE_MAX, 0));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("values")
    void checksEveryBoundary(Object raw, Problem problem, int count) {
        LicenseCounts.Checked checked = LicenseCounts.check(raw, SKU);
        assertThat(checked.problem()).isEqualTo(problem);
        assertThat(checked.ok()).isEqualTo(problem == null);
        if (problem == null) {
            assertThat(checked.count()).isEqualTo(count);
        }
    }

    @Test
    void aSingleLicenseSkuAcceptsExactlyOne() {
        Sku one = new Sku("ONE", "One", false, 30, 25, 1, 1, 12, true);
        assertThat(LicenseCounts.check("1", one).ok()).isTrue();
        assertThat(LicenseCounts.check("0", one).problem()).isEqualTo(Problem.BELOW_MIN);
        assertThat(LicenseCounts.check("2", one).problem()).isEqualTo(Problem.ABOVE_MAX);
    }

    @Test
    void eachProblemHasItsMessageInBothLanguages() throws java.io.IOException {
        for (String bundle : new String[] {"messages.properties", "messages_fr.properties"}) {
            java.util.Properties messages = new java.util.Properties();
            try (var in = getClass().getClassLoader().getResourceAsStream(bundle)) {
                messages.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            for (Problem p : Problem.values()) {
                assertThat(messages.getProperty(p.messageKey())).as("%s in %s", p.messageKey(), bundle).isNotBlank();
            }
        }
    }
}
