package io.cardsweep.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.cardsweep.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCacheTests {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    final AtomicInteger fetches = new AtomicInteger();

    TokenCache cache(Duration lifetime) {
        return new TokenCache(clock, Duration.ofMinutes(2), () -> {
            int n = fetches.incrementAndGet();
            return new TokenCache.Token("token-" + n, lifetime == null ? null : clock.instant().plus(lifetime));
        });
    }

    @Test
    void reusesATokenUntilItIsAboutToExpire() throws Exception {
        // given
        TokenCache cache = cache(Duration.ofMinutes(30));

        // when
        String first = cache.current();
        clock.advance(Duration.ofMinutes(27));
        String stillFirst = cache.current();
        clock.advance(Duration.ofMinutes(2));
        String renewed = cache.current();

        // then
        assertThat(first).isEqualTo(stillFirst).isEqualTo("token-1");
        assertThat(renewed).isEqualTo("token-2");
    }

    @Test
    void keepsATokenWithoutLifetimeUntilItIsRejectedAndRenewsItOnce() throws Exception {
        // given
        TokenCache cache = cache(null);
        String first = cache.current();
        clock.advance(Duration.ofDays(2));

        // when
        String afterRejection = cache.renewAfterRejection(first);
        String afterStaleRejection = cache.renewAfterRejection(first);

        // then
        assertThat(cache.current()).isEqualTo(afterRejection).isEqualTo(afterStaleRejection).isEqualTo("token-2");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void fetchesOnceForManyThreadsAndNeverShowsTheToken() throws Exception {
        // given
        TokenCache cache = cache(Duration.ofMinutes(30));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<String>> tokens = new ArrayList<>();

        // when
        for (int i = 0; i < 32; i++) {
            tokens.add(threads.submit(cache::current));
        }
        for (Future<String> token : tokens) {
            assertThat(token.get()).isEqualTo("token-1");
        }
        threads.shutdown();

        // then
        assertThat(fetches).hasValue(1);
        assertThat(cache.toString()).doesNotContain("token-1");
    }
}
