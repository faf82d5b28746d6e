package io.cardsweep.provider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CardMaskTests {

    @Test
    void keepsOnlyTheFirstAndLastFourCharactersOfLongIds() {
        assertThat(CardMask.mask("6513270e-269e-4d37-b2a7-4de452e6b438")).isEqualTo("6513****b438");
        assertThat(CardMask.mask("4111111111111111")).isEqualTo("4111****1111");
    }

    @Test
    void keepsOnlyTheLastTwoCharactersOfShortIds() {
        assertThat(CardMask.mask("abc123")).isEqualTo("****23");
    }
}
