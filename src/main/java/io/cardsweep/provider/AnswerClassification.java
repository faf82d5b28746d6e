package io.cardsweep.provider;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * One row of a provider's classification table: an answer to a withdrawal (or to a card termination), what cardsweep
 * makes of it, and why. Each adapter publishes its table; the README's tables are rendered from them ({@link #markdown}), and each adapter's
 * contract tests send every row's example through the adapter and check the outcome, so the table cannot say one
 * thing while the code does another.
 *
 * @param answer the answer as an operator would recognise it, e.g. "400 `INSUFFICIENT_FUNDS`"
 * @param outcome what it becomes
 * @param why the reason, in a few words
 * @param example an answer of this kind as the provider sends it; null for what is not an HTTP answer
 */
public record AnswerClassification(String answer, Kind outcome, String why, @Nullable Example example) {

    public AnswerClassification {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(why, "why");
    }

    public static AnswerClassification of(String answer, Kind outcome, String why, int status, String body) {
        return new AnswerClassification(answer, outcome, why, new Example(status, body, null));
    }

    /**
     * What a withdrawal or a termination becomes; {@code FATAL} stops the run with nothing executed. {@code TERMINATED}
     * and {@code ALREADY_TERMINATED} are a termination's only, which {@link #of(WithdrawalOutcome)} never gives.
     */
    public enum Kind {
        SUCCEEDED, DECLINED, DEFERRED, FAILED, UNKNOWN, FATAL, TERMINATED, ALREADY_TERMINATED;

        public static Kind of(WithdrawalOutcome outcome) {
            if (outcome instanceof WithdrawalOutcome.Succeeded) {
                return SUCCEEDED;
            }
            if (outcome instanceof WithdrawalOutcome.Declined) {
                return DECLINED;
            }
            if (outcome instanceof WithdrawalOutcome.Deferred) {
                return DEFERRED;
            }
            if (outcome instanceof WithdrawalOutcome.Failed) {
                return FAILED;
            }
            return UNKNOWN;
        }

        /** The kind of what {@code call} returns, or {@code FATAL} when it stops the run. */
        public static Kind of(Supplier<WithdrawalOutcome> call) {
            return guarded(() -> of(call.get()));
        }

        public static Kind of(TerminationOutcome outcome) {
            if (outcome instanceof TerminationOutcome.Terminated) {
                return TERMINATED;
            }
            if (outcome instanceof TerminationOutcome.AlreadyTerminated) {
                return ALREADY_TERMINATED;
            }
            if (outcome instanceof TerminationOutcome.Declined) {
                return DECLINED;
            }
            if (outcome instanceof TerminationOutcome.Deferred) {
                return DEFERRED;
            }
            if (outcome instanceof TerminationOutcome.Failed) {
                return FAILED;
            }
            return UNKNOWN;
        }

        /** The kind of what a termination {@code call} returns, or {@code FATAL} when it stops the run. */
        public static Kind ofTermination(Supplier<TerminationOutcome> call) {
            return guarded(() -> of(call.get()));
        }

        private static Kind guarded(Supplier<Kind> kind) {
            try {
                return kind.get();
            }
            catch (ProviderFatalException ex) {
                return FATAL;
            }
        }
    }

    /** An HTTP answer: status, JSON body, and a {@code Retry-After} when it has one. */
    public record Example(int status, String body, @Nullable String retryAfter) {

        public ProviderAnswer toAnswer() {
            return new ProviderAnswer(status, retryAfter, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The tables as the README shows them: one per provider, in the order given. */
    public static String markdown(Map<String, List<AnswerClassification>> tables) {
        StringBuilder out = new StringBuilder();
        tables.forEach((title, rows) -> {
            out.append("**").append(title).append("**\n\n| answer | outcome | why |\n|---|---|---|\n");
            for (AnswerClassification row : rows) {
                out.append("| ").append(row.answer()).append(" | `").append(row.outcome()).append("` | ").append(row.why()).append(" |\n");
            }
            out.append('\n');
        });
        return out.toString();
    }
}
