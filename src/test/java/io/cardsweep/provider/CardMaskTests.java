package io.cardsweep.provider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CardMaskTests {

    @Test
    void keepsOnlyTheFirstAndLastFourCharactersOfLongIds() {
        assertThat(CardMask.mask("6513270e-269e-4d37-b2a7-4de452e6b438")).isEqualTo("6513****b438");
        assertThat(CardMask.mask("4111111111111111")).isEqualTo("****1111");
    }

    @Test
    void keepsOnlyTheLastTwoCharactersOfShortIds() {
        assertThat(CardMask.mask("abc123")).isEqualTo("****23");
    }

    @Test
    void masksCardNumbersWrittenAnywhereInText() {
        assertThat(CardMask.redactCardNumbers("card 4111 1111 1111 1111 refused, ref 4111-1111-1111-1112; amount 12345.67"))
                .isEqualTo("card ****1111 refused, ref ****1112; amount 12345.67");
        assertThat(CardMask.redactCardNumbers("5512345678901234")).isEqualTo("****1234");
    }
}
