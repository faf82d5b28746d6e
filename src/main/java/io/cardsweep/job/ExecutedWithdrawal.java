package io.cardsweep.job;

import io.cardsweep.ledger.WithdrawalStatus;

/** What the execute step did with one ledger row. */
record ExecutedWithdrawal(long withdrawalId, WithdrawalStatus status) {
}
