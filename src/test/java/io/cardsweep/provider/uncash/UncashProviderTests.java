package io.cardsweep.provider.uncash;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cardsweep.support.MutableClock;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderSettings;
import io.cardsweep.provider.WithdrawalOutcome;
import io.cardsweep.provider.WithdrawalOutcome.Declined;
import io.cardsweep.provider.WithdrawalOutcome.Deferred;
import io.cardsweep.provider.WithdrawalOutcome.Failed;
import io.cardsweep.provider.WithdrawalOutcome.Succeeded;
import io.cardsweep.provider.WithdrawalOutcome.Unknown;
import io.cardsweep.provider.WithdrawalRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contract of the Uncash adapter against the responses PROVIDERS.md documents, served by WireMock. */
class UncashProviderTests {

    @RegisterExtension
    static WireMockExtension uncash = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String CARD = "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a";
    static final String WITHDRAW_PATH = "/api/v1/cards/" + CARD + "/withdraw";
    static final String API_KEY = "uc_live_DO-NOT-LEAK-91ab";

    MutableClock clock;
    UncashProvider provider;

    /** Loads the HTTP stack once, so a cold first request cannot trip the read timeout of a test. */
    @BeforeAll
    static void warmUp() {
        try {
            new UncashProvider(settings(URI.create(uncash.baseUrl() + "/warm-up")), Clock.systemUTC()).withdraw(request("1.00"));
        }
        catch (ProviderFatalException expected) {
            // nothing is stubbed there: the answer is WireMock's own 404, which is the point of a warm-up
        }
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        provider = new UncashProvider(settings(URI.create(uncash.baseUrl() + "/api/v1")), clock);
    }

    static ProviderSettings settings(URI baseUrl) {
        return ProviderSettings.of(baseUrl).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(1_500)).withCredentials(null, null, API_KEY);
    }

    static WithdrawalRequest request(String amount) {
        return WithdrawalRequest.of("card-termination-sweep:7", UUID.fromString("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"), CARD,
                new BigDecimal(amount), "USD");
    }

    static void answer(ResponseDefinitionBuilder response) {
        uncash.stubFor(post(WITHDRAW_PATH).willReturn(response));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String message) {
        return json(status, "{\"success\":false,\"message\":\"" + message + "\",\"timestamp\":\"2026-03-01T10:00:00.000Z\"}");
    }

    static final String SUCCESS = """
            {"success":true,"data":{"card_id":"%s","transaction_id":"tx_51f0","invoice_id":"inv_9921",
             "wallet_balance":1012.50,"new_card_balance":7.50,"amount_withdrawn":12.50}}""".formatted(CARD);

    static final String SUCCESS_OLDER_DOCS = """
            {"success":true,"data":{"card_id":"%s","transaction_id":"tx_51f1","invoice_id":"inv_9922",
             "wallet_balance":1012.50,"new_balance":7.50,"amount_withdrawn":12.50}}""".formatted(CARD);

    static java.util.stream.Stream<io.cardsweep.provider.AnswerClassification> classificationTable() {
        return UncashProvider.ANSWERS.stream();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("classificationTable")
    void classifiesEveryAnswerAsItsTableSays(io.cardsweep.provider.AnswerClassification row) {
        // given the provider answering the withdrawal with the row's example
        answer(json(row.example().status(), row.example().body()));

        // when / then
        assertThat(io.cardsweep.provider.AnswerClassification.Kind.of(() -> provider.withdraw(request("12.00")))).isEqualTo(row.outcome());
    }

    @Nested
    class Success {

        @Test
        void recordsWithdrawalWithNewCardBalance() {
            // given
            answer(json(200, SUCCESS));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isEqualTo(new Succeeded("tx_51f0", new BigDecimal("12.50"), null, new BigDecimal("20.00"), new BigDecimal("7.50")));
        }

        @Test
        void recordsWithdrawalWithNewBalanceOfOlderDocs() {
            // given
            answer(json(201, SUCCESS_OLDER_DOCS));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isEqualTo(new Succeeded("tx_51f1", new BigDecimal("12.50"), null, new BigDecimal("20.00"), new BigDecimal("7.50")));
        }

        @Test
        void leavesBalanceBeforeOpenWhenAmountWithdrawnIsMissing() {
            // given
            answer(json(200, "{\"success\":true,\"data\":{\"transaction_id\":\"tx_51f2\",\"new_card_balance\":7.50}}"));

            // when
            Succeeded outcome = (Succeeded) provider.withdraw(request("12.50"));

            // then
            assertThat(outcome.balanceBefore()).isNull();
            assertThat(outcome.balanceAfter()).isEqualByComparingTo("7.50");
        }

        @Test
        void sendsAmountAsPlainDecimalWithApiKeyToCardPath() {
            // given
            answer(json(200, SUCCESS));

            // when
            provider.withdraw(request("12.50"));

            // then
            uncash.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH))
                    .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(equalTo("{\"amount\":12.50}")));
        }

        @Test
        void leavesWithdrawalUnknownWhenSuccessBodyIsNotJson() {
            // given
            answer(json(200, "{\"success\":true,\"data\":"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("MALFORMED_RESPONSE");
        }

        @Test
        void leavesWithdrawalUnknownWhenSuccessBodyLacksTransaction() {
            // given
            answer(json(200, "{\"success\":true,\"data\":{\"card_id\":\"" + CARD + "\"}}"));

            // when / then
            assertThat(provider.withdraw(request("12.50")).code()).isEqualTo("MALFORMED_RESPONSE");
        }
    }

    @Nested
    class Refusals {

        @Test
        void declinesInsufficientBalanceKeepingAvailableAndRequested() {
            // given
            answer(error(400, "Insufficient card balance. Available: 5.00, Requested: 10.00"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("10.00"));

            // then
            assertThat(outcome).isEqualTo(new Declined("INSUFFICIENT_BALANCE",
                    "Uncash 400: Insufficient card balance. Available: 5.00, Requested: 10.00"));
        }

        @Test
        void defersCooldownForTheMinutesUncashNames() {
            // given
            answer(error(400, "Please wait 15 minutes between withdrawals"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isEqualTo(new Deferred("COOLDOWN", "Uncash 400: Please wait 15 minutes between withdrawals", Duration.ofMinutes(15)));
        }

        @Test
        void defersCooldownForOtherMinuteCounts() {
            // given
            answer(error(429, "Please wait 7 minutes between withdrawals"));

            // when / then
            assertThat(((Deferred) provider.withdraw(request("12.50"))).retryAfter()).isEqualTo(Duration.ofMinutes(7));
        }

        @Test
        void defersCooldownForFifteenMinutesWhenNoNumberIsGiven() {
            // given
            answer(error(400, "Please wait between withdrawals"));

            // when / then
            assertThat(((Deferred) provider.withdraw(request("12.50"))).retryAfter()).isEqualTo(Duration.ofMinutes(15));
        }

        @Test
        void declinesCardNotReady() {
            // given
            answer(error(400, "Card is not ready for withdrawals"));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isEqualTo(new Declined("CARD_NOT_READY", "Uncash 400: Card is not ready for withdrawals"));
        }

        @Test
        void declinesInvalidInputNamingPathAndCode() {
            // given
            answer(json(400, """
                    {"success":false,"message":"Invalid input data","timestamp":"2026-03-01T10:00:00.000Z",
                     "error":[{"code":"too_small","minimum":1,"type":"number","inclusive":true,"exact":false,
                               "message":"Number must be greater than or equal to 1","path":["amount"]}]}"""));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("0.50"));

            // then
            assertThat(outcome).isEqualTo(new Declined("INVALID_INPUT", "Uncash 400: Invalid input data (amount too_small)"));
        }

        @Test
        void declinesUnknownCard() {
            // given
            answer(error(404, "Card not found"));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isEqualTo(new Declined("CARD_NOT_FOUND", "Uncash 404: Card not found"));
        }

        @Test
        void declinesOtherClientErrorAsProviderRefusal() {
            // given
            answer(error(422, "Card is frozen"));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isEqualTo(new Declined("PROVIDER_REFUSED", "Uncash 422: Card is frozen"));
        }

        @Test
        void defersRateLimitHonouringRetryAfter() {
            // given
            answer(error(429, "Too many requests").withHeader("Retry-After", "42"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isEqualTo(new Deferred("RATE_LIMITED", "Uncash 429: Too many requests", Duration.ofSeconds(42)));
        }

        @Test
        void defersRateLimitUntilRetryAfterDate() {
            // given
            answer(error(429, "Too many requests").withHeader("Retry-After", "Sun, 01 Mar 2026 10:05:00 GMT"));

            // when / then
            assertThat(((Deferred) provider.withdraw(request("12.50"))).retryAfter()).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Nested
    class FatalAnswers {

        @Test
        void stopsTheRunWhenARefusalIsNotInUncashsFormat() {
            // given a wrong base URL: the web server, not Uncash, answers
            answer(aResponse().withStatus(405).withBody("<html>Method Not Allowed</html>"));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("12.50")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Uncash answered HTTP 405 in a format that is not Uncash's, so nothing was executed: "
                            + "check cardsweep.providers.uncash.base-url.");
        }

        @Test
        void stopsWhenApiKeyIsRefused() {
            // given
            answer(error(401, "Invalid API key"));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("12.50")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Uncash refused the API key (HTTP 401): check cardsweep.providers.uncash.api-key.");
            uncash.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void stopsWhenAccessIsForbidden() {
            // given
            answer(error(403, "Forbidden"));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("12.50")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessageContaining("cardsweep.providers.uncash.api-key");
        }

        @Test
        void stopsAtConstructionWithoutApiKey() {
            // given
            ProviderSettings settings = ProviderSettings.of(URI.create(uncash.baseUrl()));

            // when / then
            assertThatThrownBy(() -> new UncashProvider(settings, clock))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Uncash has no API key: set cardsweep.providers.uncash.api-key.");
        }
    }

    @Nested
    class AmbiguousAnswers {

        @Test
        void leavesWithdrawalUnknownAfterInternalServerError() {
            // given
            answer(error(500, "Internal server error"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("HTTP_500");
        }

        @Test
        void leavesWithdrawalUnknownAfter503EvenWithRefusalText() {
            // given: Uncash documents no "not executed" 5xx
            answer(error(503, "Insufficient card balance. Available: 5.00, Requested: 10.00"));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isInstanceOf(Unknown.class);
        }

        @Test
        void leavesWithdrawalUnknownAfterBadGatewayPage() {
            // given
            answer(aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>"));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isInstanceOf(Unknown.class);
        }
    }

    @Nested
    class Transport {

        @Test
        void leavesWithdrawalUnknownAfterReadTimeout() {
            // given
            answer(json(200, SUCCESS).withFixedDelay(3_000));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("READ_TIMEOUT");
            uncash.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void leavesWithdrawalUnknownAfterConnectionReset() {
            // given
            answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            uncash.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void leavesWithdrawalUnknownAfterMalformedChunk() {
            // given
            answer(aResponse().withStatus(200).withFault(Fault.MALFORMED_RESPONSE_CHUNK));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isInstanceOf(Unknown.class);
        }

        @Test
        void failsWithoutSendingWhenConnectionIsRefused() throws IOException {
            // given
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            UncashProvider unreachable = new UncashProvider(settings(URI.create("http://127.0.0.1:" + closedPort + "/api/v1")), clock);

            // when
            WithdrawalOutcome outcome = unreachable.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Failed.class);
            assertThat(outcome.code()).isEqualTo("CONNECTION_FAILED");
        }
    }

    @Nested
    class Secrets {

        @Test
        void keepsApiKeyOutOfOutcomesAndToString() {
            // given
            List<ResponseDefinitionBuilder> answers = List.of(json(200, SUCCESS), error(400, "Card is not ready for withdrawals"),
                    error(500, "Internal server error"), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

            // when
            StringBuilder everything = new StringBuilder(provider.toString());
            for (ResponseDefinitionBuilder response : answers) {
                answer(response);
                WithdrawalOutcome outcome = provider.withdraw(request("12.50"));
                everything.append(outcome).append(outcome.message());
            }

            // then
            assertThat(everything.toString()).doesNotContain(API_KEY).doesNotContain("DO-NOT-LEAK");
        }
    }

    /** {@code GET /cards/{id}}: the balance read before each withdrawal, for reconciling one whose answer never came. */
    @org.junit.jupiter.api.Nested
    class ReadingTheBalance {

        static final String CARD_PATH = "/api/v1/cards/" + CARD;

        @Test
        void readsTheBalanceOfTheDocumentedCardAnswerWithTheApiKey() {
            uncash.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(CARD_PATH).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("""
                            {"success":true,"data":{"id":"%s","status":"active","balance":"75.50"}}
                            """.formatted(CARD))));

            io.cardsweep.provider.CardBalances.Reading reading = provider.balance(CARD, null);

            assertThat(reading.balance()).isEqualByComparingTo("75.50");
            uncash.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo(CARD_PATH))
                    .withHeader("Authorization", equalTo("Bearer " + API_KEY)));
        }

        @Test
        void stopsTheRunWhenTheKeyIsRefused() {
            uncash.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(CARD_PATH).willReturn(aResponse().withStatus(401)
                    .withHeader("Content-Type", "application/json").withBody("{\"success\":false,\"message\":\"Invalid API key\"}")));

            assertThatThrownBy(() -> provider.balance(CARD, null)).isInstanceOf(io.cardsweep.provider.ProviderFatalException.class)
                    .hasMessageContaining("api-key").hasMessageNotContaining(API_KEY);
        }

        @Test
        void saysWhyThereIsNoBalanceWhenNoAnswerCame() {
            uncash.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(CARD_PATH)
                    .willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

            io.cardsweep.provider.CardBalances.Reading reading = provider.balance(CARD, null);

            assertThat(reading.balance()).isNull();
            assertThat(reading.problem()).contains("no answer");
        }
    }
}
