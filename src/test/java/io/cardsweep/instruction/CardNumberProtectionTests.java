package io.cardsweep.instruction;

import java.math.BigDecimal;
import java.util.Map;

import io.cardsweep.provider.CardNumberSealer;
import io.cardsweep.provider.ProviderName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CardNumberProtectionTests {

    static final String PAN = "5512345678901234";
    static final CardNumberSealer SEALER = number -> "sealed(" + new StringBuilder(number).reverse() + ")";

    final CardNumberProtection protection = new CardNumberProtection(Map.of(ProviderName.NUEVE09, SEALER), "a-test-key-of-16+chars");

    @Test
    void replacesACardNumberWithItsMaskedHashedAndSealedForms() {
        // when
        Screening screened = protection.protect(accepted(ProviderName.NUEVE09, PAN));

        // then
        assertThat(screened).isInstanceOfSatisfying(Screening.Accepted.class, accepted -> {
            ProtectedCard card = accepted.protectedCard();
            assertThat(card).isNotNull();
            assertThat(card.masked()).isEqualTo("****1234");
            assertThat(card.sealed()).isEqualTo("sealed(4321098765432155)");
            assertThat(card.hash()).hasSize(64).doesNotContain(PAN);
            assertThat(card.toString()).doesNotContain(PAN).doesNotContain(card.sealed());
        });
    }

    @Test
    void hashesTheSameCardAlikeAndUnderItsKeyOnly() {
        CardNumberProtection otherKey = new CardNumberProtection(Map.of(), "another-key-of-16+chars");

        assertThat(protection.hash(PAN)).isEqualTo(protection.hash(PAN)).isNotEqualTo(otherKey.hash(PAN))
                .isNotEqualTo(protection.hash("5512345678901235"));
    }

    @Test
    void leavesCardIdsThatAreNotNumbersAndProvidersWithoutASealerAlone() {
        Screening uuid = accepted(ProviderName.NUEVE09, "0b6f6a53-6d1e-4f0e-9a57-2f8f3e2b8c11");
        Screening cartevoNumber = accepted(ProviderName.CARTEVO, PAN);

        assertThat(protection.protect(uuid)).isEqualTo(uuid);
        assertThat(protection.protect(cartevoNumber)).isEqualTo(cartevoNumber);
    }

    private static Screening accepted(ProviderName provider, String cardId) {
        return new Screening.Accepted(new Instruction(2, "N-1", provider, cardId, new BigDecimal("10.00"), "MXN", null, null, null,
                new BigDecimal("19.43261"), new BigDecimal("-99.13321")));
    }
}
