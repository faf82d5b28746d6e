package io.cardsweep.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.cardsweep.provider.AnswerClassification;
import io.cardsweep.provider.CardBalances;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.RequestGate;
import io.cardsweep.provider.TerminationOutcome;
import io.cardsweep.provider.TransportFailure;
import io.cardsweep.provider.WithdrawalOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How long providers take, by what they answered ({@code cardsweep_provider_call_seconds{provider,operation,answer}}),
 * and how long calls waited on the providers' limits before they could go
 * ({@code cardsweep_throttle_wait_seconds{provider,limit}}). A call is one adapter operation as the job sees it —
 * a withdrawal with its token and, for HTP, the status polls that settle it — each attempt timed on its own.
 */
public final class ProviderCallMeters {

    /** What was asked of the provider. */
    public enum Operation {
        WITHDRAW, BALANCE, TERMINATE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The limit a call waited on: the provider's request gate (rate, 429 hold), or its concurrency cap. */
    enum Limit {
        REQUEST_RATE, CONCURRENCY;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An answer that did not come: the request failed in transport (refused, timed out, connection lost). */
    static final String TRANSPORT = "transport";

    /** The call stopped the run (credentials refused, partner suspended). */
    static final String FATAL = "fatal";

    /** The call failed inside cardsweep. */
    static final String ERROR = "error";

    /** Histogram buckets: a provider answers in tens of milliseconds, times out after 30 s, HTP's follow-up lasts up to a minute. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    /** The timers by their tags: a call is timed thousands of times a second, and a registry lookup builds its meter's id each time. */
    private final ConcurrentMap<List<String>, Timer> timers = new ConcurrentHashMap<>();

    public ProviderCallMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Calls {@code call}, timing it under the answer class {@code answer} makes of its result. */
    public <T> T time(ProviderName provider, Operation operation, Supplier<T> call, Function<T, String> answer) {
        long start = System.nanoTime();
        String answered = ERROR;
        try {
            T result = call.get();
            answered = answer.apply(result);
            return result;
        }
        catch (ProviderFatalException ex) {
            answered = FATAL;
            throw ex;
        }
        finally {
            long took = System.nanoTime() - start;
            String answerClass = answered;
            Quietly.update(() -> timers.computeIfAbsent(List.of("call", provider.id(), operation.label(), answerClass), key ->
                    Timer.builder("cardsweep.provider.call")
                            .description("Provider calls by what they answered; each attempt of a withdrawal on its own")
                            .tag("provider", provider.id())
                            .tag("operation", operation.label())
                            .tag("answer", answerClass)
                            .serviceLevelObjectives(BUCKETS)
                            .register(registry))
                    .record(took, TimeUnit.NANOSECONDS));
        }
    }

    /** {@code transport} when no answer came, else the state the answer puts the withdrawal in. */
    public static String answer(WithdrawalOutcome outcome) {
        return TransportFailure.isTransportCode(outcome.code()) ? TRANSPORT : AnswerClassification.Kind.of(outcome).name().toLowerCase(Locale.ROOT);
    }

    /** {@code transport} when no answer came, else what the answer makes of the card's termination. */
    public static String answer(TerminationOutcome outcome) {
        return TransportFailure.isTransportCode(outcome.code()) ? TRANSPORT : AnswerClassification.Kind.of(outcome).name().toLowerCase(Locale.ROOT);
    }

    /** {@code succeeded} when the balance could be read, else {@code failed}. */
    public static String answer(CardBalances.Reading reading) {
        return reading.balance() != null ? "succeeded" : "failed";
    }

    /** {@code gate}, with the time each request waits in it counted as the provider's request-rate wait. */
    public RequestGate timed(ProviderName provider, RequestGate gate) {
        return new RequestGate() {
            @Override
            public void beforeRequest() throws InterruptedException {
                long start = System.nanoTime();
                try {
                    gate.beforeRequest();
                }
                finally {
                    waited(provider, Limit.REQUEST_RATE, System.nanoTime() - start);
                }
            }

            @Override
            public void slowDown(Duration retryAfter) {
                gate.slowDown(retryAfter);
            }
        };
    }

    /** A withdrawal waited {@code nanos} for a turn under the provider's concurrency cap. */
    public void waitedForTurn(ProviderName provider, long nanos) {
        waited(provider, Limit.CONCURRENCY, nanos);
    }

    private void waited(ProviderName provider, Limit limit, long nanos) {
        Quietly.update(() -> timers.computeIfAbsent(List.of("wait", provider.id(), limit.label()), key ->
                Timer.builder("cardsweep.throttle.wait")
                        .description("Time calls waited on a provider's limits before they could go")
                        .tag("provider", provider.id())
                        .tag("limit", limit.label())
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS));
    }
}
