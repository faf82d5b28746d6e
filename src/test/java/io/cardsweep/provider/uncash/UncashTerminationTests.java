package io.cardsweep.provider.uncash;

import java.io.IOException;
import java.math.BigDecimal;
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
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.cardsweep.provider.uncash.UncashProviderTests.API_KEY;
import static io.cardsweep.provider.uncash.UncashProviderTests.CARD;
import static io.cardsweep.provider.uncash.UncashProviderTests.error;
import static io.cardsweep.provider.uncash.UncashProviderTests.json;
import static io.cardsweep.provider.uncash.UncashProviderTests.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract of Uncash's {@code PATCH /cards/{id}/close}, whose answer Uncash does not document: its success envelope is
 * taken, and a payout read where the answer names one. Served by WireMock.
 */
class UncashTerminationTests {

    @RegisterExtension
    static WireMockExtension uncash = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String CLOSE_PATH = "/api/v1/cards/" + CARD + "/close";

    UncashProvider provider;

    @BeforeAll
    static void warmUp() {
        try {
            new UncashProvider(settings(URI.create(uncash.baseUrl() + "/warm-up")), Clock.systemUTC()).terminate(request());
        }
        catch (ProviderFatalException expected) {
            // nothing is stubbed there: the answer is WireMock's own 404, which is the point of a warm-up
        }
    }

    @BeforeEach
    void setUp() {
        provider = new UncashProvider(settings(URI.create(uncash.baseUrl() + "/api/v1")), new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));
    }

    static TerminationRequest request() {
        return TerminationRequest.of("card-termination-sweep:7", UUID.fromString("6b5c4d3e-2f1a-4b0c-9d8e-7f6a5b4c3d2e"), CARD);
    }

    static void answer(ResponseDefinitionBuilder response) {
        uncash.stubFor(patch(urlEqualTo(CLOSE_PATH)).willReturn(response));
    }

    /** The termination table's rows, then every withdrawal row a termination shares: each must come out as its row says. */
    static Stream<AnswerClassification> answers() {
        return TerminationRows.of(UncashProvider.TERMINATION_ANSWERS, UncashProvider.ANSWERS);
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
    void sendsABodilessPatchWithTheApiKeyToTheCardsClosePath() {
        // given
        answer(json(200, "{\"success\":true}"));

        // when
        provider.terminate(request());

        // then
        uncash.verify(1, patchRequestedFor(urlEqualTo(CLOSE_PATH)).withHeader("Authorization", equalTo("Bearer " + API_KEY)));
        assertThat(uncash.findAll(patchRequestedFor(urlEqualTo(CLOSE_PATH))).get(0).getBody()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"amount_withdrawn", "withdrawn_amount", "refunded_amount", "amount_refunded", "refund_amount"})
    void readsThePayoutUnderAnyNameItIsLikelyToHave(String field) {
        // given
        answer(json(200, "{\"success\":true,\"data\":{\"card_id\":\"" + CARD + "\",\"status\":\"closed\",\"" + field + "\":37.25}}"));

        // when
        TerminationOutcome outcome = provider.terminate(request());

        // then
        assertThat(outcome).isEqualTo(new Terminated(new BigDecimal("37.25"), "Uncash closed the card and paid out 37.25"));
    }

    @Test
    void readsAPayoutWrittenAsAString() {
        // given
        answer(json(200, "{\"success\":true,\"data\":{\"amount_withdrawn\":\"5.10\"}}"));

        // when / then
        assertThat(((Terminated) provider.terminate(request())).refunded()).isEqualByComparingTo("5.10");
    }

    @Test
    void leavesThePayoutUnknownWhenTheAnswerNamesNone() {
        // given: a balance left is not a payout
        answer(json(200, "{\"success\":true,\"message\":\"Card closed\",\"data\":{\"balance\":0.00}}"));

        // when
        TerminationOutcome outcome = provider.terminate(request());

        // then
        assertThat(outcome).isEqualTo(new Terminated(null, "Uncash closed the card and did not say what it paid out"));
    }

    @Test
    void leavesTheCloseUnknownWhenTheSuccessIsNotSaid() {
        // given
        answer(json(200, "{\"success\":false,\"message\":\"processing\"}"));

        // when / then
        assertThat(provider.terminate(request())).isEqualTo(new Unknown("MALFORMED_RESPONSE",
                "Uncash answered 200 with a body that is not a close confirmation; the close may have been executed"));
    }

    @Test
    void defersACloseTheCardsCooldownRefuses() {
        // given: a close counts as a withdrawal attempt
        answer(error(400, "Please wait 15 minutes between withdrawals"));

        // when / then
        assertThat(provider.terminate(request())).isEqualTo(new Deferred("COOLDOWN",
                "Uncash 400: Please wait 15 minutes between withdrawals", Duration.ofMinutes(15)));
    }

    @Test
    void saysAClosedCardIsAlreadyTerminated() {
        // given
        answer(error(400, "Card is already closed"));

        // when / then
        assertThat(provider.terminate(request())).isEqualTo(new AlreadyTerminated("Uncash 400: Card is already closed"));
    }

    @Test
    void declinesACardThatIsNotReadyWithoutTakingItForClosed() {
        // given: Uncash says the same of a frozen card
        answer(error(400, "Card is not ready for withdrawals"));

        // when / then
        assertThat(provider.terminate(request())).isEqualTo(new Declined("CARD_NOT_READY", "Uncash 400: Card is not ready for withdrawals"));
    }

    @Test
    void declinesAnUnknownCard() {
        // given
        answer(error(404, "Card not found"));

        // when / then
        assertThat(provider.terminate(request())).isEqualTo(new Declined("CARD_NOT_FOUND", "Uncash 404: Card not found"));
    }

    @Test
    void stopsTheRunWhenTheKeyIsRefused() {
        // given
        answer(error(401, "Unauthorized"));

        // when / then
        assertThatThrownBy(() -> provider.terminate(request())).isInstanceOf(ProviderFatalException.class)
                .hasMessage("Uncash refused the API key (HTTP 401): check cardsweep.providers.uncash.api-key.");
    }

    @Test
    void leavesTheCloseUnknownOnAServerError() {
        // given
        answer(error(500, "Internal server error"));

        // when / then
        assertThat(provider.terminate(request()))
                .isEqualTo(new Unknown("HTTP_500", "Uncash 500: Internal server error; the termination may have been executed"));
    }

    @Test
    void leavesTheCloseUnknownWhenTheConnectionIsLostAfterSending() {
        // given
        answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        // when
        TerminationOutcome outcome = provider.terminate(request());

        // then
        assertThat(outcome).isInstanceOf(Unknown.class);
        uncash.verify(1, patchRequestedFor(urlEqualTo(CLOSE_PATH)));
    }

    @Test
    void failsWithoutSendingWhenTheConnectionIsRefused() throws IOException {
        // given
        int closedPort = TerminationRows.closedPort();
        UncashProvider unreachable = new UncashProvider(settings(URI.create("http://127.0.0.1:" + closedPort + "/api/v1")), Clock.systemUTC());

        // when / then
        assertThat(unreachable.terminate(request())).isInstanceOf(Failed.class);
    }
}
