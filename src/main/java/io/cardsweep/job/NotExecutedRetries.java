package io.cardsweep.job;

import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Sends a request again, with the job's backoff, only while its answer provably did not execute — a withdrawal or a
 * termination the provider refused before acting, a balance that could not be read — and returns any other answer at
 * once. Nothing that may have executed is ever sent again: only the answers {@code notExecuted} names are retried.
 */
final class NotExecutedRetries {

    private final RetryTemplate retryTemplate;

    NotExecutedRetries(RetryPolicy retryPolicy) {
        this.retryTemplate = new RetryTemplate(retryPolicy);
    }

    /** The policy of a job: the answers {@link #send} retries, with the job definition's backoff and number of retries. */
    static RetryPolicy policy(JobDefinition.Retry retry) {
        return RetryPolicy.builder()
                .includes(NotExecuted.class)
                .maxRetries(retry.maxRetries())
                .delay(retry.initialBackoff())
                .multiplier(2)
                .maxDelay(retry.maxBackoff())
                .jitter(retry.initialBackoff().dividedBy(2))
                .build();
    }

    /**
     * The first answer that is not {@code notExecuted}, or the last one when the retries run out. What {@code send}
     * throws ends the sending and is thrown on.
     */
    <T> T send(Supplier<T> send, Predicate<? super T> notExecuted) {
        try {
            return retryTemplate.execute(() -> {
                T answer = send.get();
                if (notExecuted.test(answer)) {
                    throw new NotExecuted(answer);
                }
                return answer;
            });
        }
        catch (RetryException ex) {
            Throwable last = ex.getLastException();
            if (last instanceof NotExecuted notExecutedAnswer) {
                @SuppressWarnings("unchecked")
                T answer = (T) notExecutedAnswer.answer;
                return answer;
            }
            if (last instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(last);
        }
    }

    /** Carries an answer that provably did not execute through the retry template; nothing else is retried. */
    static final class NotExecuted extends RuntimeException {

        private final transient Object answer;

        NotExecuted(Object answer) {
            super(answer.getClass().getSimpleName(), null, false, false);
            this.answer = answer;
        }
    }
}
