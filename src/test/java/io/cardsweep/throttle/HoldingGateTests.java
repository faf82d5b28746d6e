package io.cardsweep.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A provider without a configured rate still honours its 429s: with a clock moved by hand, no sleeps. */
class HoldingGateTests {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final HoldingGate gate = new HoldingGate(ProviderName.CARTEVO, clock, wait -> {
        waits.add(wait);
        clock.advance(wait);
    });

    @Test
    void letsEveryRequestGoAtOnceUntilA429() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            gate.beforeRequest();
        }

        assertThat(waits).isEmpty();
    }

    @Test
    void holdsRequestsBackForTheRetryAfterOfA429() throws InterruptedException {
        // given
        gate.slowDown(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(10));

        // when
        gate.beforeRequest();
        gate.beforeRequest();

        // then the first waited what was left of the 30 s, the second not at all
        assertThat(waits).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void holdsNoLongerThanAGracefulStopCouldWait() throws InterruptedException {
        // given a provider asking for an hour
        gate.slowDown(Duration.ofHours(1));

        // when
        gate.beforeRequest();

        // then the request goes after 30 s; if the provider still refuses, that withdrawal is deferred for its hour
        assertThat(waits).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void neverShortensAHoldAlreadyRunning() throws InterruptedException {
        // given
        gate.slowDown(Duration.ofSeconds(30));

        // when
        gate.slowDown(Duration.ofSeconds(5));
        gate.beforeRequest();

        // then
        assertThat(waits).containsExactly(Duration.ofSeconds(30));
    }
}
