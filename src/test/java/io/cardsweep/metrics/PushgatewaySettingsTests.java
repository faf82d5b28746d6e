package io.cardsweep.metrics;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushgatewaySettingsTests {

    static PushgatewaySettings settings(String url, String username, String password, String token) {
        return new PushgatewaySettings(url == null ? null : URI.create(url), username, password, token, Duration.ofSeconds(3));
    }

    @Test
    void isOffWithoutAUrlOrWithABlankOne() {
        assertThat(settings(null, null, null, null).isOn()).isFalse();
        assertThat(settings("", null, null, null).isOn()).isFalse();
        assertThat(settings("http://pushgateway.monitoring:9091", null, null, null).isOn()).isTrue();
    }

    @Test
    void refusesCredentialsInTheUrlWithoutRepeatingThem() {
        assertThatThrownBy(() -> settings("http://ops:s3cret@pushgateway:9091", null, null, null))
                .hasMessageContaining("must not hold credentials").hasMessageNotContaining("s3cret");
    }

    @Test
    void refusesWhatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> settings("pushgateway:9091", null, null, null)).hasMessageContaining("http(s)://host:port");
        assertThatThrownBy(() -> settings("ftp://pushgateway:9091", null, null, null)).hasMessageContaining("http(s)://host:port");
        assertThatThrownBy(() -> settings("http://pushgateway:9091/?x=1", null, null, null)).hasMessageContaining("http(s)://host:port");
        // a query may carry a token: it is refused without being repeated
        assertThatThrownBy(() -> settings("http://pushgateway:9091/?token=t0ken-1234", null, null, null))
                .hasMessageContaining("http://pushgateway:9091/…").hasMessageNotContaining("t0ken-1234");
    }

    @Test
    void takesEitherAUsernameOrATokenAndAPasswordOnlyWithAUsername() {
        assertThatThrownBy(() -> settings("http://pushgateway:9091", "ops", "s3cret", "t0ken")).hasMessageContaining("not both");
        assertThatThrownBy(() -> settings("http://pushgateway:9091", null, "s3cret", null)).hasMessageContaining("needs a username");
    }
}
