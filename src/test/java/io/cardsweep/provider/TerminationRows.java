package io.cardsweep.provider;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.Stream;

import io.cardsweep.provider.AnswerClassification.Kind;

/** The rows a provider's termination answers are held to, for the adapters' termination contract tests. */
public final class TerminationRows {

    private TerminationRows() {
    }

    /** The termination's own rows, then those it shares with the withdrawal: every answer's example and what it must become. */
    public static Stream<AnswerClassification> of(List<AnswerClassification> terminationRows, List<AnswerClassification> withdrawalRows) {
        return Stream.concat(terminationRows.stream(), sharedWithWithdrawals(withdrawalRows));
    }

    /** A local port nothing listens on, for a connection that is refused. */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
