package io.cardsweep.provider;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLHandshakeException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/**
 * No HTTP answer came back. Checked on purpose: every caller must decide, and the only decision allowed
 * is the one made here, in one place, for all adapters: a failure while connecting proves nothing was sent
 * ({@code Failed}, safe to send again); anything later may have reached the provider ({@code Unknown}, never resent).
 */
public final class TransportFailure extends Exception {

    /** What becomes of a withdrawal that got no HTTP answer, at every provider: what {@link #classify} does. */
    public static final List<AnswerClassification> ANSWERS = List.of(
            new AnswerClassification("connection refused or timed out, no free connection, host unknown, TLS handshake failed",
                    AnswerClassification.Kind.FAILED, "the request never left: sent again with backoff", null),
            new AnswerClassification("no answer within the read timeout", AnswerClassification.Kind.UNKNOWN, "it may have executed", null),
            new AnswerClassification("connection lost after sending (reset, closed without an answer)", AnswerClassification.Kind.UNKNOWN,
                    "it may have executed", null));

    /** The codes of the outcomes made here: the request got no HTTP answer (whatever the adapter then returned it in). */
    private static final String CONNECTION_FAILED = "CONNECTION_FAILED";
    private static final String READ_TIMEOUT = "READ_TIMEOUT";
    private static final String CONNECTION_LOST = "CONNECTION_LOST";
    private static final String RATE_LIMIT_WAIT = "RATE_LIMIT_WAIT";

    private static final Set<String> CODES = Set.of(CONNECTION_FAILED, READ_TIMEOUT, CONNECTION_LOST, RATE_LIMIT_WAIT);

    private final WithdrawalOutcome outcome;

    private TransportFailure(WithdrawalOutcome outcome, Throwable cause) {
        super(outcome.message(), cause);
        this.outcome = outcome;
    }

    /** {@code Failed} when the request provably never left, {@code Unknown} otherwise. */
    public WithdrawalOutcome outcome() {
        return outcome;
    }

    /** Whether an outcome with this code is one of ours: no HTTP answer came, as opposed to a provider's answer. */
    public static boolean isTransportCode(String code) {
        return CODES.contains(code);
    }

    public boolean provablyNotSent() {
        return outcome instanceof WithdrawalOutcome.Failed;
    }

    /** Classifies a failure thrown by the HTTP client; unrecognised failures count as possibly sent. */
    static TransportFailure classify(ProviderName provider, Throwable failure) {
        String name = displayName(provider);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectTimeoutException) {
                return notSent(name + " did not accept a connection in time; nothing was sent", failure);
            }
            if (t instanceof ConnectionRequestTimeoutException) {
                return notSent("no connection to " + name + " was free in time; nothing was sent", failure);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return notSent(name + " refused the connection; nothing was sent", failure);
            }
            if (t instanceof UnknownHostException) {
                return notSent(name + " host name did not resolve; nothing was sent", failure);
            }
            if (t instanceof SSLHandshakeException) {
                // The request is written only once the TLS handshake has succeeded.
                return notSent("the TLS handshake with " + name + " failed (" + t.getMessage() + "); nothing was sent", failure);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return new TransportFailure(new WithdrawalOutcome.Unknown(READ_TIMEOUT,
                        "no answer from " + name + " within the read timeout; the withdrawal may have been executed"), failure);
            }
        }
        String kind = firstIoException(failure);
        return new TransportFailure(new WithdrawalOutcome.Unknown(CONNECTION_LOST,
                "connection to " + name + " lost after sending (" + kind + "); the withdrawal may have been executed"), failure);
    }

    /** The request's {@link RequestGate} did not let it go (interrupted while waiting, or its limit store failed): nothing was sent. */
    static TransportFailure heldBack(ProviderName provider, Throwable cause) {
        String reason = cause instanceof InterruptedException ? "interrupted while waiting for its request-rate limit"
                : "its request-rate limit could not be checked (" + cause.getClass().getSimpleName() + ")";
        return new TransportFailure(new WithdrawalOutcome.Failed(RATE_LIMIT_WAIT,
                "request to " + displayName(provider) + " held back: " + reason + "; nothing was sent"), cause);
    }

    private static TransportFailure notSent(String message, Throwable cause) {
        return new TransportFailure(new WithdrawalOutcome.Failed(CONNECTION_FAILED, message), cause);
    }

    private static String firstIoException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return t.getClass().getSimpleName();
            }
        }
        return failure.getClass().getSimpleName();
    }

    static String displayName(ProviderName provider) {
        return provider.displayName();
    }
}
