package io.cardsweep.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.support.MutableClock;
import io.cardsweep.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Cooldowns against real PostgreSQL, with a clock moved by hand: no sleeps. */
class CooldownStoreIntegrationTests {

    static final Cooldown PER_CARD = new Cooldown(Duration.ofMinutes(15), false);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    CooldownStore store;

    @BeforeEach
    void database() {
        TestDatabase.Coordinates db = TestDatabase.newDatabase();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        store = new CooldownStore(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource), clock);
    }

    @Test
    void letsTheFirstAttemptGoAndHoldsTheNextUntilTheCooldownEnds() {
        // when
        Optional<Instant> first = store.tryStart(ProviderName.UNCASH, "card-1", PER_CARD);
        clock.advance(Duration.ofMinutes(14));
        Optional<Instant> tooEarly = store.tryStart(ProviderName.UNCASH, "card-1", PER_CARD);
        clock.advance(Duration.ofMinutes(1));
        Optional<Instant> onTime = store.tryStart(ProviderName.UNCASH, "card-1", PER_CARD);

        // then
        assertThat(first).isEmpty();
        assertThat(tooEarly).contains(Instant.parse("2026-11-21T10:15:00Z"));
        assertThat(onTime).isEmpty();
        assertThat(store.tryStart(ProviderName.UNCASH, "card-1", PER_CARD)).contains(Instant.parse("2026-11-21T10:30:00Z"));
    }

    @Test
    void keepsCardsAndProvidersApartUnlessTheCooldownIsPerAccount() {
        // given
        Cooldown perAccount = new Cooldown(Duration.ofMinutes(15), true);

        // when / then
        assertThat(store.tryStart(ProviderName.UNCASH, PER_CARD.scopeKey("card-1"), PER_CARD)).isEmpty();
        assertThat(store.tryStart(ProviderName.UNCASH, PER_CARD.scopeKey("card-2"), PER_CARD)).isEmpty();
        assertThat(store.tryStart(ProviderName.CARTEVO, PER_CARD.scopeKey("card-1"), PER_CARD)).isEmpty();
        assertThat(store.tryStart(ProviderName.PLU, perAccount.scopeKey("card-1"), perAccount)).isEmpty();
        assertThat(store.tryStart(ProviderName.PLU, perAccount.scopeKey("card-2"), perAccount)).isPresent();
    }

    @Test
    void startsOnlyOneAttemptWhenManyRaceForTheSameCard() throws Exception {
        // given
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Callable<Optional<Instant>>> racers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            racers.add(() -> store.tryStart(ProviderName.UNCASH, "card-9", PER_CARD));
        }

        // when
        List<Future<Optional<Instant>>> results = threads.invokeAll(racers);
        threads.shutdown();

        // then
        long started = 0;
        for (Future<Optional<Instant>> result : results) {
            started += result.get().isEmpty() ? 1 : 0;
        }
        assertThat(started).isEqualTo(1);
    }
}
