package io.cardsweep.ledger;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyKeysTests {

    @Test
    void derivesTheSameKeyForTheSameInstructionEveryTime() {
        // when
        UUID first = IdempotencyKeys.forInstruction("per-diem-reclaim:PD-1");
        UUID again = IdempotencyKeys.forInstruction("per-diem-reclaim:PD-1");

        // then
        assertThat(again).isEqualTo(first);
    }

    @Test
    void derivesDifferentKeysForDifferentInstructions() {
        assertThat(IdempotencyKeys.forInstruction("per-diem-reclaim:PD-1"))
                .isNotEqualTo(IdempotencyKeys.forInstruction("per-diem-reclaim:PD-2"))
                .isNotEqualTo(IdempotencyKeys.forInstruction("card-termination-sweep:PD-1"));
    }

    @Test
    void isInUuidVersion4FormWithTheIetfVariant() {
        // when
        UUID key = IdempotencyKeys.forInstruction("per-diem-reclaim:PD-1");

        // then
        assertThat(key.version()).isEqualTo(4);
        assertThat(key.variant()).isEqualTo(2);
        assertThat(key.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
}
