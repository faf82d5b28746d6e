package io.cardsweep.provider;

import java.util.List;
import java.util.stream.Stream;

import io.cardsweep.provider.AnswerClassification.Kind;

/** Which rows of a provider's withdrawal table a termination's answers share, for the adapters' termination contract tests. */
public final class TerminationRows {

    private TerminationRows() {
    }

    /**
     * Every row with an HTTP example but the confirmations (a 2xx, readable or not), which are each endpoint's own and
     * stand in the termination's table: a termination refused in any other way is judged as a withdrawal would be.
     */
    public static Stream<AnswerClassification> sharedWithWithdrawals(List<AnswerClassification> withdrawalRows) {
        return withdrawalRows.stream().filter(row -> row.example() != null && row.outcome() != Kind.SUCCEEDED
                && !(row.example().status() / 100 == 2 && row.outcome() == Kind.UNKNOWN));
    }
}
