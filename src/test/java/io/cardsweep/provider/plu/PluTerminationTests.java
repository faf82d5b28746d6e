package io.cardsweep.provider.plu;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cardsweep.provider.AnswerClassification;
import io.cardsweep.provider.AnswerClassification.Kind;
import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.TerminationOutcome;
import io.cardsweep.provider.TerminationOutcome.AlreadyTerminated;
import io.cardsweep.provider.TerminationOutcome.Declined;
import io.cardsweep.provider.TerminationOutcome.Deferred;
import io.cardsweep.provider.TerminationOutcome.Failed;
import io.cardsweep.provider.TerminationOutcome.Terminated;
import io.cardsweep.provider.TerminationOutcome.Unknown;
import io.cardsweep.provider.TerminationRequest;
import io.cardsweep.provider.TerminationRows;
import io.cardsweep.support.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.cardsweep.provider.plu.PluProviderTests.API_KEY;
import static io.cardsweep.provider.plu.PluProviderTests.CARD;
import static io.cardsweep.provider.plu.PluProviderTests.error;
import static io.cardsweep.provider.plu.PluProviderTests.json;
import static io.cardsweep.provider.plu.PluProviderTests.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract of Plu's {@code DELETE /v1/partner/card/terminate/{serviceCardId}} against what PROVIDERS.md documents (an
 * idempotency key required, the balance liquidated asynchronously), served by WireMock.
 */
class PluTerminationTests {

    @RegisterExtension
    static WireMockExtension plu = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String TERMINATE_PATH = "/api/v1/partner/card/terminate/" + CARD;
    static final UUID TERMINATION_KEY = UUID.fromString("9d2f0a4b-6c1e-4f3a-8b5d-2e7c9a1f0b3d");
    static final String TERMINATED = "{\"status\":\"success\",\"message\":\"Card terminated successfully\",\"data\":{}}";

    PluProvider provider;

    @BeforeAll
    static void warmUp() {
        try {
            new PluProvider(settings(URI.create(plu.baseUrl() + "/warm-up")), Clock.systemUTC()).terminate(request());
        }
        catch (ProviderFatalException expected) {
            // nothing is stubbed there: the answer is WireMock's own 404, which is the point of a warm-up
        }
    }

    @BeforeEach
    void setUp() {
        provider = new PluProvider(settings(URI.create(plu.baseUrl() + "/api")), new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));
    }

    static TerminationRequest request() {
        return TerminationRequest.of("card-termination-sweep:7", TERMINATION_KEY, CARD);
    }

    static void answer(ResponseDefinitionBuilder response) {
        plu.stubFor(delete(TERMINATE_PATH).willReturn(response));
    }

    /** The termination table's rows, then every withdrawal row a termination shares: each must come out as its row says. */
    static Stream<AnswerClassification> answers() {
        return TerminationRows.of(PluProvider.TERMINATION_ANSWERS, PluProvider.ANSWERS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void classifiesEveryAnswerAsItsTablesSay(AnswerClassification row) {
        // given
        answer(json(row.example().status(), row.example().body()));

        // when / then
        assertThat(Kind.ofTermination(() -> provider.terminate(request()))).isEqualTo(row.outcome());
    }

    @Test
    void sendsADeleteWithThePartnerKeyAndTheTerminationsOwnIdempotencyKey() {
        // given
        answer(json(200, TERMINATED));

        // when
        provider.terminate(request());

        // then
        plu.verify(1, deleteRequestedFor(urlEqualTo(TERMINATE_PATH))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withHeader("idempotency-key", equalTo(TERMINATION_KEY.toString())));
    }

    @Test
    void recordsTheTerminationWithoutARefundPluLiquidatesLater() {
        // given
        answer(json(200, TERMINATED));

        // when
        TerminationOutcome outcome = provider.terminate(request());

        // then
        assertThat(outcome).isEqualTo(new Terminated(null, "Plu terminated the card; it liquidates the balance to the wallet asynchronously"));
    }

    @Test
    void acceptsASuccessWhateverItsDataHolds() {
        // given
        answer(json(200, "{\"status\":\"success\",\"message\":\"Card terminated\"}"));

        // when / then
        assertThat(provider.terminate(request())).isInstanceOf(Terminated.class);
    }

    @Test
    void saysATerminatedCardIsAlreadyTerminated() {
        // given
        answer(error(400, "CARD_ALREADY_TERMINATED", "Card is already terminated"));

        // when / then
        assertThat(provider.terminate(request()))
                .isEqualTo(new AlreadyTerminated("Plu 400: CARD_ALREADY_TERMINATED (Card is already terminated)"));
    }

    @Test
    void declinesAnUnknownCard() {
        // given
        answer(error(404, "CARD_NOT_FOUND", "Card not found"));

        // when / then
        assertThat(provider.terminate(request())).isEqualTo(new Declined("CARD_NOT_FOUND", "Plu 404: CARD_NOT_FOUND (Card not found)"));
    }

    @Test
    void leavesTheTerminationUnknownWhenItsKeyWasAlreadyUsed() {
        // given: an earlier attempt with this key reached Plu
        answer(error(400, "IDEMPOTENCY_KEY_ALREADY_USED", "Idempotency key already used"));

        // when
        TerminationOutcome outcome = provider.terminate(request());

        // then
        assertThat(outcome).isInstanceOf(Unknown.class);
        assertThat(outcome.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void defersARateLimitedTerminationPastTheKeysLifetime() {
        // given
        answer(error(429, "CARD_DEBIT_LIMIT", "Card debit limit reached").withHeader("Retry-After", "3"));

        // when
        TerminationOutcome outcome = provider.terminate(request());

        // then
        assertThat(outcome).isInstanceOf(Deferred.class);
        assertThat(((Deferred) outcome).retryAfter()).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void leavesTheTerminationUnknownOnAServerError() {
        // given
        answer(error(500, "INTERNAL_SERVER_ERROR", "Something went wrong"));

        // when / then
        assertThat(provider.terminate(request())).isEqualTo(new Unknown("HTTP_500",
                "Plu 500: INTERNAL_SERVER_ERROR (Something went wrong); the termination may have been executed"));
    }

    @Test
    void stopsTheRunWhenThePartnerIsSuspended() {
        // given
        answer(error(403, "FORBIDDEN", "Partner suspended"));

        // when / then
        assertThatThrownBy(() -> provider.terminate(request())).isInstanceOf(ProviderFatalException.class)
                .hasMessageStartingWith("Plu forbids card terminations for this partner (HTTP 403, partner suspended)");
    }

    @Test
    void leavesTheTerminationUnknownWhenNoAnswerComesInTime() {
        // given
        answer(json(200, TERMINATED).withFixedDelay(2_500));

        // when
        TerminationOutcome outcome = provider.terminate(request());

        // then
        assertThat(outcome).isInstanceOf(Unknown.class);
        assertThat(outcome.code()).isEqualTo("READ_TIMEOUT");
        plu.verify(1, deleteRequestedFor(urlEqualTo(TERMINATE_PATH)));
    }

    @Test
    void leavesTheTerminationUnknownWhenTheConnectionIsLostAfterSending() {
        // given
        answer(aResponse().withFault(Fault.EMPTY_RESPONSE));

        // when / then
        assertThat(provider.terminate(request())).isInstanceOf(Unknown.class);
    }

    @Test
    void failsWithoutSendingWhenTheConnectionIsRefused() throws IOException {
        // given
        int closedPort = TerminationRows.closedPort();
        PluProvider unreachable = new PluProvider(settings(URI.create("http://127.0.0.1:" + closedPort + "/api")), Clock.systemUTC());

        // when
        TerminationOutcome outcome = unreachable.terminate(request());

        // then
        assertThat(outcome).isEqualTo(new Failed("CONNECTION_FAILED", "Plu refused the connection; nothing was sent"));
    }
}
