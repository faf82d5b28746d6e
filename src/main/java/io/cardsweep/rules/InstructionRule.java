package io.cardsweep.rules;

import io.cardsweep.instruction.Instruction;

/** A rule on a typed instruction: what one provider documents about its card ids and amounts. */
@FunctionalInterface
interface InstructionRule {

    RuleOutcome check(Instruction instruction);
}
