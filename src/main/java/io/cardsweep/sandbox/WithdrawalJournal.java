package io.cardsweep.sandbox;

/** Every withdrawal the sandbox executed, in execution order. */
final class WithdrawalJournal extends Journal<ExecutedWithdrawal> {
}
