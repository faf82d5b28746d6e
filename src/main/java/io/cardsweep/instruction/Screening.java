package io.cardsweep.instruction;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** What the rules made of one row: accepted as an {@link Instruction}, or rejected with a reason. */
public sealed interface Screening {

    long line();

    /**
     * @param protectedCard set when the card is addressed by its number: then the ledger keeps this, never
     *        {@code instruction.cardId()}
     */
    record Accepted(Instruction instruction, @Nullable ProtectedCard protectedCard) implements Screening {

        public Accepted(Instruction instruction) {
            this(instruction, null);
        }

        @Override
        public long line() {
            return instruction.line();
        }

        public Accepted protect(ProtectedCard card) {
            return new Accepted(instruction, card);
        }
    }

    /**
     * @param row the raw row, so the ledger and report can show what was given
     * @param field the column the rule is about (its name in the file)
     * @param code machine-readable reason, e.g. {@code AMOUNT_TOO_MANY_DECIMALS}
     * @param reason one sentence naming the line, the field and the rule
     */
    record Rejected(InstructionRow row, String field, String code, String reason) implements Screening {
        public Rejected {
            Objects.requireNonNull(field);
            Objects.requireNonNull(code);
            Objects.requireNonNull(reason);
        }

        @Override
        public long line() {
            return row.line();
        }
    }
}
