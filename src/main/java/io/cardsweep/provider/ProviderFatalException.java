package io.cardsweep.provider;

import org.jspecify.annotations.Nullable;

/**
 * A condition no instruction can get past: credentials refused after renewal, the partner suspended,
 * configuration missing. The run stops; after the fix the same command resumes it.
 * The message is one sentence a person can act on, free of secrets.
 *
 * <p>Contract: an adapter throws it only when the withdrawal at hand was not executed (refused before
 * processing: credentials, a foreign-format 4xx), because the executor then releases the row to be sent
 * again after the fix. Anything that may have executed is an {@code Unknown} outcome instead.
 */
public class ProviderFatalException extends RuntimeException {

    private final @Nullable ProviderName provider;

    /** A condition about the providers as a whole, such as none being configured. */
    public ProviderFatalException(String message) {
        super(message);
        this.provider = null;
    }

    public ProviderFatalException(ProviderName provider, String message) {
        super(message);
        this.provider = provider;
    }

    public ProviderFatalException(ProviderName provider, String message, Throwable cause) {
        super(message, cause);
        this.provider = provider;
    }

    public @Nullable ProviderName provider() {
        return provider;
    }
}
