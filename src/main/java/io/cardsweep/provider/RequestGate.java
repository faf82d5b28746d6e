package io.cardsweep.provider;

import java.time.Duration;

/**
 * What {@link ProviderHttp} asks before every request it sends to a provider (token, withdrawal, status lookup), so a
 * provider's request-rate limit is kept by whatever implements it ({@code throttle}) without this package knowing how.
 * Declared here rather than in {@code throttle} because the provider port depends on nothing else in the application.
 */
@FunctionalInterface
public interface RequestGate {

    /** No limit: every request goes at once. */
    RequestGate NONE = () -> {
    };

    /**
     * Returns once the next request may be sent, waiting as long as the limit requires.
     *
     * @throws InterruptedException when the wait was interrupted; the request must then not be sent
     */
    void beforeRequest() throws InterruptedException;

    /**
     * The provider answered "too many requests": hold back further requests (from every process sharing the limit)
     * for at least {@code retryAfter}. Must not throw: the answer that caused it still has to reach the adapter.
     */
    default void slowDown(Duration retryAfter) {
    }
}
