package io.cardsweep.provider.nueve09;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderSettings;
import io.cardsweep.provider.WithdrawalOutcome;
import io.cardsweep.provider.WithdrawalOutcome.Declined;
import io.cardsweep.provider.WithdrawalOutcome.Deferred;
import io.cardsweep.provider.WithdrawalOutcome.Failed;
import io.cardsweep.provider.WithdrawalOutcome.Succeeded;
import io.cardsweep.provider.WithdrawalOutcome.Unknown;
import io.cardsweep.provider.WithdrawalRequest;
import io.cardsweep.support.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contract of the Nueve09 adapter against the responses PROVIDERS.md documents, served by WireMock. */
class Nueve09ProviderTests {

    @RegisterExtension
    static WireMockExtension nueve09 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String CARD = "9a1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";
    static final String SEALED = "c2VhbGVkLWNhcmQtbnVtYmVyLWZvci10ZXN0cw-_==";
    static final String LOGIN_PATH = "/v1/auth/login";
    static final String WITHDRAW_PATH = "/v1/cards/withdrawal";
    static final String API_KEY = "n09_live_DO-NOT-LEAK-4a1b";
    static final String PASSWORD = "n09-pass-DO-NOT-LEAK-9c2d";
    static final String TOKEN = "Bearer eyJhbGciOi.token-1.sig";

    static final String SUCCESS = """
            {"success":true,"code":0,"message":"OK",
             "data":{"operation":{"id":"op_7781","authorization_code":"A12345","amount":250.50},
                     "card":{"available":749.50},"account":{"available":10250.50}}}""";

    MutableClock clock;
    Nueve09Provider provider;

    /** Loads the HTTP stack once, so a cold first request cannot trip the read timeout of a test. */
    @BeforeAll
    static void warmUp() {
        new Nueve09Provider(settings(URI.create(nueve09.baseUrl() + "/warm-up")), java.time.Clock.systemUTC()).withdraw(request("1.00"));
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        provider = new Nueve09Provider(settings(URI.create(nueve09.baseUrl() + "/v1")), clock);
    }

    static ProviderSettings settings(URI baseUrl) {
        return ProviderSettings.of(baseUrl).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(1_500))
                .withLogin(API_KEY, PASSWORD, null);
    }

    static WithdrawalRequest request(String amount) {
        return WithdrawalRequest.of("per-diem-reclaim:42", UUID.fromString("0b8f1c4e-2d3a-4b5c-9d6e-7f8091a2b3c4"), CARD,
                new BigDecimal(amount), "MXN").with(null, null, null, new BigDecimal("19.4326"), new BigDecimal("-99.13321"), null);
    }

    static WithdrawalRequest sealedRequest() {
        return WithdrawalRequest.of("per-diem-reclaim:43", UUID.fromString("1b8f1c4e-2d3a-4b5c-9d6e-7f8091a2b3c4"), "****4792",
                new BigDecimal("100"), "MXN").with(null, null, null, new BigDecimal("-33.5"), new BigDecimal("151"), SEALED);
    }

    static void stubLogin(String authorization) {
        nueve09.stubFor(post(LOGIN_PATH).willReturn(okJson("{\"success\":true,\"code\":0,\"message\":\"OK\"}")
                .withHeader("Authorization", authorization)));
    }

    static void stubWithdraw(ResponseDefinitionBuilder response) {
        nueve09.stubFor(post(WITHDRAW_PATH).willReturn(response));
    }

    static ResponseDefinitionBuilder okJson(String body) {
        return json(200, body);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, int code, String message) {
        return json(status, "{\"success\":false,\"code\":" + code + ",\"message\":\"" + message + "\"}");
    }

    static java.util.stream.Stream<io.cardsweep.provider.AnswerClassification> classificationTable() {
        return Nueve09Provider.ANSWERS.stream();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("classificationTable")
    void classifiesEveryAnswerAsItsTableSays(io.cardsweep.provider.AnswerClassification row) {
        // given the provider answering the withdrawal with the row's example
        stubLogin(TOKEN);
        stubWithdraw(json(row.example().status(), row.example().body()));

        // when / then
        assertThat(io.cardsweep.provider.AnswerClassification.Kind.of(() -> provider.withdraw(request("12.00")))).isEqualTo(row.outcome());
    }

    @Nested
    class Login {

        @Test
        void logsInWithApiClientAndSendsTheTokenFromTheResponseHeaderBack() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(okJson(SUCCESS));

            // when
            provider.withdraw(request("250.50"));

            // then
            nueve09.verify(1, postRequestedFor(urlEqualTo(LOGIN_PATH)).withHeader("Authorization", absent())
                    .withRequestBody(equalToJson("{\"api_client\":{\"api_key\":\"" + API_KEY + "\",\"password\":\"" + PASSWORD + "\"}}")));
            nueve09.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)).withHeader("Authorization", equalTo(TOKEN)));
        }

        @Test
        void sendsABareTokenBackBareAsItCame() {
            // given
            stubLogin("eyJhbGciOi.bare.sig");
            stubWithdraw(okJson(SUCCESS));

            // when
            provider.withdraw(request("250.50"));

            // then
            nueve09.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)).withHeader("Authorization", equalTo("eyJhbGciOi.bare.sig")));
        }

        @Test
        void logsInOnceAndReusesTheToken() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(okJson(SUCCESS));

            // when
            provider.withdraw(request("250.50"));
            clock.advance(Duration.ofHours(3));
            provider.withdraw(request("250.50"));

            // then
            nueve09.verify(1, postRequestedFor(urlEqualTo(LOGIN_PATH)));
            nueve09.verify(2, postRequestedFor(urlEqualTo(WITHDRAW_PATH)).withHeader("Authorization", equalTo(TOKEN)));
        }

        @Test
        void logsInAgainAfter401AndSendsWithdrawalOnceMore() {
            // given
            stubLogins("Bearer token-1", "Bearer token-2");
            nueve09.stubFor(post(WITHDRAW_PATH).withHeader("Authorization", equalTo("Bearer token-1"))
                    .willReturn(error(401, 401, "Unauthorized")));
            nueve09.stubFor(post(WITHDRAW_PATH).withHeader("Authorization", equalTo("Bearer token-2")).willReturn(okJson(SUCCESS)));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("250.50"));

            // then
            assertThat(outcome).isInstanceOf(Succeeded.class);
            nueve09.verify(2, postRequestedFor(urlEqualTo(LOGIN_PATH)));
            nueve09.verify(2, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void logsInAgainAfterUnauthorizedCodeInAn200Envelope() {
            // given
            stubLogins("Bearer token-1", "Bearer token-2");
            nueve09.stubFor(post(WITHDRAW_PATH).withHeader("Authorization", equalTo("Bearer token-1"))
                    .willReturn(error(200, 401, "Token expired")));
            nueve09.stubFor(post(WITHDRAW_PATH).withHeader("Authorization", equalTo("Bearer token-2")).willReturn(okJson(SUCCESS)));

            // when / then
            assertThat(provider.withdraw(request("250.50"))).isInstanceOf(Succeeded.class);
            nueve09.verify(2, postRequestedFor(urlEqualTo(LOGIN_PATH)));
        }

        @Test
        void neverResendsOnACode401ThatIsNotAboutTheSession() {
            // given
            stubLogins("Bearer token-1", "Bearer token-2");
            stubWithdraw(error(200, 401, "Operation not permitted for this card"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("250.50"));

            // then
            assertThat(outcome).isNotInstanceOf(Succeeded.class);
            nueve09.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
            nueve09.verify(1, postRequestedFor(urlEqualTo(LOGIN_PATH)));
        }

        @Test
        void stopsWhenTheRenewedTokenIsAlsoRefused() {
            // given
            stubLogins("Bearer token-1", "Bearer token-2");
            stubWithdraw(error(401, 401, "Unauthorized"));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("250.50")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Nueve09 refused the login: check cardsweep.providers.nueve09.api-key and cardsweep.providers.nueve09.password.");
            nueve09.verify(2, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void stopsWhenLoginIsRefused() {
            // given
            nueve09.stubFor(post(LOGIN_PATH).willReturn(error(401, 401, "Invalid credentials")));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("250.50")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessageContaining("cardsweep.providers.nueve09.api-key")
                    .hasMessageNotContaining(API_KEY).hasMessageNotContaining(PASSWORD);
            nueve09.verify(0, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void stopsWhenLoginIsRefusedInAn200Envelope() {
            // given
            nueve09.stubFor(post(LOGIN_PATH).willReturn(error(200, 401, "Invalid credentials")));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("250.50"))).isInstanceOf(ProviderFatalException.class);
            nueve09.verify(0, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void failsWithoutSendingWhenLoginAnswersWithoutAuthorizationHeader() {
            // given
            nueve09.stubFor(post(LOGIN_PATH).willReturn(okJson("{\"success\":true,\"code\":0,\"message\":\"OK\",\"token\":\"in-the-body\"}")));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("250.50"));

            // then
            assertThat(outcome).isInstanceOf(Failed.class);
            assertThat(outcome.code()).isEqualTo("TOKEN_UNAVAILABLE");
            nueve09.verify(0, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void failsWithoutSendingWhenLoginIsDown() {
            // given
            nueve09.stubFor(post(LOGIN_PATH).willReturn(aResponse().withStatus(503)));

            // when / then
            assertThat(provider.withdraw(request("250.50")).code()).isEqualTo("TOKEN_UNAVAILABLE");
            nueve09.verify(0, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        private void stubLogins(String first, String second) {
            String ok = "{\"success\":true,\"code\":0,\"message\":\"OK\"}";
            nueve09.stubFor(post(LOGIN_PATH).inScenario("logins").whenScenarioStateIs(STARTED).willSetStateTo("renewed")
                    .willReturn(okJson(ok).withHeader("Authorization", first)));
            nueve09.stubFor(post(LOGIN_PATH).inScenario("logins").whenScenarioStateIs("renewed")
                    .willReturn(okJson(ok).withHeader("Authorization", second)));
        }
    }

    @Nested
    class RequestShape {

        @Test
        void sendsCardUuidAmountAndFiveDecimalCoordinatesWithoutPin() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(okJson(SUCCESS));

            // when
            provider.withdraw(request("250.50"));

            // then
            nueve09.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)).withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(equalToJson("{\"card_number\":\"" + CARD + "\",\"amount\":250.50,"
                            + "\"latitude\":19.43260,\"longitude\":-99.13321}")));
            String sent = lastWithdrawal().getBodyAsString();
            assertThat(sent).contains("\"amount\":250.50").contains("\"latitude\":19.43260").contains("\"longitude\":-99.13321")
                    .doesNotContain("pin").doesNotContain("E+").doesNotContain("\"250.50\"");
        }

        @Test
        void sendsTheSealedCardNumberInsteadOfTheMaskedCardId() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(okJson(SUCCESS));

            // when
            provider.withdraw(sealedRequest());

            // then
            String sent = lastWithdrawal().getBodyAsString();
            assertThat(sent).isEqualTo("{\"card_number\":\"" + SEALED + "\",\"amount\":100,\"latitude\":-33.50000,\"longitude\":151.00000}");
        }

        @Test
        void refusesARequestWithoutCoordinatesBeforeSendingAnything() {
            // given
            WithdrawalRequest noLocation = WithdrawalRequest.of("per-diem-reclaim:44", UUID.randomUUID(), CARD, BigDecimal.TEN, "MXN");

            // when / then
            assertThatThrownBy(() -> provider.withdraw(noLocation))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no latitude");
            nueve09.verify(0, postRequestedFor(urlEqualTo(LOGIN_PATH)));
        }

        private LoggedRequest lastWithdrawal() {
            List<LoggedRequest> sent = nueve09.findAll(postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
            assertThat(sent).hasSize(1);
            return sent.get(0);
        }
    }

    @Nested
    class Success {

        @Test
        void recordsOperationIdAmountAndCardBalance() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(okJson(SUCCESS));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("250.50"));

            // then
            assertThat(outcome).isEqualTo(new Succeeded("op_7781", new BigDecimal("250.50"), null, null, new BigDecimal("749.50")));
        }

        @Test
        void fallsBackToAuthorizationCodeWithoutOperationId() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(okJson("{\"success\":true,\"code\":0,\"message\":\"OK\",\"data\":{\"operation\":{\"authorization_code\":\"A12345\",\"amount\":250.50}}}"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("250.50"));

            // then
            assertThat(outcome).isEqualTo(new Succeeded("A12345", new BigDecimal("250.50"), null, null, null));
        }
    }

    @Nested
    class Refusals {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "200 | 12 | Insufficient funds                          | INSUFFICIENT_BALANCE",
                "200 | 13 | Saldo insuficiente                          | INSUFFICIENT_BALANCE",
                "200 | 20 | Card not found                              | CARD_NOT_FOUND",
                "200 | 21 | Tarjeta no encontrada                       | CARD_NOT_FOUND",
                "200 | 22 | Tarjeta bloqueada                           | CARD_BLOCKED",
                "200 | 23 | Card is blocked                             | CARD_BLOCKED",
                "200 | 30 | Invalid latitude                            | INVALID_COORDINATES",
                "200 | 31 | Coordenadas inválidas                       | INVALID_COORDINATES",
                "200 | 40 | Card number could not be decrypted          | CARD_NUMBER_UNREADABLE",
                "200 | 50 | Invalid amount                              | INVALID_AMOUNT",
                "200 | 99 | Operación no permitida                      | NUEVE09_99",
                "400 | 12 | Insufficient funds                          | INSUFFICIENT_BALANCE",
                "404 | 20 | Card not found                              | CARD_NOT_FOUND",
                "422 | 77 | Something else                              | NUEVE09_77"})
        void declinesEveryNonZeroCodeWithAReasonCode(int status, int code, String message, String expected) {
            // given
            stubLogin(TOKEN);
            stubWithdraw(error(status, code, message));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("250.50"));

            // then
            assertThat(outcome).isEqualTo(new Declined(expected, "Nueve09 " + status + " code " + code + ": " + message));
        }

        @Test
        void declinesSuccessTrueWithNonZeroCode() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(okJson("{\"success\":true,\"code\":12,\"message\":\"Insufficient funds\"}"));

            // when / then
            assertThat(provider.withdraw(request("250.50")).code()).isEqualTo("INSUFFICIENT_BALANCE");
        }

        @Test
        void stopsWhenWithdrawalIsForbidden() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(error(403, 403, "Forbidden"));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("250.50")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessageContaining("Nueve09 forbids withdrawals");
            nueve09.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void stopsOn4xxThatIsNotNueve09sFormat() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(aResponse().withStatus(404).withBody("<html>Not Found</html>"));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("250.50")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Nueve09 answered HTTP 404 in a format that is not Nueve09's, so nothing was executed: "
                            + "check cardsweep.providers.nueve09.base-url.");
        }

        @Test
        void defersRateLimitForRetryAfterSeconds() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(error(429, 429, "Too many requests").withHeader("Retry-After", "17"));

            // when / then
            assertThat(provider.withdraw(request("250.50")))
                    .isEqualTo(new Deferred("RATE_LIMITED", "Nueve09 429 code 429: Too many requests", Duration.ofSeconds(17)));
        }

        @Test
        void defersRateLimitForThirtySecondsWithoutRetryAfter() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(aResponse().withStatus(429));

            // when / then
            assertThat(((Deferred) provider.withdraw(request("250.50"))).retryAfter()).isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Nested
    class AmbiguousAnswers {

        @Test
        void leavesWithdrawalUnknownAfterServerError() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(error(500, 500, "Insufficient funds"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("250.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("HTTP_500");
        }

        @Test
        void leavesWithdrawalUnknownAfterBadGateway() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>"));

            // when / then
            assertThat(provider.withdraw(request("250.50")).code()).isEqualTo("HTTP_502");
        }

        @Test
        void leavesWithdrawalUnknownAfterMalformedSuccess() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(okJson("{\"success\":true,\"code\":0,\"message\":\"OK\",\"data\":{}}"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("250.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("MALFORMED_RESPONSE");
        }

        @Test
        void leavesWithdrawalUnknownAfterSuccessThatIsNotJson() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(aResponse().withStatus(200).withBody("<html>OK</html>"));

            // when / then
            assertThat(provider.withdraw(request("250.50")).code()).isEqualTo("MALFORMED_RESPONSE");
        }
    }

    @Nested
    class Transport {

        @Test
        void leavesWithdrawalUnknownAfterReadTimeout() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(okJson(SUCCESS).withFixedDelay(3_000));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("250.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("READ_TIMEOUT");
        }

        @Test
        void leavesWithdrawalUnknownAfterConnectionReset() {
            // given
            stubLogin(TOKEN);
            stubWithdraw(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

            // when / then
            assertThat(provider.withdraw(request("250.50")).code()).isEqualTo("CONNECTION_LOST");
        }

        @Test
        void failsWithoutSendingWhenConnectionIsRefused() throws IOException {
            // given
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            Nueve09Provider unreachable = new Nueve09Provider(settings(URI.create("http://127.0.0.1:" + closedPort + "/v1")), clock);

            // when
            WithdrawalOutcome outcome = unreachable.withdraw(request("250.50"));

            // then
            assertThat(outcome).isInstanceOf(Failed.class);
        }
    }

    @Nested
    class SecretsAndConfiguration {

        @Test
        void keepsKeyPasswordTokenAndSealedNumberOutOfOutcomesAndToString() {
            // given
            stubLogin(TOKEN);
            List<WithdrawalOutcome> outcomes = List.of(
                    withAnswer(okJson(SUCCESS)), withAnswer(error(200, 12, "Insufficient funds")),
                    withAnswer(aResponse().withStatus(502)), withAnswer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

            // when
            String everything = outcomes + " " + outcomes.stream().map(WithdrawalOutcome::message).toList() + " " + provider;

            // then
            assertThat(everything).doesNotContain(API_KEY).doesNotContain(PASSWORD).doesNotContain("token-1").doesNotContain(SEALED);
        }

        @Test
        void stopsWhenApiKeyIsMissing() {
            // given
            ProviderSettings settings = ProviderSettings.of(URI.create(nueve09.baseUrl())).withLogin(null, PASSWORD, null);

            // when / then
            assertThatThrownBy(() -> new Nueve09Provider(settings, clock))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Nueve09 has no api-key: set cardsweep.providers.nueve09.api-key.");
        }

        @Test
        void stopsWhenPasswordIsMissing() {
            // given
            ProviderSettings settings = ProviderSettings.of(URI.create(nueve09.baseUrl())).withLogin(API_KEY, " ", null);

            // when / then
            assertThatThrownBy(() -> new Nueve09Provider(settings, clock))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Nueve09 has no password: set cardsweep.providers.nueve09.password.");
        }

        private WithdrawalOutcome withAnswer(ResponseDefinitionBuilder answer) {
            stubWithdraw(answer);
            return provider.withdraw(sealedRequest());
        }
    }

    /** {@code GET /cards/balance}: the balance read before each withdrawal, for reconciling one whose answer never came. */
    @Nested
    class ReadingTheBalance {

        @Test
        void readsTheAvailableBalanceOfACardGivenByItsSealedNumberWithTheSessionToken() {
            stubLogin(TOKEN);
            nueve09.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                    "/v1/cards/balance")).willReturn(okJson("{\"success\":true,\"code\":0,\"message\":\"OK\",\"data\":{\"available\":\"812.40\"}}")));

            io.cardsweep.provider.CardBalances.Reading reading = provider.balance("****2627", SEALED);

            assertThat(reading.balance()).isEqualByComparingTo("812.40");
            nueve09.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/cards/balance"))
                    .withQueryParam("card_number", equalTo(SEALED)).withQueryParam("movements", equalTo("false"))
                    .withHeader("Authorization", equalTo(TOKEN)));
        }

        @Test
        void saysWhyThereIsNoBalanceWhenNueve09RefusesTheCard() {
            stubLogin(TOKEN);
            nueve09.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                    "/v1/cards/balance")).willReturn(error(200, 404, "Card not found")));

            io.cardsweep.provider.CardBalances.Reading reading = provider.balance(CARD, null);

            assertThat(reading.balance()).isNull();
            assertThat(reading.problem()).contains("Card not found");
        }
    }
}
