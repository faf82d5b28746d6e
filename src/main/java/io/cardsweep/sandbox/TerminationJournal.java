package io.cardsweep.sandbox;

/** Every card termination the sandbox executed, in execution order; refusals (an already terminated card) are not. */
final class TerminationJournal extends Journal<ExecutedTermination> {
}
