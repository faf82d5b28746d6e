package io.cardsweep.provider.htp;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderSettings;
import io.cardsweep.provider.PendingGuard;
import io.cardsweep.provider.RequestGate;
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
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract of the HTP adapter against the answers PROVIDERS.md documents, served by WireMock: errors as HTTP 200
 * envelopes, a signed token, and a withdrawal followed by its status lookup.
 */
class HtpProviderTests {

    @RegisterExtension
    static WireMockExtension htp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String CARD = "7a1c2b9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";
    static final String TOKEN_PATH = "/api/v1/connect/token";
    static final String WITHDRAW_PATH = "/api/v1/card-withdrawals";
    static final String STATUS_PATH = "/api/v1/cards/" + CARD + "/withdraw-status";
    static final String TRC20_WALLET = "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf";
    static final String TOKEN = "htp.token-1.sig";
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    MutableClock clock;
    List<Duration> pauses;
    HtpProvider provider;

    /** Loads the HTTP stack once, so a cold first request cannot trip the read timeout of a test. */
    @BeforeAll
    static void warmUp() {
        new HtpProvider(settings(URI.create(htp.baseUrl() + "/warm-up")), java.time.Clock.systemUTC()).withdraw(request("1.00"));
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock(START);
        pauses = new CopyOnWriteArrayList<>();
        provider = provider(settings(URI.create(htp.baseUrl() + "/api/v1")));
    }

    /** The follower's waits move the test clock instead of sleeping, and are recorded. */
    HtpProvider provider(ProviderSettings settings) {
        return new HtpProvider(settings, clock, duration -> {
            pauses.add(duration);
            clock.advance(duration);
        });
    }

    /** An HTP adapter whose gate lets every request go and records each slow-down it is asked for. */
    HtpProvider recordingSlowDowns(List<Duration> slowDowns) {
        RequestGate gate = new RequestGate() {
            @Override
            public void beforeRequest() {
            }

            @Override
            public void slowDown(Duration retryAfter) {
                slowDowns.add(retryAfter);
            }
        };
        return new HtpProvider(settings(URI.create(htp.baseUrl() + "/api/v1")), clock, gate, PendingGuard.inProcess());
    }

    static ProviderSettings settings(URI baseUrl) {
        return ProviderSettings.of(baseUrl).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(1_500))
                .withAgent(HtpSignatureTests.AGENT_ID, HtpSignatureTests.SECRET, HtpSignatureTests.DEVICE_ID, HtpSignatureTests.USER_ID,
                        new BigDecimal("1.00"))
                .withTokenRenewalMargin(Duration.ofMinutes(2)).withStatusTimeout(Duration.ofSeconds(10));
    }

    static WithdrawalRequest request(String amount) {
        return WithdrawalRequest.of("card-termination-sweep:7", UUID.fromString("0b8f1c4e-2d3a-4b5c-9d6e-7f8091a2b3c4"), CARD,
                new BigDecimal(amount), "USD").with(null, TRC20_WALLET, "trc20", null, null, null);
    }

    static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** HTP's envelope, delivered as HTTP 200 whatever its status_code, as HTP does. */
    static ResponseDefinitionBuilder envelope(int statusCode, String message, String data) {
        return okJson("{\"trace_id\":\"tr-" + statusCode + "\",\"status_code\":" + statusCode + ",\"message\":\"" + message
                + "\",\"data\":" + data + "}");
    }

    static void stubToken(String token, long expiresIn) {
        htp.stubFor(post(TOKEN_PATH).willReturn(envelope(200, "OK", "{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn + "}")));
    }

    static void stubWithdraw(ResponseDefinitionBuilder response) {
        htp.stubFor(post(WITHDRAW_PATH).willReturn(response));
    }

    static void stubStatus(ResponseDefinitionBuilder response) {
        htp.stubFor(get(STATUS_PATH).willReturn(response));
    }

    static ResponseDefinitionBuilder status(String status) {
        return envelope(200, "OK", "{\"status\":\"" + status + "\"}");
    }

    static final String CREATED = "{\"id\":\"wd_8a7b6c\",\"status\":\"PENDING\",\"amount\":\"50.00\",\"fee\":\"1.00\"}";

    /** Statuses served one after the other, the last one repeated. */
    static void stubStatuses(String... statuses) {
        for (int i = 0; i < statuses.length; i++) {
            String state = i == 0 ? STARTED : "poll-" + i;
            var stub = get(STATUS_PATH).inScenario("status").whenScenarioStateIs(state);
            if (i + 1 < statuses.length) {
                stub = stub.willSetStateTo("poll-" + (i + 1));
            }
            htp.stubFor(stub.willReturn(status(statuses[i])));
        }
    }

    static java.util.stream.Stream<io.cardsweep.provider.AnswerClassification> classificationTable() {
        return HtpProvider.ANSWERS.stream();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("classificationTable")
    void classifiesEveryAnswerAsItsTableSays(io.cardsweep.provider.AnswerClassification row) {
        // given the provider answering the withdrawal with the row's example
        stubToken(TOKEN, 1800);
        stubWithdraw(aResponse().withStatus(row.example().status()).withHeader("Content-Type", "application/json").withBody(row.example().body()));
        stubStatus(status("SUCCESS"));

        // when / then
        assertThat(io.cardsweep.provider.AnswerClassification.Kind.of(() -> provider.withdraw(request("12.00")))).isEqualTo(row.outcome());
    }

    @Nested
    class Tokens {

        @Test
        void signsTokenRequestAndSendsTimestampAsString() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            stubStatus(status("SUCCESS"));

            // when
            provider.withdraw(request("50.00"));

            // then
            htp.verify(postRequestedFor(urlEqualTo(TOKEN_PATH))
                    .withHeader("X-Agent-ID", equalTo(HtpSignatureTests.AGENT_ID))
                    .withHeader("X-Signature", equalTo(HtpSignatureTests.OPENSSL_HEX))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withoutHeader("Authorization")
                    .withRequestBody(equalTo("{\"device_id\":\"device-7\",\"timestamp\":\"1772359200\",\"user_id\":\"user-42\"}")));
        }

        @Test
        void fetchesTokenOnceAndReusesIt() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            stubStatus(status("SUCCESS"));

            // when
            provider.withdraw(request("50.00"));
            clock.advance(Duration.ofMinutes(20));
            provider.withdraw(request("50.00"));

            // then
            htp.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
            htp.verify(2, postRequestedFor(urlEqualTo(WITHDRAW_PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
            htp.verify(2, getRequestedFor(urlEqualTo(STATUS_PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        }

        @Test
        void renewsTokenWithinRenewalMarginOfExpiryWithAFreshSignature() {
            // given
            stubTokens("token-1", "token-2");
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            stubStatus(status("SUCCESS"));
            provider.withdraw(request("50.00"));

            // when: 28 min 1 s later the 30-minute token has less than the 2-minute margin left
            clock.advance(Duration.ofMinutes(28).plusSeconds(1));
            provider.withdraw(request("50.00"));

            // then
            htp.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
            htp.verify(postRequestedFor(urlEqualTo(TOKEN_PATH)).withRequestBody(equalTo(
                    "{\"device_id\":\"device-7\",\"timestamp\":\"" + (START.getEpochSecond() + 28 * 60 + 1) + "\",\"user_id\":\"user-42\"}")));
            htp.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)).withHeader("Authorization", equalTo("Bearer token-2")));
        }

        @Test
        void keepsTokenJustOutsideRenewalMargin() {
            // given
            stubTokens("token-1", "token-2");
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            stubStatus(status("SUCCESS"));
            provider.withdraw(request("50.00"));

            // when
            clock.advance(Duration.ofMinutes(27).plusSeconds(59));
            provider.withdraw(request("50.00"));

            // then
            htp.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        }

        @Test
        void renewsTokenOnceAfterBodyStatus401DeliveredAsHttp200AndSendsWithdrawalAgain() {
            // given
            stubTokens("token-1", "token-2");
            htp.stubFor(post(WITHDRAW_PATH).withHeader("Authorization", equalTo("Bearer token-1"))
                    .willReturn(envelope(401, "Token expired", "null")));
            htp.stubFor(post(WITHDRAW_PATH).withHeader("Authorization", equalTo("Bearer token-2"))
                    .willReturn(envelope(201, "Withdrawal created", CREATED)));
            stubStatus(status("SUCCESS"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("50.00"));

            // then
            assertThat(outcome).isInstanceOf(Succeeded.class);
            htp.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
            htp.verify(2, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void renewsTokenOnceAfterHttp401() {
            // given
            stubTokens("token-1", "token-2");
            htp.stubFor(post(WITHDRAW_PATH).withHeader("Authorization", equalTo("Bearer token-1"))
                    .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Unauthorized\"}")));
            htp.stubFor(post(WITHDRAW_PATH).withHeader("Authorization", equalTo("Bearer token-2"))
                    .willReturn(envelope(201, "Withdrawal created", CREATED)));
            stubStatus(status("SUCCESS"));

            // when / then
            assertThat(provider.withdraw(request("50.00"))).isInstanceOf(Succeeded.class);
            htp.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
        }

        @Test
        void renewsTokenOnceWhenAStatusLookupIsRefused() {
            // given
            stubTokens("token-1", "token-2");
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            htp.stubFor(get(STATUS_PATH).withHeader("Authorization", equalTo("Bearer token-1")).willReturn(envelope(401, "Token expired", "null")));
            htp.stubFor(get(STATUS_PATH).withHeader("Authorization", equalTo("Bearer token-2")).willReturn(status("SUCCESS")));

            // when / then
            assertThat(provider.withdraw(request("50.00"))).isInstanceOf(Succeeded.class);
            htp.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void stopsWhenRenewedTokenIsAlsoRefused() {
            // given
            stubTokens("token-1", "token-2");
            stubWithdraw(envelope(401, "Unauthorized", "null"));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("50.00")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("HTP refused the agent token (agent id 5f0c7f8e-2b7a-4d1e-9c3b-6a2e8d4f1b00, user id user-42): "
                            + "check cardsweep.providers.htp.agent-id/agent-secret/device-id/user-id"
                            + " and that this machine's clock is within 5 minutes of the real time.");
            htp.verify(2, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void stopsWhenTokenEndpointRefusesTheSignatureInAnHttp200() {
            // given
            htp.stubFor(post(TOKEN_PATH).willReturn(envelope(401, "Invalid signature", "null")));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("50.00")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessageContaining("cardsweep.providers.htp.agent-id/agent-secret")
                    .hasMessageNotContaining(HtpSignatureTests.SECRET)
                    .hasMessageNotContaining(HtpSignatureTests.OPENSSL_HEX);
            htp.verify(0, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void readsTokenGivenAsTokenWithDocumentedLifetime() {
            // given
            htp.stubFor(post(TOKEN_PATH).willReturn(envelope(200, "OK", "{\"token\":\"" + TOKEN + "\"}")));
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            stubStatus(status("SUCCESS"));

            // when
            provider.withdraw(request("50.00"));
            clock.advance(Duration.ofMinutes(27));
            provider.withdraw(request("50.00"));

            // then
            htp.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
            htp.verify(2, postRequestedFor(urlEqualTo(WITHDRAW_PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        }

        @Test
        void failsWithoutSendingWhenTokenEndpointIsDown() {
            // given
            htp.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(503)));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("50.00"));

            // then
            assertThat(outcome).isInstanceOf(Failed.class);
            assertThat(outcome.code()).isEqualTo("TOKEN_UNAVAILABLE");
            htp.verify(0, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void defersWithoutSendingWhenTokenRequestIsRateLimited() {
            // given
            htp.stubFor(post(TOKEN_PATH).willReturn(envelope(429, "Too many requests", "null")));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("50.00"));

            // then
            assertThat(outcome).isInstanceOf(Deferred.class);
            assertThat(((Deferred) outcome).retryAfter()).isEqualTo(Duration.ofSeconds(60));
            htp.verify(0, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        private void stubTokens(String first, String second) {
            htp.stubFor(post(TOKEN_PATH).inScenario("tokens").whenScenarioStateIs(STARTED).willSetStateTo("renewed")
                    .willReturn(envelope(200, "OK", "{\"access_token\":\"" + first + "\",\"expires_in\":1800}")));
            htp.stubFor(post(TOKEN_PATH).inScenario("tokens").whenScenarioStateIs("renewed")
                    .willReturn(envelope(200, "OK", "{\"access_token\":\"" + second + "\",\"expires_in\":1800}")));
        }
    }

    @Nested
    class Success {

        @Test
        void followsStatusFromPendingThroughProcessingToSuccess() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            stubStatuses("PENDING", "PROCESSING", "SUCCESS");

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("50.00"));

            // then
            assertThat(outcome).isEqualTo(new Succeeded("wd_8a7b6c", new BigDecimal("50.00"), new BigDecimal("1.00"), null, null));
            htp.verify(3, getRequestedFor(urlEqualTo(STATUS_PATH)));
            assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        }

        @Test
        void sendsAmountAsTwoDecimalStringWithWalletAndNetwork() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            stubStatus(status("SUCCESS"));

            // when
            provider.withdraw(request("50"));

            // then
            htp.verify(postRequestedFor(urlEqualTo(WITHDRAW_PATH))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(equalTo("{\"source_card_uuid\":\"" + CARD + "\",\"wallet_address\":\"" + TRC20_WALLET
                            + "\",\"amount\":\"50.00\",\"network\":\"TRC20\"}")));
        }

        @Test
        void takesTheTraceIdAsTransactionIdWhenTheAnswerHasNoId() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(okJson("{\"trace_id\":\"tr-77\",\"status_code\":200,\"message\":\"OK\",\"data\":{\"status\":\"PENDING\"}}"));
            stubStatus(status("SUCCESS"));

            // when / then
            assertThat(provider.withdraw(request("50.00"))).isEqualTo(new Succeeded("tr-77", null, null, null, null));
        }

        @Test
        void needsNoLookupWhenTheCreateAnswerIsAlreadySettled() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", "{\"id\":\"wd_1\",\"status\":\"SUCCESS\",\"amount\":50.00}"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("50.00"));

            // then
            assertThat(outcome).isEqualTo(new Succeeded("wd_1", new BigDecimal("50.00"), null, null, null));
            htp.verify(0, getRequestedFor(urlEqualTo(STATUS_PATH)));
        }

        @Test
        void sleepsForRealBetweenLookupsWithThePublicConstructor() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            stubStatuses("PENDING", "SUCCESS");
            HtpProvider sleeping = new HtpProvider(settings(URI.create(htp.baseUrl() + "/api/v1")), clock);

            // when
            long started = System.nanoTime();
            WithdrawalOutcome outcome = sleeping.withdraw(request("50.00"));

            // then
            assertThat(outcome).isInstanceOf(Succeeded.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        }
    }

    @Nested
    class Settlement {

        @Test
        void declinesWhenTheWithdrawalFails() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            stubStatuses("PROCESSING", "FAILED");

            // when / then
            assertThat(provider.withdraw(request("50.00")))
                    .isEqualTo(new Declined("WITHDRAWAL_FAILED", "HTP reports the withdrawal FAILED; nothing was executed"));
        }

        @Test
        void leavesWithdrawalUnknownWhenStillPendingAtTheBound() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            stubStatus(status("PENDING"));
            HtpProvider impatient = provider(settings(URI.create(htp.baseUrl() + "/api/v1")).withStatusTimeout(Duration.ofSeconds(1)));

            // when
            WithdrawalOutcome outcome = impatient.withdraw(request("50.00"));

            // then
            assertThat(outcome).isEqualTo(new Unknown("STILL_PENDING", "HTP accepted the withdrawal from card 7a1c****3a4b but still "
                    + "reports it PENDING after 1 s; resolvable later by the withdraw-status lookup"));
            assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(300));
            htp.verify(1, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void backsOffDoublingUpToTwoSeconds() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            stubStatus(status("PROCESSING"));

            // when
            provider.withdraw(request("50.00"));

            // then: 10 s of status timeout
            assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
                    Duration.ofMillis(1600), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(900));
        }

        @Test
        void keepsLookingThroughFailedLookups() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            htp.stubFor(get(STATUS_PATH).inScenario("flaky").whenScenarioStateIs(STARTED).willSetStateTo("500")
                    .willReturn(aResponse().withStatus(503)));
            htp.stubFor(get(STATUS_PATH).inScenario("flaky").whenScenarioStateIs("500").willSetStateTo("reset")
                    .willReturn(envelope(500, "Internal error", "null")));
            htp.stubFor(get(STATUS_PATH).inScenario("flaky").whenScenarioStateIs("reset").willSetStateTo("ok")
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            htp.stubFor(get(STATUS_PATH).inScenario("flaky").whenScenarioStateIs("ok").willReturn(status("SUCCESS")));

            // when / then
            assertThat(provider.withdraw(request("50.00"))).isInstanceOf(Succeeded.class);
            htp.verify(4, getRequestedFor(urlEqualTo(STATUS_PATH)));
        }

        @Test
        void waitsAsLongAsARateLimitedLookupAsks() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            htp.stubFor(get(STATUS_PATH).inScenario("limited").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3").withBody("{\"status_code\":429}")));
            htp.stubFor(get(STATUS_PATH).inScenario("limited").whenScenarioStateIs("ok").willReturn(status("SUCCESS")));

            // when / then
            assertThat(provider.withdraw(request("50.00"))).isInstanceOf(Succeeded.class);
            assertThat(pauses).containsExactly(Duration.ofSeconds(3));
        }

        @Test
        void leavesWithdrawalUnknownWhenNoLookupSucceedsWithinTheBound() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", CREATED));
            stubStatus(envelope(500, "Internal error", "null"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("50.00"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("STILL_PENDING");
            assertThat(outcome.message()).contains("could not be read within 10 s").endsWith("resolvable later by the withdraw-status lookup");
        }
    }

    @Nested
    class Refusals {

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                400 | Insufficient balance                        | INSUFFICIENT_BALANCE
                400 | Card is not active                          | CARD_NOT_ACTIVE
                400 | Amount must be greater than the fee of 1.00 | AMOUNT_NOT_ABOVE_FEE
                400 | Invalid wallet address for network TRC20    | INVALID_WALLET_ADDRESS
                400 | Something new went wrong                    | DECLINED_BAD_REQUEST
                404 | Card not found                              | CARD_NOT_FOUND
                403 | Card does not belong to this user           | CARD_NOT_OWNED
                """)
        void declinesBusinessErrorsDeliveredAsHttp200(int statusCode, String message, String code) {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(statusCode, message, "null"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("50.00"));

            // then
            assertThat(outcome).isEqualTo(new Declined(code, "HTP " + statusCode + ": " + message));
            htp.verify(0, getRequestedFor(urlEqualTo(STATUS_PATH)));
        }

        @Test
        void declinesBusinessErrorDeliveredWithTheMatchingHttpStatus() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(aResponse().withStatus(400).withBody("{\"trace_id\":\"t\",\"status_code\":400,\"message\":\"Insufficient balance\"}"));

            // when / then
            assertThat(provider.withdraw(request("50.00")).code()).isEqualTo("INSUFFICIENT_BALANCE");
        }

        @Test
        void defersWhileAnotherWithdrawalOfTheUserIsPending() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(409, "A pending withdrawal already exists", "null"));

            // when / then
            assertThat(provider.withdraw(request("50.00"))).isEqualTo(new Deferred("ONE_PENDING",
                    "HTP 409: A pending withdrawal already exists; HTP allows one pending withdrawal per user", Duration.ofSeconds(5)));
        }

        @Test
        void defersOnePendingRecognisedByItsText() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(400, "User already has a pending withdrawal", "null"));

            // when / then
            assertThat(provider.withdraw(request("50.00")).code()).isEqualTo("ONE_PENDING");
        }

        @Test
        void defersHttp429ForRetryAfterSeconds() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(aResponse().withStatus(429).withHeader("Retry-After", "17")
                    .withBody("{\"trace_id\":\"t\",\"status_code\":429,\"message\":\"Too many requests\",\"data\":null}"));

            // when / then
            assertThat(provider.withdraw(request("50.00")))
                    .isEqualTo(new Deferred("RATE_LIMITED", "HTP 429: Too many requests", Duration.ofSeconds(17)));
        }

        @Test
        void defersBodyStatus429DeliveredAsHttp200ForSixtySeconds() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(429, "Too many requests", "null"));

            // when / then
            assertThat(provider.withdraw(request("50.00")))
                    .isEqualTo(new Deferred("RATE_LIMITED", "HTP 429: Too many requests", Duration.ofSeconds(60)));
        }

        @Test
        void holdsBackEveryRequestWhenA429ArrivesInsideAnHttp200() {
            // given an HTP whose 429s come in the body, and the gate its requests pass
            List<Duration> slowDowns = new CopyOnWriteArrayList<>();
            HtpProvider gated = recordingSlowDowns(slowDowns);
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(429, "Too many requests", "null"));

            // when
            WithdrawalOutcome outcome = gated.withdraw(request("50.00"));

            // then the shared limit slowed down as for an HTTP 429, and only once
            assertThat(outcome.code()).isEqualTo("RATE_LIMITED");
            assertThat(slowDowns).containsExactly(Duration.ofSeconds(60));
        }

        @Test
        void slowsDownOnceForAnHttp429() {
            // given
            List<Duration> slowDowns = new CopyOnWriteArrayList<>();
            HtpProvider gated = recordingSlowDowns(slowDowns);
            stubToken(TOKEN, 1800);
            stubWithdraw(aResponse().withStatus(429).withHeader("Retry-After", "17")
                    .withBody("{\"trace_id\":\"t\",\"status_code\":429,\"message\":\"Too many requests\",\"data\":null}"));

            // when
            gated.withdraw(request("50.00"));

            // then
            assertThat(slowDowns).containsExactly(Duration.ofSeconds(17));
        }

        @Test
        void stopsTheRunWhenARefusalIsNotInHtpsFormat() {
            // given a wrong base URL or a proxy answering instead of HTP
            stubToken(TOKEN, 1800);
            stubWithdraw(aResponse().withStatus(404).withBody("<html>Not Found</html>"));

            // when / then
            assertThatThrownBy(() -> provider.withdraw(request("50.00")))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("HTP answered HTTP 404 in a format that is not HTP's, so nothing was executed: "
                            + "check cardsweep.providers.htp.base-url.");
        }

        @Test
        void leavesWithdrawalUnknownWhenAnHttp200IsJsonOfAnotherShape() {
            // given: HTP executes while it answers, so a success it cannot read may be a withdrawal made
            stubToken(TOKEN, 1800);
            stubWithdraw(okJson("{\"ok\":true,\"result\":\"queued\"}"));

            // when / then
            assertThat(provider.withdraw(request("50.00"))).isEqualTo(new Unknown("MALFORMED_RESPONSE",
                    "HTP answered HTTP 200 with a body that is not HTP's envelope; the withdrawal may have been executed"));
        }

        @Test
        void leavesAnUndocumentedErrorCodeUnknownRatherThanDeclined() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(422, "Unprocessable", "null"));

            // when / then
            assertThat(provider.withdraw(request("50.00"))).isEqualTo(new Unknown("UNEXPECTED_STATUS",
                    "HTP 422: Unprocessable; the withdrawal may have been executed"));
        }

        @Test
        void leavesAnAcceptedWithdrawalUnknownWhenItsStatusCannotBeReadForCredentials() {
            // given the create succeeds, then every status lookup and the token renewal are refused
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", "{\"id\":\"wd-1\",\"status\":\"PENDING\"}"));
            stubStatus(envelope(401, "Unauthorized", "null"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("50.00"));

            // then: never thrown as fatal, which would release the row to be sent again
            assertThat(outcome).isInstanceOf(Unknown.class).extracting(WithdrawalOutcome::code).isEqualTo("STATUS_UNAVAILABLE");
        }

        @Test
        void leavesTheWithdrawalUnknownWhenTheStatusIsAnotherWithdrawals() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", "{\"id\":\"wd-1\",\"status\":\"PENDING\"}"));
            stubStatus(envelope(200, "OK", "{\"id\":\"wd-0\",\"status\":\"SUCCESS\"}"));

            // when / then
            assertThat(provider.withdraw(request("50.00")).code()).isEqualTo("STATUS_OF_ANOTHER_WITHDRAWAL");
        }

        @Test
        void declinesWithoutSendingWhenWalletIsMissing() {
            // given
            stubToken(TOKEN, 1800);
            WithdrawalRequest noWallet = request("50.00").with(null, null, null, null, null, null);

            // when
            WithdrawalOutcome outcome = provider.withdraw(noWallet);

            // then
            assertThat(outcome.code()).isEqualTo("MISSING_WALLET");
            htp.verify(0, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }
    }

    @Nested
    class AmbiguousAnswers {

        @Test
        void leavesWithdrawalUnknownAfterHttp500() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>"));

            // when / then
            assertThat(provider.withdraw(request("50.00")))
                    .isEqualTo(new Unknown("HTTP_502", "HTP 502; the withdrawal may have been executed"));
        }

        @Test
        void leavesWithdrawalUnknownAfterBodyStatus500DeliveredAsHttp200() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(500, "Internal server error", "null"));

            // when / then
            assertThat(provider.withdraw(request("50.00")))
                    .isEqualTo(new Unknown("HTTP_500", "HTP 500: Internal server error; the withdrawal may have been executed"));
        }

        @Test
        void leavesWithdrawalUnknownWhenTheAnswerIsMalformed() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(okJson("{\"trace_id\":\"t\",\"status_code\":201,\"data\":{\"id\":"));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("50.00"));

            // then
            assertThat(outcome).isEqualTo(new Unknown("MALFORMED_RESPONSE",
                    "HTP answered HTTP 200 with a body that is not HTP's envelope; the withdrawal may have been executed"));
            htp.verify(0, getRequestedFor(urlEqualTo(STATUS_PATH)));
        }
    }

    @Nested
    class Transport {

        @Test
        void leavesWithdrawalUnknownAfterReadTimeout() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(envelope(201, "Withdrawal created", CREATED).withFixedDelay(3_000));

            // when
            WithdrawalOutcome outcome = provider.withdraw(request("50.00"));

            // then
            assertThat(outcome).isInstanceOf(Unknown.class);
            assertThat(outcome.code()).isEqualTo("READ_TIMEOUT");
        }

        @Test
        void leavesWithdrawalUnknownAfterConnectionReset() {
            // given
            stubToken(TOKEN, 1800);
            stubWithdraw(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

            // when / then
            assertThat(provider.withdraw(request("50.00")).code()).isEqualTo("CONNECTION_LOST");
        }

        @Test
        void failsWithoutSendingWhenConnectionIsRefused() throws IOException {
            // given
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            HtpProvider unreachable = provider(settings(URI.create("http://127.0.0.1:" + closedPort + "/api/v1")));

            // when
            WithdrawalOutcome outcome = unreachable.withdraw(request("50.00"));

            // then
            assertThat(outcome).isInstanceOf(Failed.class);
        }
    }

    @Nested
    class LookUp {

        @Test
        void reportsSettledWithdrawalWithItsId() {
            // given
            stubToken(TOKEN, 1800);
            stubStatus(envelope(200, "OK", "{\"id\":\"wd_9\",\"status\":\"SUCCESS\",\"amount\":\"20.00\"}"));

            // when / then
            assertThat(provider.lookUp(CARD)).isEqualTo(new Succeeded("wd_9", new BigDecimal("20.00"), null, null, null));
            htp.verify(0, postRequestedFor(urlEqualTo(WITHDRAW_PATH)));
        }

        @Test
        void neverTurnsAMissingWithdrawalIntoALicenceToResend() {
            // given
            stubToken(TOKEN, 1800);
            stubStatus(status("NOT_FOUND"));

            // when / then
            assertThat(provider.lookUp(CARD)).isEqualTo(new Unknown("WITHDRAWAL_NOT_FOUND",
                    "HTP reports no withdrawal for this card; confirm with HTP before sending it again"));
        }

        @Test
        void leavesPendingWithdrawalUnknown() {
            // given
            stubToken(TOKEN, 1800);
            stubStatus(status("PROCESSING"));

            // when / then
            assertThat(provider.lookUp(CARD)).isEqualTo(new Unknown("STILL_PENDING",
                    "HTP reports the withdrawal PROCESSING; resolvable later by the withdraw-status lookup"));
        }

        @Test
        void reportsFailedWithdrawalAsDeclined() {
            // given
            stubToken(TOKEN, 1800);
            stubStatus(status("FAILED"));

            // when / then
            assertThat(provider.lookUp(CARD).code()).isEqualTo("WITHDRAWAL_FAILED");
        }

        @Test
        void leavesItUnknownWhenTheLookupFails() {
            // given
            stubToken(TOKEN, 1800);
            stubStatus(aResponse().withStatus(503));

            // when / then
            assertThat(provider.lookUp(CARD).code()).isEqualTo("STATUS_UNAVAILABLE");
        }
    }

    @Nested
    class Secrets {

        @Test
        void keepsSecretSignatureAndTokenOutOfOutcomesAndToString() {
            // given
            stubToken(TOKEN, 1800);
            stubStatus(status("SUCCESS"));
            List<WithdrawalOutcome> outcomes = List.of(
                    withAnswer(envelope(201, "Withdrawal created", CREATED)), withAnswer(envelope(400, "Insufficient balance", "null")),
                    withAnswer(aResponse().withStatus(502)), withAnswer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                    provider.lookUp(CARD));

            // when
            String everything = outcomes + " " + outcomes.stream().map(WithdrawalOutcome::message).toList() + " " + provider;

            // then
            assertThat(everything).doesNotContain(HtpSignatureTests.SECRET).doesNotContain(HtpSignatureTests.OPENSSL_HEX)
                    .doesNotContain(TOKEN).doesNotContain("token-1");
            assertThat(provider.toString()).contains(HtpSignatureTests.AGENT_ID).contains("user-42");
        }

        private WithdrawalOutcome withAnswer(ResponseDefinitionBuilder answer) {
            stubWithdraw(answer);
            return provider.withdraw(request("50.00"));
        }
    }

    @Nested
    class Configuration {

        @Test
        void stopsWhenAgentSecretIsMissing() {
            // given
            ProviderSettings settings = ProviderSettings.of(URI.create(htp.baseUrl()))
                    .withAgent(HtpSignatureTests.AGENT_ID, null, "device-7", "user-42", null);

            // when / then
            assertThatThrownBy(() -> new HtpProvider(settings, clock))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("HTP has no agent-secret: set cardsweep.providers.htp.agent-secret.");
        }

        @Test
        void stopsWhenUserIdIsMissing() {
            // given
            ProviderSettings settings = ProviderSettings.of(URI.create(htp.baseUrl()))
                    .withAgent(HtpSignatureTests.AGENT_ID, "secret", "device-7", " ", null);

            // when / then
            assertThatThrownBy(() -> new HtpProvider(settings, clock))
                    .isInstanceOf(ProviderFatalException.class)
                    .hasMessage("HTP has no user-id: set cardsweep.providers.htp.user-id.");
        }

        @Test
        void takesFeeZeroWhenNoneIsConfigured() {
            // given
            ProviderSettings settings = ProviderSettings.of(URI.create(htp.baseUrl()))
                    .withAgent(HtpSignatureTests.AGENT_ID, "secret", "device-7", "user-42", null);

            // when / then
            assertThat(new HtpProvider(settings, clock).fee()).isEqualByComparingTo("0");
        }
    }

    /**
     * {@code GET /cards/{uuid}}: the balance a full-balance instruction withdraws, in HTP's envelope ({@code data.balance},
     * errors as HTTP 200 with a {@code status_code}); never read before each withdrawal, HTP's request budget being 60 a minute.
     */
    @Nested
    class ReadingTheBalance {

        static final String CARD_PATH = "/api/v1/cards/" + CARD;

        @Test
        void readsTheBalanceHtpWritesAsAStringWithTheBearerToken() {
            // given
            stubToken(TOKEN, 1800);
            htp.stubFor(get(CARD_PATH).willReturn(envelope(200, "OK",
                    "{\"uuid\":\"" + CARD + "\",\"status\":\"ACTIVE\",\"balance\":\"812.40\",\"currency\":\"USD\"}")));

            // when
            io.cardsweep.provider.CardBalances.Reading reading = provider.balance(CARD, null);

            // then
            assertThat(reading.balance()).isEqualByComparingTo("812.40");
            htp.verify(1, getRequestedFor(urlEqualTo(CARD_PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        }

        @Test
        void readsABalanceWrittenAsANumber() {
            // given
            stubToken(TOKEN, 1800);
            htp.stubFor(get(CARD_PATH).willReturn(envelope(200, "OK", "{\"balance\":37.05}")));

            // when / then
            assertThat(provider.balance(CARD, null).balance()).isEqualByComparingTo("37.05");
        }

        @Test
        void saysWhyThereIsNoBalanceWhenHtpAnswersAnErrorAsHttp200() {
            // given
            stubToken(TOKEN, 1800);
            htp.stubFor(get(CARD_PATH).willReturn(envelope(404, "Card not found", "null")));

            // when
            io.cardsweep.provider.CardBalances.Reading reading = provider.balance(CARD, null);

            // then
            assertThat(reading.balance()).isNull();
            assertThat(reading.problem()).isEqualTo("the card read answered HTP 404: Card not found");
        }

        @Test
        void renewsTheTokenOnceAfterAnAuthFailureInTheBody() {
            // given
            htp.stubFor(post(TOKEN_PATH).inScenario("tokens").whenScenarioStateIs(STARTED).willSetStateTo("renewed")
                    .willReturn(envelope(200, "OK", "{\"access_token\":\"htp.token-1.sig\",\"expires_in\":1800}")));
            htp.stubFor(post(TOKEN_PATH).inScenario("tokens").whenScenarioStateIs("renewed")
                    .willReturn(envelope(200, "OK", "{\"access_token\":\"htp.token-2.sig\",\"expires_in\":1800}")));
            htp.stubFor(get(CARD_PATH).withHeader("Authorization", equalTo("Bearer htp.token-1.sig")).willReturn(envelope(401, "Unauthorized", "null")));
            htp.stubFor(get(CARD_PATH).withHeader("Authorization", equalTo("Bearer htp.token-2.sig"))
                    .willReturn(envelope(200, "OK", "{\"balance\":\"5.00\"}")));

            // when / then
            assertThat(provider.balance(CARD, null).balance()).isEqualByComparingTo("5.00");
            htp.verify(2, getRequestedFor(urlEqualTo(CARD_PATH)));
        }

        @Test
        void isNotReadBeforeEachWithdrawal() {
            // when / then
            assertThat(provider.readBeforeEachWithdrawal()).isFalse();
        }
    }
}
