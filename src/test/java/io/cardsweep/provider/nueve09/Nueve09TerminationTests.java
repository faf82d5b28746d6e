package io.cardsweep.provider.nueve09;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
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
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.cardsweep.provider.nueve09.Nueve09ProviderTests.CARD;
import static io.cardsweep.provider.nueve09.Nueve09ProviderTests.LOGIN_PATH;
import static io.cardsweep.provider.nueve09.Nueve09ProviderTests.SEALED;
import static io.cardsweep.provider.nueve09.Nueve09ProviderTests.TOKEN;
import static io.cardsweep.provider.nueve09.Nueve09ProviderTests.error;
import static io.cardsweep.provider.nueve09.Nueve09ProviderTests.json;
import static io.cardsweep.provider.nueve09.Nueve09ProviderTests.okJson;
import static io.cardsweep.provider.nueve09.Nueve09ProviderTests.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Contract of Nueve09's {@code PUT /cards/status} as a termination: the body PROVIDERS.md documents, with the configured
 * status value, and answers in Nueve09's envelope ({@code code} ≠ 0 is an error), served by WireMock.
 */
class Nueve09TerminationTests {

    @RegisterExtension
    static WireMockExtension nueve09 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String STATUS_PATH = "/v1/cards/status";
    static final String CHANGED = "{\"success\":true,\"code\":0,\"message\":\"OK\",\"data\":{\"card\":{\"id\":\"" + CARD + "\",\"status\":\"CANCELED\"}}}";

    Nueve09Provider provider;

    @BeforeAll
    static void warmUp() {
        new Nueve09Provider(settings(URI.create(nueve09.baseUrl() + "/warm-up")), Clock.systemUTC()).terminate(request());
    }

    @BeforeEach
    void setUp() {
        provider = provider(null);
        nueve09.stubFor(post(LOGIN_PATH).willReturn(okJson("{\"success\":true,\"code\":0,\"message\":\"OK\"}").withHeader("Authorization", TOKEN)));
    }

    Nueve09Provider provider(String terminationStatus) {
        return new Nueve09Provider(settings(URI.create(nueve09.baseUrl() + "/v1")).withTerminationStatus(terminationStatus),
                new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));
    }

    static TerminationRequest request() {
        return new TerminationRequest("card-termination-sweep:42", UUID.fromString("8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968"), CARD, null,
                new BigDecimal("19.4326"), new BigDecimal("-99.13321"));
    }

    static void answer(ResponseDefinitionBuilder response) {
        nueve09.stubFor(put(STATUS_PATH).willReturn(response));
    }

    /** The termination table's rows, then every withdrawal row a termination shares: each must come out as its row says. */
    static Stream<AnswerClassification> answers() {
        return TerminationRows.of(Nueve09Provider.TERMINATION_ANSWERS, Nueve09Provider.ANSWERS);
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
    void putsTheDocumentedBodyWithTheDefaultStatusAndTheSessionToken() {
        // given
        answer(okJson(CHANGED));

        // when
        provider.terminate(request());

        // then
        nueve09.verify(1, putRequestedFor(urlEqualTo(STATUS_PATH))
                .withHeader("Authorization", equalTo(TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"card_number\":\"" + CARD + "\",\"status\":\"CANCELED\",\"latitude\":19.43260,\"longitude\":-99.13321}")));
        assertThat(nueve09.findAll(putRequestedFor(urlEqualTo(STATUS_PATH))).get(0).getBodyAsString())
                .contains("\"latitude\":19.43260");
    }

    @Test
    void sendsTheConfiguredStatusAndTheSealedNumberOfACardAddressedByIt() {
        // given
        answer(okJson(CHANGED));
        TerminationRequest sealed = new TerminationRequest("card-termination-sweep:43", UUID.randomUUID(), "****4792", SEALED,
                new BigDecimal("-33.5"), new BigDecimal("151"));

        // when
        provider("BAJA_DEFINITIVA").terminate(sealed);

        // then
        nueve09.verify(1, putRequestedFor(urlEqualTo(STATUS_PATH)).withRequestBody(equalToJson(
                "{\"card_number\":\"" + SEALED + "\",\"status\":\"BAJA_DEFINITIVA\",\"latitude\":-33.5,\"longitude\":151}")));
    }

    @Test
    void recordsTheStatusChangeWithoutARefundTheAnswerDoesNotGive() {
        // given
        answer(okJson(CHANGED));

        // when / then
        assertThat(provider.terminate(request())).isEqualTo(new Terminated(null, "Nueve09 set the card's status to CANCELED"));
    }

    @Test
    void saysACardAlreadyCancelledIsAlreadyTerminatedInSpanishToo() {
        // given
        answer(error(200, 1009, "La tarjeta ya está cancelada"));

        // when / then
        assertThat(provider.terminate(request())).isEqualTo(new AlreadyTerminated("Nueve09 200 code 1009: La tarjeta ya está cancelada"));
    }

    @Test
    void declinesANonZeroCodeThatSaysNothingOfACancelledCard() {
        // given
        answer(error(200, 1006, "Card not found"));

        // when / then
        assertThat(provider.terminate(request())).isEqualTo(new Declined("CARD_NOT_FOUND", "Nueve09 200 code 1006: Card not found"));
    }

    @Test
    void logsInAgainAfterASessionRefusalAndSendsOnceMore() {
        // given
        nueve09.stubFor(put(STATUS_PATH).inScenario("session").whenScenarioStateIs(STARTED)
                .willReturn(error(200, 401, "Token expired")).willSetStateTo("renewed"));
        nueve09.stubFor(put(STATUS_PATH).inScenario("session").whenScenarioStateIs("renewed").willReturn(okJson(CHANGED)));

        // when
        TerminationOutcome outcome = provider.terminate(request());

        // then
        assertThat(outcome).isInstanceOf(Terminated.class);
        nueve09.verify(2, putRequestedFor(urlEqualTo(STATUS_PATH)));
        nueve09.verify(2, postRequestedFor(urlEqualTo(LOGIN_PATH)));
    }

    @Test
    void stopsTheRunWhenNueve09ForbidsStatusChanges() {
        // given
        answer(error(403, 403, "Forbidden"));

        // when / then
        assertThatThrownBy(() -> provider.terminate(request())).isInstanceOf(ProviderFatalException.class)
                .hasMessageStartingWith("Nueve09 forbids card status changes for this API client");
    }

    @Test
    void refusesARequestWithoutCoordinatesBeforeSendingAnything() {
        // given
        TerminationRequest noLocation = TerminationRequest.of("card-termination-sweep:44", UUID.randomUUID(), CARD);

        // when / then
        assertThatThrownBy(() -> provider.terminate(noLocation)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no latitude");
        nueve09.verify(0, putRequestedFor(urlEqualTo(STATUS_PATH)));
    }

    @Test
    void leavesTheStatusChangeUnknownOnAServerError() {
        // given
        answer(error(500, 500, "Internal error"));

        // when / then
        assertThat(provider.terminate(request()))
                .isEqualTo(new Unknown("HTTP_500", "Nueve09 500 code 500: Internal error; the termination may have been executed"));
    }

    @Test
    void leavesTheStatusChangeUnknownWhenTheConnectionIsLostAfterSending() {
        // given
        answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        // when / then
        assertThat(provider.terminate(request())).isInstanceOf(Unknown.class);
        nueve09.verify(1, putRequestedFor(urlEqualTo(STATUS_PATH)));
    }

    @Test
    void failsWithoutSendingWhenTheConnectionIsRefused() throws IOException {
        // given
        int closedPort = TerminationRows.closedPort();
        Nueve09Provider unreachable = new Nueve09Provider(settings(URI.create("http://127.0.0.1:" + closedPort + "/v1")), Clock.systemUTC());

        // when
        TerminationOutcome outcome = unreachable.terminate(request());

        // then
        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(outcome.message()).contains("the termination was not sent");
    }
}
