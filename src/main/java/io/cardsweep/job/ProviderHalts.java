package io.cardsweep.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderName;

/**
 * The providers a job execution has stopped sending to. A multi-threaded chunk hands all its items to the provider's
 * threads at once and, at the first failure, stops waiting for the rest: without this they would still be sent after
 * the run had failed (a refused key refused once per row). Once a provider's withdrawals fail in an execution, those
 * not yet sent stay unclaimed, for the run that resumes it.
 */
final class ProviderHalts {

    private record Key(long jobExecutionId, ProviderName provider) {
    }

    private final Map<Key, RuntimeException> halts = new ConcurrentHashMap<>();

    /** From now on, nothing more is sent to {@code provider} in this execution; the first cause is kept. */
    void halt(long jobExecutionId, ProviderName provider, RuntimeException cause) {
        halts.putIfAbsent(new Key(jobExecutionId, provider), cause);
    }

    /** @throws RuntimeException saying why, when the provider was halted: the same sentence for a fatal condition */
    void check(long jobExecutionId, ProviderName provider) {
        RuntimeException cause = halts.get(new Key(jobExecutionId, provider));
        if (cause instanceof ProviderFatalException fatal) {
            throw new ProviderFatalException(provider, fatal.getMessage(), fatal);
        }
        if (cause != null) {
            throw new IllegalStateException("not sent: " + provider + " withdrawals of this run already failed", cause);
        }
    }
}
