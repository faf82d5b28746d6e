package io.cardsweep.instruction;

import java.util.Objects;

/** What the rules made of one row: accepted as an {@link Instruction}, or rejected with a reason. */
public sealed interface Screening {

    long line();

    record Accepted(Instruction instruction) implements Screening {
        @Override
        public long line() {
            return instruction.line();
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
