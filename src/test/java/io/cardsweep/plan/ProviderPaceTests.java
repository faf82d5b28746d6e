package io.cardsweep.plan;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

import io.cardsweep.plan.ProviderPace.BalanceReads;
import io.cardsweep.provider.CardBalances;
import io.cardsweep.provider.CardTerminations;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderSettings;
import io.cardsweep.provider.WithdrawalProvider;
import io.cardsweep.provider.cartevo.CartevoProvider;
import io.cardsweep.provider.htp.HtpProvider;
import io.cardsweep.provider.nueve09.Nueve09Provider;
import io.cardsweep.provider.plu.PluProvider;
import io.cardsweep.provider.uncash.UncashProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pace writes down what each adapter does, since a plan makes no adapter (it would need credentials and start HTTP
 * clients): these tests hold the two together, so an adapter that starts or stops reading balances, or terminating
 * cards, changes the estimate with it.
 */
class ProviderPaceTests {

    static final ProviderSettings SETTINGS = ProviderSettings.of(URI.create("http://127.0.0.1:9/api"))
            .withCredentials("client", "client-key", "api-key")
            .withLogin("api-key", "password", null)
            .withAgent("agent", "agent-secret", "device", "user", BigDecimal.ONE);

    static WithdrawalProvider adapter(ProviderName provider) {
        Clock clock = Clock.systemUTC();
        return switch (provider) {
            case PLU -> new PluProvider(SETTINGS, clock);
            case CARTEVO -> new CartevoProvider(SETTINGS, clock);
            case UNCASH -> new UncashProvider(SETTINGS, clock);
            case HTP -> new HtpProvider(SETTINGS, clock);
            case NUEVE09 -> new Nueve09Provider(SETTINGS, clock);
        };
    }

    @ParameterizedTest
    @EnumSource(ProviderName.class)
    void readsBalancesAsTheAdapterDoes(ProviderName provider) {
        WithdrawalProvider adapter = adapter(provider);
        BalanceReads expected = !(adapter instanceof CardBalances balances) ? BalanceReads.NONE
                : balances.readBeforeEachWithdrawal() ? BalanceReads.EVERY_ATTEMPT : BalanceReads.WHOLE_BALANCES;

        assertThat(ProviderPace.of(provider, SETTINGS, 4).balanceReads()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(ProviderName.class)
    void terminatesCardsWhereTheAdapterCan(ProviderName provider) {
        assertThat(ProviderPace.of(provider, SETTINGS, 4).terminates()).isEqualTo(adapter(provider) instanceof CardTerminations);
    }

    @ParameterizedTest
    @EnumSource(ProviderName.class)
    void takesTheLimitsFromTheSettings(ProviderName provider) {
        ProviderPace pace = ProviderPace.of(provider, SETTINGS.withRequestsPerMinute(60).withCooldown(java.time.Duration.ofMinutes(15), "account"), 3);

        assertThat(Map.of("concurrency", pace.concurrency(), "requestsPerMinute", pace.requestsPerMinute(), "perAccount", pace.cooldownPerAccount()))
                .isEqualTo(Map.of("concurrency", 3, "requestsPerMinute", 60, "perAccount", true));
        assertThat(pace.cooldown()).hasMinutes(15);
    }
}
