package io.cardsweep.provider;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderHttpTests {

    @Nested
    class TransportFailures {

        @Test
        void failsWithoutSendingWhenConnectionIsRefused() {
            // given
            Exception refused = new ResourceAccessException("I/O error", new ConnectException());

            // when
            TransportFailure failure = TransportFailure.classify(ProviderName.CARTEVO, refused);

            // then
            assertThat(failure.provablyNotSent()).isTrue();
            assertThat(failure.outcome()).isInstanceOf(WithdrawalOutcome.Failed.class);
            assertThat(failure.outcome().code()).isEqualTo("CONNECTION_FAILED");
        }

        @Test
        void failsWithoutSendingAfterConnectTimeout() {
            // given: a connect timeout is an InterruptedIOException too, and must not be taken for a read timeout
            Exception timeout = new ResourceAccessException("I/O error", new ConnectTimeoutException("connect timed out"));

            // when
            TransportFailure failure = TransportFailure.classify(ProviderName.UNCASH, timeout);

            // then
            assertThat(failure.outcome()).isInstanceOf(WithdrawalOutcome.Failed.class);
        }

        @Test
        void failsWithoutSendingWhenNoPooledConnectionWasFree() {
            // given
            Exception waited = new ResourceAccessException("I/O error", new ConnectionRequestTimeoutException("Timeout deadline"));

            // when / then
            assertThat(TransportFailure.classify(ProviderName.PLU, waited).outcome()).isInstanceOf(WithdrawalOutcome.Failed.class);
        }

        @Test
        void failsWithoutSendingWhenTheTlsHandshakeFails() {
            // given
            Exception handshake = new ResourceAccessException("I/O error", new javax.net.ssl.SSLHandshakeException("PKIX path building failed"));

            // when
            WithdrawalOutcome outcome = TransportFailure.classify(ProviderName.NUEVE09, handshake).outcome();

            // then
            assertThat(outcome).isInstanceOf(WithdrawalOutcome.Failed.class);
            assertThat(outcome.message()).contains("TLS handshake").contains("nothing was sent");
        }

        @Test
        void failsWithoutSendingWhenHostDoesNotResolve() {
            // given
            Exception unresolved = new ResourceAccessException("I/O error", new UnknownHostException("api.cartevo.invalid"));

            // when / then
            assertThat(TransportFailure.classify(ProviderName.CARTEVO, unresolved).outcome()).isInstanceOf(WithdrawalOutcome.Failed.class);
        }

        @Test
        void leavesWithdrawalUnknownAfterReadTimeout() {
            // given
            Exception timeout = new ResourceAccessException("I/O error", new SocketTimeoutException("Read timed out"));

            // when
            WithdrawalOutcome outcome = TransportFailure.classify(ProviderName.CARTEVO, timeout).outcome();

            // then
            assertThat(outcome).isInstanceOf(WithdrawalOutcome.Unknown.class);
            assertThat(outcome.code()).isEqualTo("READ_TIMEOUT");
        }

        @Test
        void leavesWithdrawalUnknownAfterConnectionResetOrEof() {
            // given
            Exception reset = new ResourceAccessException("I/O error", new SocketException("Connection reset"));
            Exception eof = new ResourceAccessException("I/O error", new EOFException("EOF reached while reading"));

            // when / then
            assertThat(TransportFailure.classify(ProviderName.UNCASH, reset).outcome()).isInstanceOf(WithdrawalOutcome.Unknown.class);
            assertThat(TransportFailure.classify(ProviderName.UNCASH, eof).outcome().code()).isEqualTo("CONNECTION_LOST");
        }

        @Test
        void leavesWithdrawalUnknownForUnrecognisedFailure() {
            // when
            WithdrawalOutcome outcome = TransportFailure.classify(ProviderName.UNCASH, new IllegalStateException("boom")).outcome();

            // then
            assertThat(outcome).isInstanceOf(WithdrawalOutcome.Unknown.class);
        }
    }

    @Nested
    class RetryAfter {

        private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

        @Test
        void readsSeconds() {
            assertThat(answer("120").retryAfter(clock, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(120));
        }

        @Test
        void readsHttpDate() {
            assertThat(answer("Sun, 01 Mar 2026 10:01:30 GMT").retryAfter(clock, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(90));
        }

        @Test
        void fallsBackWhenMissingOrUnreadable() {
            assertThat(answer(null).retryAfter(clock, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
            assertThat(answer("soon").retryAfter(clock, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void neverWaitsNegativeForPastDate() {
            assertThat(answer("Sun, 01 Mar 2026 09:00:00 GMT").retryAfter(clock, Duration.ofSeconds(30))).isZero();
        }

        private ProviderAnswer answer(String retryAfter) {
            return new ProviderAnswer(429, retryAfter, "{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Nested
    class Construction {

        @Test
        void stopsWithActionableMessageWithoutBaseUrl() {
            // given
            ProviderSettings settings = ProviderSettings.of(null).withCredentials(null, null, "uc_secret");

            // when / then
            assertThatThrownBy(() -> new ProviderHttp(ProviderName.UNCASH, settings))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Uncash has no base URL: set cardsweep.providers.uncash.base-url.");
        }

        @Test
        void encodesCardIdAsOneSegment() {
            // given
            ProviderHttp http = new ProviderHttp(ProviderName.CARTEVO, ProviderSettings.of(URI.create("https://api.cartevo.co/api/v1")));

            // when
            URI uri = http.uri("cards", "a/../b c", "withdraw");

            // then
            assertThat(uri.toString()).isEqualTo("https://api.cartevo.co/api/v1/cards/a%2F..%2Fb%20c/withdraw");
        }

        @Test
        void shortensProviderMessagesToOneLine() {
            assertThat(ProviderHttp.brief("line one\n  line\ttwo")).isEqualTo("line one line two");
            assertThat(ProviderHttp.brief("x".repeat(500))).hasSize(160);
        }

        @Test
        void leavesOutASealedCardNumberAProviderEchoesButKeepsItsWords() {
            // given a 344-character URL-safe Base64 run, the shape of a PAN sealed for Nueve09
            String sealed = "aB3_-9Zq".repeat(43).substring(0, 342) + "==";

            // when
            String brief = ProviderHttp.brief("Card number " + sealed + " could not be decrypted");

            // then
            assertThat(brief).isEqualTo("Card number **** could not be decrypted");
        }
    }
}
