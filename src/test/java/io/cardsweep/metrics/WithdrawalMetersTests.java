package io.cardsweep.metrics;

import java.math.BigDecimal;

import io.cardsweep.ledger.WithdrawalStatus;
import io.cardsweep.provider.ProviderName;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WithdrawalMetersTests {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final WithdrawalMeters meters = new WithdrawalMeters(registry);

    @Test
    void sumsAmountsAsDecimalsAndTurnsThemIntoADoubleOnlyWhenRead() {
        // given three withdrawals of 0.10, which added up as doubles make 0.30000000000000004
        for (int i = 0; i < 3; i++) {
            meters.recorded(ProviderName.CARTEVO, WithdrawalStatus.SUCCEEDED, "USD", new BigDecimal("0.10"));
        }

        // then
        assertThat(registry.get("cardsweep.withdrawal.amount").tags("provider", "cartevo", "outcome", "succeeded", "currency", "USD")
                .functionCounter().count()).isEqualTo(0.3);
        assertThat(registry.get("cardsweep.withdrawals").tags("provider", "cartevo", "outcome", "succeeded").counter().count()).isEqualTo(3);
    }

    @Test
    void keepsCurrenciesApartAndAddsNothingForARowWithoutAnAmount() {
        meters.recorded(ProviderName.NUEVE09, WithdrawalStatus.SUCCEEDED, "MXN", new BigDecimal("289.00"));
        meters.recorded(ProviderName.NUEVE09, WithdrawalStatus.NOTHING_TO_RECLAIM, "MXN", null);

        assertThat(registry.get("cardsweep.withdrawal.amount").functionCounters()).singleElement()
                .satisfies(sum -> assertThat(sum.getId().getTag("outcome")).isEqualTo("succeeded"));
        assertThat(registry.get("cardsweep.withdrawals").tags("outcome", "nothing_to_reclaim").counter().count()).isEqualTo(1);
    }

    @Test
    void countsARefusedRowUnderItsProviderOrAsInvalidWhateverItsTextSaid() {
        meters.refused(" Uncash ", WithdrawalStatus.DUPLICATE);
        meters.refused("visa 4111111111111111", WithdrawalStatus.REJECTED);
        meters.refused(null, WithdrawalStatus.REJECTED);

        assertThat(registry.get("cardsweep.withdrawals").tags("provider", "uncash", "outcome", "duplicate").counter().count()).isEqualTo(1);
        assertThat(registry.get("cardsweep.withdrawals").tags("provider", "invalid", "outcome", "rejected").counter().count()).isEqualTo(2);
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags().toString()).doesNotContain("4111"));
    }
}
