package io.cardsweep.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.RequestGate;
import io.cardsweep.support.MutableClock;
import io.cardsweep.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request-rate limits against real PostgreSQL, with a clock moved by hand and a sleeper that only records: no sleeps. */
class RequestRateLimitsIntegrationTests {

    static final Map<ProviderName, RequestRate> FIVE_PER_SECOND = Map.of(ProviderName.HTP, new RequestRate(5, Duration.ofSeconds(1)));

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    DataSource dataSource;

    /** Records each wait and lets that much time pass, as a real sleep would. */
    final Sleeper passingTime = wait -> {
        waits.add(wait);
        clock.advance(wait);
    };

    @BeforeEach
    void database() {
        TestDatabase.Coordinates db = TestDatabase.newDatabase();
        dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    RequestRateLimits limits(Sleeper sleeper) {
        return new RequestRateLimits(dataSource, clock, FIVE_PER_SECOND, sleeper);
    }

    @Test
    void spacesRequestsEvenlySoThatNoSlidingWindowEverHoldsMoreThanTheLimit() throws InterruptedException {
        // given
        RequestGate htp = limits(passingTime).gateFor(ProviderName.HTP);
        List<Instant> passed = new ArrayList<>();

        // when 50 requests go as fast as the gate lets them
        for (int i = 0; i < 50; i++) {
            htp.beforeRequest();
            passed.add(clock.instant());
        }

        // then no window of one second, wherever it starts, holds more than five ...
        for (Instant start : passed) {
            long inWindow = passed.stream().filter(at -> !at.isBefore(start) && at.isBefore(start.plusSeconds(1))).count();
            assertThat(inWindow).as("requests in the second from %s", start).isLessThanOrEqualTo(5);
        }
        // ... the first went at once, and the 50 took 49 intervals of 202 ms: 99% of the limit
        assertThat(passed.get(0)).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
        Duration took = Duration.between(passed.get(0), passed.get(49));
        assertThat(took).isBetween(Duration.ofMillis(49 * 202), Duration.ofMillis(49 * 202 + 5));
    }

    @Test
    void aRequestAfterAQuietSpellGoesAtOnceButSavesNoBurst() throws InterruptedException {
        // given
        RequestGate htp = limits(passingTime).gateFor(ProviderName.HTP);
        htp.beforeRequest();

        // when
        clock.advance(Duration.ofSeconds(10));
        htp.beforeRequest();
        List<Duration> waitsAfterTheQuietSpell = List.copyOf(waits);
        htp.beforeRequest();

        // then
        assertThat(waitsAfterTheQuietSpell).isEmpty();
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(200), Duration.ofMillis(203));
    }

    @Test
    void sharesOneBudgetBetweenProcesses() throws InterruptedException {
        // given: two processes on the same database
        RequestGate first = limits(passingTime).gateFor(ProviderName.HTP);
        RequestGate second = limits(passingTime).gateFor(ProviderName.HTP);

        // when
        first.beforeRequest();
        List<Duration> waitsForTheFirst = List.copyOf(waits);
        second.beforeRequest();

        // then the second process waited for the spacing the first one's request started
        assertThat(waitsForTheFirst).isEmpty();
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(200), Duration.ofMillis(203));
    }

    @Test
    void neverLetsMoreThanTheLimitGoInAWindowWhenProcessesRace() throws Exception {
        // given: a sleeper that gives up instead of waiting, so only requests let through at once count
        Sleeper givingUp = wait -> {
            waits.add(wait);
            throw new InterruptedException("would have waited " + wait);
        };
        List<RequestGate> gates = List.of(limits(givingUp).gateFor(ProviderName.HTP), limits(givingUp).gateFor(ProviderName.HTP));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> racers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            RequestGate gate = gates.get(i % 2);
            racers.add(() -> {
                try {
                    gate.beforeRequest();
                    return true;
                }
                catch (InterruptedException held) {
                    return false;
                }
            });
        }

        // when
        List<Future<Boolean>> results = threads.invokeAll(racers);
        threads.shutdown();

        // then
        long passed = 0;
        for (Future<Boolean> result : results) {
            passed += result.get() ? 1 : 0;
        }
        assertThat(passed).isOne();
        assertThat(waits).hasSize(15).allSatisfy(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(203)));
    }

    @Test
    void holdsEveryProcessBackForTheRetryAfterOfA429() throws InterruptedException {
        // given
        RequestGate first = limits(passingTime).gateFor(ProviderName.HTP);
        RequestGate second = limits(passingTime).gateFor(ProviderName.HTP);
        first.beforeRequest();

        // when
        first.slowDown(Duration.ofSeconds(10));
        second.beforeRequest();

        // then: the other process waited out the whole Retry-After
        Duration waited = waits.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(10)).isLessThanOrEqualTo(Duration.ofMillis(10_310));
    }

    @Test
    void holdsBackRequestsAlreadyWaitingWhenA429Arrives() throws InterruptedException {
        // given: a request waiting for a token when another process is told to retry after 10 s
        RequestGate other = limits(passingTime).gateFor(ProviderName.HTP);
        Sleeper slowedDownWhileWaiting = wait -> {
            if (waits.isEmpty()) {
                other.slowDown(Duration.ofSeconds(10));
            }
            passingTime.sleep(wait);
        };
        RequestGate waiting = limits(slowedDownWhileWaiting).gateFor(ProviderName.HTP);
        waiting.beforeRequest();

        // when
        waiting.beforeRequest();

        // then
        Duration waited = waits.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void doesNotAddUpRetryAftersAlreadyWaitedFor() throws InterruptedException {
        // given
        RequestGate htp = limits(passingTime).gateFor(ProviderName.HTP);
        htp.slowDown(Duration.ofSeconds(10));

        // when
        htp.slowDown(Duration.ofSeconds(5));
        htp.beforeRequest();

        // then
        Duration waited = waits.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(10)).isLessThanOrEqualTo(Duration.ofMillis(10_310));
    }

    @Test
    void letsAProviderWithoutALimitGoUncheckedUntilItAnswers429() throws InterruptedException {
        // given
        RequestGate plu = limits(passingTime).gateFor(ProviderName.PLU);

        // when
        for (int i = 0; i < 50; i++) {
            plu.beforeRequest();
        }
        List<Duration> waitsBefore429 = List.copyOf(waits);
        plu.slowDown(Duration.ofSeconds(10));
        plu.beforeRequest();

        // then
        assertThat(waitsBefore429).isEmpty();
        assertThat(waits).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void movesABurstBucketLeftByAnEarlierVersionToEvenPacing() throws InterruptedException {
        // given HTP's bucket as earlier versions stored it: 5 at once, refilled over a second, versioned by the interval
        // of a slower rate than this one (as 30 a minute was, before HTP's default became 60), so not replaced by rate alone
        io.github.bucket4j.distributed.proxy.ProxyManager<String> earlier = io.github.bucket4j.postgresql.Bucket4jPostgreSQL
                .selectForUpdateBasedBuilder(dataSource).primaryKeyMapper(io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket").idColumn("id").stateColumn("state").clientClock(new ClockTimeMeter(clock)).build();
        io.github.bucket4j.BucketConfiguration burst = io.github.bucket4j.BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(5).refillGreedy(5, Duration.ofSeconds(1))).build();
        earlier.builder().withImplicitConfigurationReplacement(Duration.ofSeconds(2).toNanos(),
                io.github.bucket4j.TokensInheritanceStrategy.AS_IS).build("htp", () -> burst).getAvailableTokens();

        // when this version's gate sends two requests
        RequestGate htp = limits(passingTime).gateFor(ProviderName.HTP);
        htp.beforeRequest();
        htp.beforeRequest();

        // then they went evenly spaced, not as a burst
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(150), Duration.ofMillis(203));
    }

    @Test
    void keepsProvidersApart() throws InterruptedException {
        // given
        Map<ProviderName, RequestRate> two = Map.of(ProviderName.HTP, new RequestRate(1, Duration.ofSeconds(1)),
                ProviderName.UNCASH, new RequestRate(1, Duration.ofSeconds(1)));
        RequestRateLimits limits = new RequestRateLimits(dataSource, clock, two, passingTime);

        // when
        limits.gateFor(ProviderName.HTP).beforeRequest();
        limits.gateFor(ProviderName.UNCASH).beforeRequest();

        // then
        assertThat(waits).isEmpty();
    }

    @Test
    void passesOnTheInterruptOfAWait() {
        // given
        RequestGate htp = limits(Sleeper.REAL).gateFor(ProviderName.HTP);
        htp.slowDown(Duration.ofMinutes(1));

        // when / then
        Thread.currentThread().interrupt();
        assertThatThrownBy(htp::beforeRequest).isInstanceOf(InterruptedException.class);
    }
}
