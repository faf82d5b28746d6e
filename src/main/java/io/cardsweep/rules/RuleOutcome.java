package io.cardsweep.rules;

import java.util.Objects;

import io.cardsweep.instruction.InstructionField;
import org.jspecify.annotations.Nullable;

/** What one rule made of an instruction: a value, not an exception, because a broken row is an expected input. */
sealed interface RuleOutcome {

    Pass PASS = new Pass();

    static RuleOutcome violation(@Nullable InstructionField field, String code, String rule) {
        return new Violation(field, code, rule);
    }

    record Pass() implements RuleOutcome {
    }

    /**
     * @param field the field the rule is about, or null when it is about the record as a whole
     * @param code machine-readable, stable across versions (reports and alerts key on it)
     * @param rule what is wrong, phrased to follow the field's name: {@code '12.345' has more than 2 decimal places}
     */
    record Violation(@Nullable InstructionField field, String code, String rule) implements RuleOutcome {
        public Violation {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(rule, "rule");
        }
    }
}
