package io.cardsweep.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxArgumentsTests {

    @Nested
    class Flags {

        @Test
        void defaultsToPort8089WithoutCards() {
            // when
            SandboxOptions options = SandboxArguments.parse(new String[0]);

            // then
            assertThat(options.port()).isEqualTo(8089);
            assertThat(options.cards()).isNull();
            assertThat(options.uncashCooldown()).isEqualTo(Duration.ofMinutes(15));
            assertThat(options.cartevoFee()).isEqualByComparingTo("0.30");
        }

        @Test
        void readsEveryFlagInBothSpellings() {
            // given
            String[] args = {"--port", "9001", "--cards=sample-input/sandbox-cards.csv", "--latency", "50ms",
                    "--uncash-cooldown=PT2M", "--cartevo-token-ttl", "120s", "--cartevo-fee", "0.45",
                    "--htp-requests-per-minute=600", "--htp-settle-delay", "0ms"};

            // when
            SandboxOptions options = SandboxArguments.parse(args);

            // then
            assertThat(options.port()).isEqualTo(9001);
            assertThat(options.cards()).hasToString("sample-input/sandbox-cards.csv");
            assertThat(options.latency()).isEqualTo(Duration.ofMillis(50));
            assertThat(options.uncashCooldown()).isEqualTo(Duration.ofMinutes(2));
            assertThat(options.cartevoTokenTtl()).isEqualTo(Duration.ofSeconds(120));
            assertThat(options.cartevoFee()).isEqualByComparingTo("0.45");
            assertThat(options.htpRequestsPerMinute()).isEqualTo(600);
            assertThat(options.htpSettleDelay()).isZero();
        }

        @Test
        void readsFaultsForEveryProviderThenForOne() {
            // when
            SandboxOptions options = SandboxArguments.parse(new String[] {"--faults", "all:drop-after=0.01,latency=5ms..50ms",
                    "--faults=plu:error=0.05,rate_limit=0.02,hang-after=0.01,hang=40s", "--fault-seed", "42"});

            // then
            assertThat(options.faults()).hasSize(5);
            assertThat(options.faults().get(io.cardsweep.provider.ProviderName.HTP)).isEqualTo(new FaultPlan(0, 0, 0, 0.01, 0, 0,
                    Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(60)));
            assertThat(options.faults().get(io.cardsweep.provider.ProviderName.PLU)).isEqualTo(new FaultPlan(0.05, 0.02, 0, 0, 0.01, 0,
                    Duration.ZERO, Duration.ZERO, Duration.ofSeconds(40)));
            assertThat(options.faultSeed()).isEqualTo(42);
        }

        @Test
        void refusesFaultsThatCannotHappenNamingWhatIsWrong() {
            assertThatThrownBy(() -> SandboxArguments.parse(new String[] {"--faults", "plu:error=0.7,drop-after=0.7"}))
                    .hasMessageContaining("--faults").hasMessageContaining("add up to more than 1");
            assertThatThrownBy(() -> SandboxArguments.parse(new String[] {"--faults", "visa:error=0.1"}))
                    .hasMessageContaining("unknown provider 'visa'");
            assertThatThrownBy(() -> SandboxArguments.parse(new String[] {"--faults", "plu:latency=50ms..5ms"}))
                    .hasMessageContaining("MIN..MAX");
            assertThatThrownBy(() -> SandboxArguments.parse(new String[] {"--faults", "error=0.1"}))
                    .hasMessageContaining("PROVIDER:SETTINGS");
        }

        @Test
        void namesTheFlagOfANegativeHtpLimit() {
            assertThatThrownBy(() -> SandboxArguments.parse(new String[] {"--htp-requests-per-minute", "-1"}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--htp-requests-per-minute");
        }

        @Test
        void rejectsUnknownFlagByName() {
            assertThatThrownBy(() -> SandboxArguments.parse(new String[] {"--colour", "blue"}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--colour");
        }

        @Test
        void rejectsFlagWithoutValue() {
            assertThatThrownBy(() -> SandboxArguments.parse(new String[] {"--port"}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("--port needs a value");
        }

        @Test
        void rejectsPortThatIsNotANumber() {
            assertThatThrownBy(() -> SandboxArguments.parse(new String[] {"--port", "eighty"}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--port").hasMessageContaining("eighty");
        }

        @Test
        void rejectsMissingCardsFile() {
            assertThatThrownBy(() -> SandboxArguments.parse(new String[] {"--cards", "no/such.csv"}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no/such.csv");
        }

        @Test
        void rejectsNegativeFee() {
            assertThatThrownBy(() -> SandboxArguments.parse(new String[] {"--cartevo-fee", "-1"}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--cartevo-fee");
        }
    }

    @Nested
    class Durations {

        @ParameterizedTest
        @CsvSource({"50ms,PT0.05S", "PT0.05S,PT0.05S", "15m,PT15M", "3600s,PT1H", "2h,PT2H", "pt15m,PT15M", "0s,PT0S"})
        void readsShortAndIsoForms(String text, String expected) {
            assertThat(SandboxArguments.duration(text)).isEqualTo(Duration.parse(expected));
        }

        @Test
        void rejectsBareNumber() {
            assertThatThrownBy(() -> SandboxArguments.parse(new String[] {"--latency", "50"}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--latency");
        }
    }
}
