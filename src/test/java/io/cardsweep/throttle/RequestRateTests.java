package io.cardsweep.throttle;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestRateTests {

    @Test
    void countsTheRequestsARetryAfterIsWorthRoundingUp() {
        // given
        RequestRate htp = RequestRate.perMinute(60);

        // when / then
        assertThat(htp.requestsIn(Duration.ofSeconds(10))).isEqualTo(10);
        assertThat(htp.requestsIn(Duration.ofMillis(10_001))).isEqualTo(11);
        assertThat(htp.requestsIn(Duration.ofDays(365))).isEqualTo(24 * 60 * 60);
    }

    @Test
    void spacesRequestsOnePercentFurtherApartThanTheLimitStrictlyNeeds() {
        assertThat(new RequestRate(5, Duration.ofSeconds(1)).interval()).isEqualTo(Duration.ofMillis(200));
        assertThat(new RequestRate(5, Duration.ofSeconds(1)).pacedInterval()).isEqualTo(Duration.ofMillis(202));
        assertThat(RequestRate.perMinute(600).pacedInterval()).isEqualTo(Duration.ofMillis(101));
    }

    @Test
    void refusesARateThatLetsNothingThrough() {
        assertThatThrownBy(() -> RequestRate.perMinute(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestRate(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
