package io.cardsweep.provider.cartevo;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

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
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contract of the Cartevo adapter against the responses PROVIDERS.md documents, served by WireMock. */
class CartevoProviderTests {

    @RegisterExtension
    static WireMockExtension cartevo = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String CARD = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";
    static final String TOKEN_PATH = "/api/v1/auth/token";
    static final String WITHDRAW_PATH = "/api/v1/cards/" + CARD + "/withdraw";
    static final String CLIENT_KEY = "ck_live_DO-NOT-LEAK-7f3e";
    static final String TOKEN = "eyJhbGciOi.token-1.sig";

    MutableClock clock;
    CartevoProvider provider;

    /** Loads the HTTP stack once, so a cold first request cannot trip the read timeout of a test. */
    @BeforeAll
    static void warmUp() {
        new CartevoProvider(settings(URI.create(cartevo.baseUrl() + "/warm-up")), java.time.Clock.systemUTC()).withdraw(request("1.00"));
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        provider = new CartevoProvider(settings(URI.create(cartevo.baseUrl() + "/api/v1")), clock);
    }

    static ProviderSettings settings(URI baseUrl) {
        return ProviderSettings.of(baseUrl).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(1_500))
                .withCredentials("sandbox-client", CLIENT_KEY, null).withTokenRenewalMargin(Duration.ofMinutes(2));
    }

    static WithdrawalRequest request(String amount) {
        return WithdrawalRequest.of("per-diem-reclaim:42", UUID.fromString("0b8f1c4e-2d3a-4b5c-9d6e-7f8091a2b3c4"), CARD,
                new BigDecimal(amount), "USD");
    }

    static void stubToken(String token, long expiresIn) {
        cartevo.stubFor(post(TOKEN_PATH).willReturn(okJson(
                "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}")));
    }

    static void stubWithdraw(ResponseDefinitionBuilder response) {
        cartevo.stubFor(post(WITHDRAW_PATH).willReturn(response));
    }

    static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String message, String error) {
        return json(status, "{\"success\":false,\"statusCode\":" + status + ",\"message\":\"" + message + "\",\"error\":\"" + error + "\"}");
    }

    static final String SUCCESS = """
            {"success":true,"statusCode":201,"message":"Withdrawal successful",
             "data":{"transaction_id":"txn_8a7b6c","card_id":"%s","amount":12.00,"currency":"USD",
                     "fee_amount":0.50,"card_balance_before":100.00,"card_balance_after":87.50}}""".formatted(CARD);

    static java.util.stream.Stream<io.cardsweep.provider.AnswerClassification> classificationTable() {
        return CartevoProvider.ANSWERS.stream();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("classificationTable")
    void classifiesEveryAnswerAsItsTableSays(io.cardsweep.provider.AnswerClassification row) {
        // given Cartevo answering the withdrawal with the row's example
        stubToken(TOKEN, 3600);
        stubWithdraw(json(row.example().status(), row.example().body()));

        // when / then
        assertThat(io.cardsweep.provider.AnswerClassification.Kind.of(() -> provider.withdraw(request("12.00")))).isEqualTo(row.outcome());
    }

    @Nested
    class Success {

        @Test
        void recordsConfirmedWithdrawalWithFeeAndBalances() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(json(201, SUCCESS));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isEqualTo(new Succeeded("txn_8a7b6c", new BigDecimal("12.00"), new BigDecimal("0.50"),
                    new BigDecimal("100.00"), new BigDecimal("87.50")));
        }

        @Test
        void sendsAmountAsPlainDecimalWithBearerTokenToCardPath() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(json(201, SUCCESS));

            // when
            provider.withdraw(request("12.50"));

            // then
            cartevo.verify(postRequestedFor(urlEqualTo(TOKEN_PATH))
                    .withRequestBody(equalToJson("{\"client_id\":\"sandbox-client\",\"client_key\":\"" + CLIENT_KEY + "\"}")));
            cartevo.verify(postRequestedFor(urlEqualTo(WITHDRAW_PATH))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(equalTo("{\"amount\":12.50}")));
        }

        @Test
        void writesAmountWithoutExponent() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(json(201, SUCCESS));

            // when
            provider.withdraw(request("1E+3"));

            // then
            cartevo.verify(postRequestedFor(urlEqualTo(WITHDRAW_PATH)).withRequestBody(equalTo("{\"amount\":1000}")));
        }

        @Test
        void acceptsConfirmationWithStatus200() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(okJson(SUCCESS));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isInstanceOf(Succeeded.class);
        }

        @Test
        void leavesWithdrawalUnknownWhenSuccessBodyIsNotJson() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(json(201, "{\"success\":true,\"data\":{\"transaction_id\":"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("MALFORMED_RESPONSE");
        }

        @Test
        void leavesWithdrawalUnknownWhenSuccessBodyIsNotTheEnvelope() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(json(201, "{\"ok\":true,\"id\":\"txn_1\"}"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isEqualTo(new Unknown("MALFORMED_RESPONSE",
                    "Cartevo answered 201 with a body that is not a withdrawal confirmation; the withdrawal may have been executed"));
        }

        @Test
        void leavesWithdrawalUnknownWhenSuccessStatusCarriesFailureFlag() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(okJson("{\"success\":false,\"statusCode\":200,\"message\":\"processing\"}"));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isInstanceOf(Unknown.class);
        }
    }

    @Nested
    class BusinessRefusals {

        @Test
        void declinesInsufficientBalance() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(400, "Insufficient card balance", "Bad Request"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isEqualTo(new Declined("INSUFFICIENT_BALANCE", "Cartevo 400: Insufficient card balance"));
        }

        @Test
        void declinesInsufficientBalanceInFrench() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(400, "Solde insuffisant sur la carte", "Bad Request"));

            // when / then
            assertThat(provider.withdraw(request("12.50")).code()).isEqualTo("INSUFFICIENT_BALANCE");
        }

        @Test
        void declinesTerminatedCard() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(400, "Card is terminated", "Bad Request"));

            // when / then
            assertThat(provider.withdraw(request("12.50")).code()).isEqualTo("CARD_TERMINATED");
        }

        @Test
        void declinesTerminatedCardInFrench() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(400, "La carte est résiliée", "Bad Request"));

            // when / then
            assertThat(provider.withdraw(request("12.50")).code()).isEqualTo("CARD_TERMINATED");
        }

        @Test
        void declinesAmountBelowMinimumGivenAsValidationList() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(json(400, "{\"success\":false,\"statusCode\":400,\"message\":[\"amount must not be less than 1\"],\"error\":\"Bad Request\"}"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("0.50"));

            // then
            assertThat(outcome).isEqualTo(new Declined("AMOUNT_TOO_SMALL", "Cartevo 400: amount must not be less than 1"));
        }

        @Test
        void declinesAmountBelowMinimumInFrench() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(400, "Le montant minimum est de 1", "Bad Request"));

            // when / then
            assertThat(provider.withdraw(request("0.50")).code()).isEqualTo("AMOUNT_TOO_SMALL");
        }

        @Test
        void declinesUnrecognisedBadRequestByStatus() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(400, "Something new went wrong", "Bad Request"));

            // when / then
            assertThat(provider.withdraw(request("12.50")))
                    .isEqualTo(new Declined("DECLINED_BAD_REQUEST", "Cartevo 400: Something new went wrong"));
        }

        @Test
        void stopsTheRunWhenARefusalIsNotInCartevosFormat() {
            // given a wrong base URL or a proxy answering instead of Cartevo
            stubToken(TOKEN, 3600);
            stubWithdraw(aResponse().withStatus(404).withBody("<html>Not Found</html>"));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("12.50")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Cartevo answered HTTP 404 in a format that is not Cartevo's, so nothing was executed: "
                            + "check cardsweep.providers.cartevo.base-url.");
        }

        @Test
        void declinesUnknownCard() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(404, "Card not found", "Not Found"));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isEqualTo(new Declined("CARD_NOT_FOUND", "Cartevo 404: Card not found"));
        }
    }

    @Nested
    class RetryableRefusals {

        @Test
        void failsConflictAsNotExecuted() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(409, "A withdrawal is already in progress for this card", "Conflict"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Failed.class);
            assertThat(outcome.code()).isEqualTo("CONFLICT");
        }

        @Test
        void defersRateLimitForRetryAfterSeconds() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(429, "Too Many Requests", "Too Many Requests").withHeader("Retry-After", "17"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isEqualTo(new Deferred("RATE_LIMITED", "Cartevo 429: Too Many Requests", Duration.ofSeconds(17)));
        }

        @Test
        void defersRateLimitUntilRetryAfterDate() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(429, "Too Many Requests", "Too Many Requests").withHeader("Retry-After", "Sun, 01 Mar 2026 10:02:00 GMT"));

            // when / then
            assertThat(((Deferred) provider.withdraw(request("12.50"))).retryAfter()).isEqualTo(Duration.ofMinutes(2));
        }

        @Test
        void defersRateLimitForThirtySecondsWithoutRetryAfter() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(429, "Too Many Requests", "Too Many Requests"));

            // when / then
            assertThat(((Deferred) provider.withdraw(request("12.50"))).retryAfter()).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void failsDocumentedTemporaryUnavailabilityAsNotExecuted() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(503, "Withdrawal temporarily unavailable", "Service Unavailable"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Failed.class);
            assertThat(outcome.code()).isEqualTo("PROVIDER_UNAVAILABLE");
        }

        @Test
        void failsDocumentedTemporaryUnavailabilityInFrenchAsNotExecuted() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(500, "Retrait temporairement indisponible", "Internal Server Error"));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isEqualTo(new Failed("PROVIDER_UNAVAILABLE",
                    "Cartevo 500: Retrait temporairement indisponible; documented as not executed"));
        }
    }

    @Nested
    class AmbiguousAnswers {

        @Test
        void leavesWithdrawalUnknownAfterBadGateway() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("HTTP_502");
        }

        @Test
        void leavesWithdrawalUnknownAfterGatewayTimeout() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(504, "Gateway Timeout", "Gateway Timeout"));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isInstanceOf(Unknown.class);
        }

        @Test
        void leavesWithdrawalUnknownAfter503OutsideTheEnvelope() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(aResponse().withStatus(503).withBody("upstream connect error: temporarily unavailable"));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isInstanceOf(Unknown.class);
        }

        @Test
        void leavesWithdrawalUnknownAfter500WithOtherMessageEvenIfItNamesARefusal() {
            // given: the status decides; a text alone never makes a 500 safe to resend
            stubToken(TOKEN, 3600);
            stubWithdraw(error(500, "Insufficient card balance", "Internal Server Error"));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isInstanceOf(Unknown.class);
        }
    }

    @Nested
    class Transport {

        @Test
        void leavesWithdrawalUnknownAfterReadTimeout() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(json(201, SUCCESS).withFixedDelay(3_000));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("READ_TIMEOUT");
        }

        @Test
        void sendsAWithdrawalOnceWhateverTheAnswerTheHttpClientNeverRetriesByItself() {
            // given answers an HTTP client could be tempted to retry: a 503 with Retry-After, a reset, a 429
            stubToken(TOKEN, 3600);
            for (ResponseDefinitionBuilder answer : List.of(aResponse().withStatus(503).withHeader("Retry-After", "1"),
                    aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), aResponse().withStatus(429).withHeader("Retry-After", "1"))) {
                cartevo.resetRequests();
                stubWithdraw(answer);

                // when
                provider.withdraw(request("12.50"));

                // then
                cartevo.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
            }
        }

        @Test
        void leavesWithdrawalUnknownAfterConnectionReset() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("CONNECTION_LOST");
        }

        @Test
        void leavesWithdrawalUnknownAfterEmptyResponse() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(aResponse().withFault(Fault.EMPTY_RESPONSE));

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
            CartevoProvider unreachable = new CartevoProvider(settings(URI.create("http://127.0.0.1:" + closedPort + "/api/v1")), clock);

            // when
            WithdrawalOutcome outcome = unreachable.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Failed.class);
        }
    }

    @Nested
    class Secrets {

        @Test
        void keepsClientKeyAndTokenOutOfOutcomesAndToString() {
            // given
            stubToken(TOKEN, 3600);
            List<WithdrawalOutcome> outcomes = List.of(
                    withAnswer(json(201, SUCCESS)), withAnswer(error(400, "Insufficient card balance", "Bad Request")),
                    withAnswer(aResponse().withStatus(502)), withAnswer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

            // when
            String everything = outcomes + " " + outcomes.stream().map(WithdrawalOutcome::message).toList() + " " + provider;

            // then
            assertThat(everything).doesNotContain(CLIENT_KEY).doesNotContain(TOKEN).doesNotContain("token-1");
            assertThat(provider.toString()).contains("sandbox-client");
        }

        private WithdrawalOutcome withAnswer(ResponseDefinitionBuilder answer) {
            stubWithdraw(answer);
            return provider.withdraw(request("12.50"));
        }
    }

    @Nested
    class Configuration {

        @Test
        void stopsWhenClientKeyIsMissing() {
            // given
            ProviderSettings settings = ProviderSettings.of(URI.create(cartevo.baseUrl())).withCredentials("sandbox-client", null, null);

            // when / then
            assertThatThrownBy(() -> new CartevoProvider(settings, clock))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Cartevo has no client-key: set cardsweep.providers.cartevo.client-key.");
        }
    }

    @Nested
    class Tokens {

        @Test
        void fetchesTokenOnceAndReusesIt() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(json(201, SUCCESS));

            // when
            provider.withdraw(request("12.50"));
            clock.advance(Duration.ofMinutes(30));
            provider.withdraw(request("12.50"));

            // then
            cartevo.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
            cartevo.verify(2, postRequestedFor(urlEqualTo(WITHDRAW_PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        }

        @Test
        void fetchesTokenOnceForConcurrentWithdrawals() throws Exception {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(json(201, SUCCESS));

            // when
            List<WithdrawalOutcome> outcomes = concurrently(8);

            // then
            assertThat(outcomes).hasSize(8).allMatch(Succeeded.class::isInstance);
            cartevo.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        }

        @Test
        void renewsTokenWithinRenewalMarginOfExpiry() {
            // given
            stubTokens("token-1", "token-2");
            stubWithdraw(json(201, SUCCESS));
            provider.withdraw(request("12.50"));

            // when: 58 min 1 s later the token has less than the 2-minute margin left
            clock.advance(Duration.ofMinutes(58).plusSeconds(1));
            provider.withdraw(request("12.50"));

            // then
            cartevo.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
            cartevo.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)).withHeader("Authorization", equalTo("Bearer token-2")));
        }

        @Test
        void keepsTokenJustOutsideRenewalMargin() {
            // given
            stubTokens("token-1", "token-2");
            stubWithdraw(json(201, SUCCESS));
            provider.withdraw(request("12.50"));

            // when
            clock.advance(Duration.ofMinutes(57).plusSeconds(59));
            provider.withdraw(request("12.50"));

            // then
            cartevo.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        }

        @Test
        void renewsTokenOnceAfter401AndSendsWithdrawalAgain() {
            // given
            stubTokens("token-1", "token-2");
            cartevo.stubFor(post(WITHDRAW_PATH).withHeader("Authorization", equalTo("Bearer token-1"))
                    .willReturn(error(401, "Unauthorized", "Unauthorized")));
            cartevo.stubFor(post(WITHDRAW_PATH).withHeader("Authorization", equalTo("Bearer token-2")).willReturn(json(201, SUCCESS)));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Succeeded.class);
            cartevo.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
            cartevo.verify(2, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void stopsWhenRenewedTokenIsAlsoRefused() {
            // given
            stubTokens("token-1", "token-2");
            stubWithdraw(error(401, "Unauthorized", "Unauthorized"));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("12.50")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Cartevo refused the credentials (client id sandbox-client): check cardsweep.providers.cartevo.client-id/client-key.");
            cartevo.verify(2, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void stopsWhenTokenEndpointRefusesCredentials() {
            // given
            cartevo.stubFor(post(TOKEN_PATH).willReturn(error(401, "Invalid client credentials", "Unauthorized")));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("12.50")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessageContaining("check cardsweep.providers.cartevo.client-id/client-key")
                    .hasMessageNotContaining(CLIENT_KEY);
            cartevo.verify(0, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void stopsWhenWithdrawalIsForbidden() {
            // given
            stubToken(TOKEN, 3600);
            stubWithdraw(error(403, "Forbidden resource", "Forbidden"));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("12.50"))).isInstanceOf(ProviderFatalException.class);
            cartevo.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void failsWithoutSendingWhenTokenEndpointIsDown() {
            // given
            cartevo.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(503)));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Failed.class);
            assertThat(outcome.code()).isEqualTo("TOKEN_UNAVAILABLE");
            cartevo.verify(0, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void failsWithoutSendingWhenTokenAnswerIsMalformed() {
            // given
            cartevo.stubFor(post(TOKEN_PATH).willReturn(okJson("{\"token_type\":\"Bearer\"}")));

            // when / then
            assertThat(provider.withdraw(request("12.50")).code()).isEqualTo("TOKEN_UNAVAILABLE");
            cartevo.verify(0, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        private void stubTokens(String first, String second) {
            cartevo.stubFor(post(TOKEN_PATH).inScenario("tokens").whenScenarioStateIs(STARTED).willSetStateTo("renewed")
                    .willReturn(okJson("{\"access_token\":\"" + first + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
            cartevo.stubFor(post(TOKEN_PATH).inScenario("tokens").whenScenarioStateIs("renewed")
                    .willReturn(okJson("{\"access_token\":\"" + second + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        }

        private List<WithdrawalOutcome> concurrently(int withdrawals) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(withdrawals);
            try {
                List<Callable<WithdrawalOutcome>> calls = IntStream.range(0, withdrawals)
                        .<Callable<WithdrawalOutcome>>mapToObj(i -> () -> provider.withdraw(request("12.50"))).toList();
                List<WithdrawalOutcome> outcomes = new ArrayList<>();
                for (Future<WithdrawalOutcome> f : pool.invokeAll(calls)) {
                    outcomes.add(f.get());
                }
                return outcomes;
            }
            finally {
                pool.shutdownNow();
            }
        }
    }

    /** {@code GET /cards/{id}}: the balance read before each withdrawal, for reconciling one whose answer never came. */
    @Nested
    class ReadingTheBalance {

        static final String CARD_PATH = "/api/v1/cards/" + CARD;

        @Test
        void readsTheBalanceOfTheDocumentedCardAnswerWithTheBearerToken() {
            stubToken(TOKEN, 3600);
            cartevo.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(CARD_PATH).willReturn(okJson("""
                    {"success":true,"statusCode":200,"message":"Card retrieved","data":{"id":"%s","status":"ACTIVE","balance":150.25,"currency":"USD"}}
                    """.formatted(CARD))));

            io.cardsweep.provider.CardBalances.Reading reading = provider.balance(CARD, null);

            assertThat(reading.balance()).isEqualByComparingTo("150.25");
            cartevo.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(CARD_PATH))
                    .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + TOKEN)));
        }

        @Test
        void renewsTheTokenOnceAfterA401AndThenStopsTheRun() {
            stubToken(TOKEN, 3600);
            cartevo.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(CARD_PATH)
                    .willReturn(json(401, "{\"success\":false,\"statusCode\":401,\"message\":\"Unauthorized\"}")));

            assertThatThrownBy(() -> provider.balance(CARD, null)).isInstanceOf(io.cardsweep.provider.ProviderFatalException.class)
                    .hasMessageNotContaining(CLIENT_KEY);
            cartevo.verify(2, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(CARD_PATH)));
        }

        @Test
        void saysWhyThereIsNoBalanceWhenTheAnswerHasNone() {
            stubToken(TOKEN, 3600);
            cartevo.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(CARD_PATH)
                    .willReturn(json(404, "{\"success\":false,\"statusCode\":404,\"message\":\"Card not found\",\"error\":\"Not Found\"}")));

            io.cardsweep.provider.CardBalances.Reading reading = provider.balance(CARD, null);

            assertThat(reading.balance()).isNull();
            assertThat(reading.problem()).contains("HTTP 404");
        }
    }
}
