package io.cardsweep.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cardsweep.provider.CardBalances;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.RequestGate;
import io.cardsweep.provider.TerminationOutcome;
import io.cardsweep.provider.WithdrawalOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderCallMetersTests {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ProviderCallMeters meters = new ProviderCallMeters(registry);

    @Test
    void tellsAnAnswerThatNeverCameFromAProvidersAnswer() {
        // TransportFailure's codes: no HTTP answer
        assertThat(ProviderCallMeters.answer(new WithdrawalOutcome.Unknown("READ_TIMEOUT", "no answer"))).isEqualTo("transport");
        assertThat(ProviderCallMeters.answer(new WithdrawalOutcome.Failed("CONNECTION_FAILED", "refused"))).isEqualTo("transport");
        // a provider's own answers
        assertThat(ProviderCallMeters.answer(new WithdrawalOutcome.Unknown("IDEMPOTENCY_KEY_USED", "already used"))).isEqualTo("unknown");
        assertThat(ProviderCallMeters.answer(new WithdrawalOutcome.Declined("INSUFFICIENT_BALANCE", "no"))).isEqualTo("declined");
        assertThat(ProviderCallMeters.answer(new WithdrawalOutcome.Deferred("RATE_LIMITED", "429", Duration.ofSeconds(5)))).isEqualTo("deferred");
        assertThat(ProviderCallMeters.answer(new WithdrawalOutcome.Succeeded("tx", null, null, null, null))).isEqualTo("succeeded");
        assertThat(ProviderCallMeters.answer(new TerminationOutcome.AlreadyTerminated("closed"))).isEqualTo("already_terminated");
        assertThat(ProviderCallMeters.answer(CardBalances.Reading.failed("503"))).isEqualTo("failed");
        assertThat(ProviderCallMeters.answer(CardBalances.Reading.of(BigDecimal.TEN))).isEqualTo("succeeded");
    }

    @Test
    void timesEachCallUnderItsAnswerAndAFatalOneAsFatal() {
        // when
        meters.time(ProviderName.PLU, ProviderCallMeters.Operation.WITHDRAW, () -> new WithdrawalOutcome.Declined("CARD_TERMINATED", "no"),
                ProviderCallMeters::answer);
        assertThatThrownBy(() -> meters.<WithdrawalOutcome>time(ProviderName.PLU, ProviderCallMeters.Operation.WITHDRAW, () -> {
            throw new ProviderFatalException(ProviderName.PLU, "Plu refused the API key");
        }, ProviderCallMeters::answer)).isInstanceOf(ProviderFatalException.class);

        // then
        assertThat(registry.get("cardsweep.provider.call").tags("provider", "plu", "operation", "withdraw", "answer", "declined").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("cardsweep.provider.call").tags("answer", "fatal").timer().count()).isEqualTo(1);
    }

    @Test
    void countsTheWaitInAProvidersGateAndPassesItsSlowDownOn() throws InterruptedException {
        // given a gate that holds each request 20 ms
        List<Duration> slowedDown = new ArrayList<>();
        RequestGate gate = meters.timed(ProviderName.HTP, new RequestGate() {
            @Override
            public void beforeRequest() throws InterruptedException {
                Thread.sleep(20);
            }

            @Override
            public void slowDown(Duration retryAfter) {
                slowedDown.add(retryAfter);
            }
        });

        // when
        gate.beforeRequest();
        gate.slowDown(Duration.ofSeconds(7));

        // then
        var waits = registry.get("cardsweep.throttle.wait").tags("provider", "htp", "limit", "request_rate").timer();
        assertThat(waits.count()).isEqualTo(1);
        assertThat(waits.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(20);
        assertThat(slowedDown).containsExactly(Duration.ofSeconds(7));
    }
}
