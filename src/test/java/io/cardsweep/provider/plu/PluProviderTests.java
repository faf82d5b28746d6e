package io.cardsweep.provider.plu;

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
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contract of the Plu adapter against the responses PROVIDERS.md documents, served by WireMock. */
class PluProviderTests {

    @RegisterExtension
    static WireMockExtension plu = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String CARD = "acme-card-xyz789jkl012mno";
    static final String WITHDRAW_PATH = "/api/v1/partner/card/withdraw";
    static final String API_KEY = "test-key-DO-NOT-LEAK-5c1e";
    static final UUID IDEMPOTENCY_KEY = UUID.fromString("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d");
    static final String REFERENCE = "per-diem 2026-03 trip 1000";

    static final String SUCCESS = """
            {"status":"success","message":"Card withdrawal successful","data":{}}""";

    MutableClock clock;
    PluProvider provider;

    /** Loads the HTTP stack once, so a cold first request cannot trip the read timeout of a test. */
    @BeforeAll
    static void warmUp() {
        try {
            new PluProvider(settings(URI.create(plu.baseUrl() + "/warm-up")), Clock.systemUTC()).withdraw(request("5.00"));
        }
        catch (ProviderFatalException expected) {
            // nothing is stubbed there: the answer is WireMock's own 404, which is the point of a warm-up
        }
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        provider = new PluProvider(settings(URI.create(plu.baseUrl() + "/api")), clock);
    }

    static ProviderSettings settings(URI baseUrl) {
        return ProviderSettings.of(baseUrl).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(1_500)).withCredentials(null, null, API_KEY);
    }

    static WithdrawalRequest request(String amount) {
        return WithdrawalRequest.of("per-diem-reclaim:7", IDEMPOTENCY_KEY, CARD, new BigDecimal(amount), "USD")
                .with(REFERENCE, null, null, null, null, null);
    }

    static void answer(ResponseDefinitionBuilder response) {
        plu.stubFor(post(WITHDRAW_PATH).willReturn(response));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String code, String text) {
        return json(status, "{\"status\":\"error\",\"message\":\"" + code + "\",\"data\":{\"error\":\"" + text + "\"}}");
    }

    static java.util.stream.Stream<io.cardsweep.provider.AnswerClassification> classificationTable() {
        return PluProvider.ANSWERS.stream();
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
        void recordsWithdrawalWithoutTransactionIdPluDoesNotReturn() {
            // given
            answer(json(200, SUCCESS));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isEqualTo(new Succeeded(null, null, null, null, null));
        }

        @Test
        void recordsWithdrawalAnsweredWith201() {
            // given
            answer(json(201, SUCCESS));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isInstanceOf(Succeeded.class);
        }

        @Test
        void sendsIdempotencyKeyBearerKeyAndBodyToPartnerPath() {
            // given
            answer(json(200, SUCCESS));

            // when
            provider.withdraw(request("12.50"));

            // then
            plu.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH))
                    .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                    .withHeader("idempotency-key", equalTo(IDEMPOTENCY_KEY.toString()))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(equalTo("{\"serviceCardId\":\"" + CARD + "\",\"amount\":12.50,\"reference\":\"" + REFERENCE + "\"}")));
        }

        @Test
        void sendsAmountAsPlainNumberNeverInExponentForm() {
            // given
            answer(json(200, SUCCESS));

            // when
            provider.withdraw(request("10000"));

            // then
            plu.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH))
                    .withRequestBody(equalToJson("{\"serviceCardId\":\"" + CARD + "\",\"amount\":10000,\"reference\":\"" + REFERENCE + "\"}")));
        }

        @Test
        void leavesWithdrawalUnknownWhenSuccessBodyIsNotJson() {
            // given
            answer(json(200, "{\"status\":\"success\",\"data\":"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("MALFORMED_RESPONSE");
        }

        @Test
        void leavesWithdrawalUnknownWhenSuccessStatusSaysError() {
            // given: a 200 carrying an error envelope proves nothing either way
            answer(error(200, "CARD_NOT_FOUND", "Card not found"));

            // when / then
            assertThat(provider.withdraw(request("12.50")).code()).isEqualTo("MALFORMED_RESPONSE");
        }

        @Test
        void leavesWithdrawalUnknownWhenSuccessBodyIsEmpty() {
            // given
            answer(aResponse().withStatus(204));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isEqualTo(new Unknown("MALFORMED_RESPONSE",
                    "Plu answered 204 with a body that is not a withdrawal confirmation; the withdrawal may have been executed"));
        }

        @Test
        void declinesWithoutSendingWhenReferenceIsMissing() {
            // given
            WithdrawalRequest noReference = WithdrawalRequest.of("per-diem-reclaim:8", IDEMPOTENCY_KEY, CARD, new BigDecimal("12.50"), "USD");

            // when
            WithdrawalOutcome outcome = provider.withdraw(noReference);

            // then
            assertThat(outcome.code()).isEqualTo("REFERENCE_REQUIRED");
            plu.verify(0, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }
    }

    @Nested
    class Refusals {

        @ParameterizedTest
        @CsvSource({
                "404, CARD_NOT_FOUND, Card not found",
                "400, CARD_ALREADY_TERMINATED, Card has already been terminated",
                "400, INSUFFICIENT_FUNDS, Insufficient funds on card",
                "402, INSUFFICIENT_WALLET_BALANCE, Insufficient wallet balance to cover fees"})
        void declinesWithPlusCode(int status, String code, String text) {
            // given
            answer(error(status, code, text));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isEqualTo(new Declined(code, "Plu " + status + ": " + code + " (" + text + ")"));
        }

        @Test
        void declinesBodyValidationWithPlusDetail() {
            // given
            answer(error(422, "VALIDATION_ERROR", "amount must not be less than 5"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isEqualTo(new Declined("INVALID_INPUT", "Plu 422: VALIDATION_ERROR (amount must not be less than 5)"));
        }

        @Test
        void declinesValidationListingEveryIssue() {
            // given
            answer(json(422, """
                    {"status":"error","message":"VALIDATION_ERROR","data":{"error":["reference should not be empty"]}}"""));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isEqualTo(
                    new Declined("INVALID_INPUT", "Plu 422: VALIDATION_ERROR ([\"reference should not be empty\"])"));
        }

        @Test
        void declinesOtherCodeAsProviderRefusal() {
            // given
            answer(error(400, "CARD_FROZEN", "Card is frozen"));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isEqualTo(new Declined("PROVIDER_REFUSED", "Plu 400: CARD_FROZEN (Card is frozen)"));
        }
    }

    @Nested
    class ReusedKey {

        @Test
        void leavesWithdrawalUnknownWhenKeyWasAlreadyUsed() {
            // given: an earlier attempt with this key reached Plu; Plu does not say how it ended
            answer(error(400, "IDEMPOTENCY_KEY_ALREADY_USED", "Idempotency key has already been used"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
            assertThat(outcome.message()).contains("reached Plu before; never re-sent");
            plu.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void recognisesKeyReuseByItsTextUnderAnotherCode() {
            // given
            answer(error(400, "BAD_REQUEST", "This idempotency key was already used"));

            // when / then
            assertThat(provider.withdraw(request("12.50")).code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        }

        @Test
        void recognisesKeyReuseAnsweredAsConflict() {
            // given
            answer(error(409, "IDEMPOTENCY_KEY_ALREADY_USED", "Duplicate request"));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isInstanceOf(Unknown.class);
        }
    }

    @Nested
    class Pacing {

        @Test
        void defersCardDebitLimitUntilTheIdempotencyKeyIsForgotten() {
            // given a Retry-After shorter than the 5 minutes Plu remembers the key the next attempt reuses
            answer(error(429, "CARD_DEBIT_LIMIT", "Card debit limit reached").withHeader("Retry-After", "42"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isEqualTo(new Deferred("CARD_DEBIT_LIMIT", "Plu 429: CARD_DEBIT_LIMIT (Card debit limit reached)",
                    Duration.ofMinutes(5).plusSeconds(5)));
        }

        @Test
        void honoursARetryAfterLongerThanTheKeyLifetime() {
            // given
            answer(error(429, "CARD_DEBIT_LIMIT", "Card debit limit reached").withHeader("Retry-After", "900"));

            // when / then
            assertThat(((Deferred) provider.withdraw(request("12.50"))).retryAfter()).isEqualTo(Duration.ofMinutes(15));
        }

        @Test
        void defersOtherTooManyRequestsAsRateLimited() {
            // given: a gateway in front of Plu, not Plu's envelope
            answer(aResponse().withStatus(429).withHeader("Retry-After", "Sun, 01 Mar 2026 10:02:00 GMT").withBody("Too Many Requests"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isEqualTo(new Deferred("RATE_LIMITED", "Plu 429", Duration.ofMinutes(5).plusSeconds(5)));
        }
    }

    @Nested
    class FatalAnswers {

        @Test
        void stopsWhenApiKeyIsRefused() {
            // given
            answer(error(401, "INVALID_API_KEY", "Invalid API key"));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("12.50")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Plu refused the API key (HTTP 401): check cardsweep.providers.plu.api-key.");
            plu.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void stopsWhenPartnerIsSuspended() {
            // given
            answer(error(403, "PARTNER_SUSPENDED", "Partner account suspended"));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("12.50")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Plu forbids withdrawals for this partner (HTTP 403, partner suspended): ask Plu to reinstate the account,"
                            + " or check cardsweep.providers.plu.api-key.");
        }

        @Test
        void stopsTheRunWhenARefusalIsNotInPlusFormat() {
            // given a wrong base URL: the web server, not Plu, answers
            answer(aResponse().withStatus(404).withBody("<html>Not Found</html>"));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("12.50")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Plu answered HTTP 404 in a format that is not Plu's, so nothing was executed: "
                            + "check cardsweep.providers.plu.base-url.");
        }

        @Test
        void stopsAtConstructionWithoutApiKey() {
            // given
            ProviderSettings settings = ProviderSettings.of(URI.create(plu.baseUrl()));

            // when / then
            assertThatThrownBy(() -> new PluProvider(settings, clock))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("Plu has no API key: set cardsweep.providers.plu.api-key.");
        }

        @Test
        void stopsAtConstructionWithoutBaseUrl() {
            // given
            ProviderSettings settings = ProviderSettings.of(null).withCredentials(null, null, API_KEY);

            // when / then
            assertThatThrownBy(() -> new PluProvider(settings, clock))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessageContaining("cardsweep.providers.plu.base-url")
                    .hasMessageContaining("cardsweep.providers.plu.api-key");
        }
    }

    @Nested
    class AmbiguousAnswers {

        @Test
        void leavesWithdrawalUnknownAfterInternalServerError() {
            // given: Plu documents 500 without saying the withdrawal was not executed
            answer(error(500, "INTERNAL_SERVER_ERROR", "Something went wrong"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isEqualTo(new Unknown("HTTP_500",
                    "Plu 500: INTERNAL_SERVER_ERROR (Something went wrong); the withdrawal may have been executed"));
        }

        @Test
        void leavesWithdrawalUnknownAfter500EvenWithRefusalCode() {
            // given
            answer(error(500, "INSUFFICIENT_FUNDS", "Insufficient funds on card"));

            // when / then
            assertThat(provider.withdraw(request("12.50"))).isInstanceOf(Unknown.class);
        }

        @Test
        void leavesWithdrawalUnknownAfterBadGatewayPage() {
            // given
            answer(aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("HTTP_502");
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
            plu.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void leavesWithdrawalUnknownAfterConnectionReset() {
            // given
            answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("12.50"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("CONNECTION_LOST");
            plu.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void failsWithoutSendingWhenConnectionIsRefused() throws IOException {
            // given
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            PluProvider unreachable = new PluProvider(settings(URI.create("http://127.0.0.1:" + closedPort + "/api")), clock);

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
            List<ResponseDefinitionBuilder> answers = List.of(json(200, SUCCESS), error(400, "INSUFFICIENT_FUNDS", "Insufficient funds"),
                    error(400, "IDEMPOTENCY_KEY_ALREADY_USED", "used"), error(500, "INTERNAL_SERVER_ERROR", "boom"),
                    aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

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

        @Test
        void keepsApiKeyOutOfFatalMessages() {
            // given
            answer(error(401, "INVALID_API_KEY", "Invalid API key " + API_KEY));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("12.50")))
                    .satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(API_KEY));
        }
    }
}
