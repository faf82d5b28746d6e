package io.cardsweep.provider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * Holds a provider's "one pending withdrawal per user" rule (HTP): a withdrawal for a user is created only while its
 * holder holds that user, from the create until the withdrawal is terminal, so the next create waits. Declared here
 * beside {@link RequestGate}, and kept across processes by {@code throttle}, which the port does not know.
 */
@FunctionalInterface
public interface PendingGuard {

    /**
     * Waits until no other withdrawal for {@code user} is pending here or, with a shared guard, in any process.
     *
     * @return what to close once the withdrawal is terminal (or was never created)
     * @throws InterruptedException when the wait was interrupted; nothing may then be sent
     * @throws GuardUnavailable when the guard's store failed; nothing may then be sent
     */
    Held hold(String user) throws InterruptedException;

    /** Released by {@link #close()}; closing twice does nothing. */
    interface Held extends AutoCloseable {

        @Override
        void close();

        /** A holder whose first close runs {@code release}, and whose later closes do nothing. */
        static Held releasing(Runnable release) {
            AtomicBoolean released = new AtomicBoolean();
            return () -> {
                if (released.compareAndSet(false, true)) {
                    release.run();
                }
            };
        }
    }

    /**
     * The guard could not tell that the user is free (its database failed, or the user stayed held too long): the
     * withdrawal must not be sent.
     */
    final class GuardUnavailable extends RuntimeException {

        public GuardUnavailable(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    /** One permit per user, in this process only; a holder may be released from any thread. */
    static PendingGuard inProcess() {
        Map<String, Semaphore> permits = new ConcurrentHashMap<>();
        return user -> {
            Semaphore permit = permits.computeIfAbsent(user, u -> new Semaphore(1));
            permit.acquire();
            return Held.releasing(permit::release);
        };
    }
}
