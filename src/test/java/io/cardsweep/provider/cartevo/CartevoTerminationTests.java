package io.cardsweep.provider.cartevo;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
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
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.cardsweep.provider.cartevo.CartevoProviderTests.CARD;
import static io.cardsweep.provider.cartevo.CartevoProviderTests.TOKEN;
import static io.cardsweep.provider.cartevo.CartevoProviderTests.error;
import static io.cardsweep.provider.cartevo.CartevoProviderTests.json;
import static io.cardsweep.provider.cartevo.CartevoProviderTests.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contract of Cartevo's {@code POST /cards/{id}/terminate} against the answer PROVIDERS.md documents, served by WireMock. */
class CartevoTerminationTests {

    @RegisterExtension
    static WireMockExtension cartevo = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String TOKEN_PATH = "/api/v1/auth/token";
    static final String TERMINATE_PATH = "/api/v1/cards/" + CARD + "/terminate";

    static final String TERMINATED = """
            {"success":true,"statusCode":201,"message":"Card terminated successfully",
             "data":{"card_id":"%s","card_status":"TERMINATED","refund_processed":true,"balance_before_termination":42.50}}""".formatted(CARD);

    CartevoProvider provider;

    @BeforeAll
    static void warmUp() {
        new CartevoProvider(settings(URI.create(cartevo.baseUrl() + "/warm-up")), java.time.Clock.systemUTC()).terminate(request());
    }

    @BeforeEach
    void setUp() {
        provider = new CartevoProvider(settings(URI.create(cartevo.baseUrl() + "/api/v1")), new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));
        cartevo.stubFor(post(TOKEN_PATH).willReturn(json(200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
    }

    static TerminationRequest request() {
        return TerminationRequest.of("card-termination-sweep:42", UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"), CARD);
    }

    static void answer(ResponseDefinitionBuilder response) {
        cartevo.stubFor(post(TERMINATE_PATH).willReturn(response));
    }

    /** The termination table's rows, then every withdrawal row a termination shares: each must come out as its row says. */
    static Stream<AnswerClassification> answers() {
        return TerminationRows.of(CartevoProvider.TERMINATION_ANSWERS, CartevoProvider.ANSWERS);
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
    void sendsABodilessPostWithTheBearerTokenToTheCardsTerminatePath() {
        // given
        answer(json(201, TERMINATED));

        // when
        provider.terminate(request());

        // then
        cartevo.verify(1, postRequestedFor(urlEqualTo(TERMINATE_PATH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", absent()));
        assertThat(cartevo.findAll(postRequestedFor(urlEqualTo(TERMINATE_PATH))).get(0).getBody()).isEmpty();
    }

    @Test
    void recordsTheBalanceCartevoRefundedWhenItSaysTheRefundWasProcessed() {
        // given
        answer(json(201, TERMINATED));

        // when
        TerminationOutcome outcome = provider.terminate(request());

        // then
        assertThat(outcome).isEqualTo(new Terminated(new BigDecimal("42.50"), "Cartevo terminated the card and refunded 42.50"));
    }

    @Test
    void leavesTheRefundUnknownWhenCartevoSaysItWasNotProcessed() {
        // given
        answer(json(201, TERMINATED.replace("\"refund_processed\":true", "\"refund_processed\":false")));

        // when
        TerminationOutcome outcome = provider.terminate(request());

        // then
        assertThat(outcome).isInstanceOf(Terminated.class);
        assertThat(((Terminated) outcome).refunded()).isNull();
    }

    @Test
    void leavesTheTerminationUnknownWhenTheCardIsNotReportedTerminated() {
        // given
        answer(json(201, TERMINATED.replace("\"TERMINATED\"", "\"ACTIVE\"")));

        // when
        TerminationOutcome outcome = provider.terminate(request());

        // then
        assertThat(outcome).isEqualTo(new Unknown("MALFORMED_RESPONSE",
                "Cartevo answered 201 with a body that is not a termination confirmation; the termination may have been executed"));
    }

    @Test
    void saysACardCartevoCallsTerminatedIsAlreadyTerminatedInEnglishOrFrench() {
        // given
        answer(error(400, "La carte est déjà résiliée", "Bad Request"));

        // when
        TerminationOutcome outcome = provider.terminate(request());

        // then
        assertThat(outcome).isEqualTo(new AlreadyTerminated("Cartevo 400: La carte est déjà résiliée"));
    }

    @Test
    void declinesAnUnknownCard() {
        // given
        answer(error(404, "Card not found", "Not Found"));

        // when / then
        assertThat(provider.terminate(request())).isEqualTo(new Declined("CARD_NOT_FOUND", "Cartevo 404: Card not found"));
    }

    @Test
    void defersAfterRetryAfterWhenRateLimited() {
        // given
        answer(error(429, "Too many requests", "Too Many Requests").withHeader("Retry-After", "12"));

        // when / then
        assertThat(provider.terminate(request())).isEqualTo(new Deferred("RATE_LIMITED", "Cartevo 429: Too many requests",
                java.time.Duration.ofSeconds(12)));
    }

    @Test
    void sendsOnceMoreWithANewTokenAfterA401AndStopsTheRunAfterASecond() {
        // given
        cartevo.stubFor(post(TERMINATE_PATH).inScenario("token").whenScenarioStateIs(STARTED)
                .willReturn(error(401, "Unauthorized", "Unauthorized")).willSetStateTo("renewed"));
        cartevo.stubFor(post(TERMINATE_PATH).inScenario("token").whenScenarioStateIs("renewed").willReturn(json(201, TERMINATED)));

        // when
        TerminationOutcome renewed = provider.terminate(request());
        answer(error(401, "Unauthorized", "Unauthorized"));

        // then
        assertThat(renewed).isInstanceOf(Terminated.class);
        assertThatThrownBy(() -> provider.terminate(request())).isInstanceOf(ProviderFatalException.class)
                .hasMessageContaining("Cartevo refused the credentials");
    }

    @Test
    void stopsTheRunWhenCartevoForbidsTerminations() {
        // given
        answer(error(403, "Forbidden", "Forbidden"));

        // when / then
        assertThatThrownBy(() -> provider.terminate(request())).isInstanceOf(ProviderFatalException.class)
                .hasMessage("Cartevo forbids card terminations for client id sandbox-client: ask Cartevo to enable them,"
                        + " or check cardsweep.providers.cartevo.client-id.");
    }

    @Test
    void leavesTheTerminationUnknownWhenTheConnectionIsLostAfterSending() {
        // given
        answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        // when
        TerminationOutcome outcome = provider.terminate(request());

        // then
        assertThat(outcome).isInstanceOf(Unknown.class);
        assertThat(outcome.code()).isEqualTo("CONNECTION_LOST");
        assertThat(outcome.message()).contains("the termination may have been executed").doesNotContain("withdrawal");
        cartevo.verify(1, postRequestedFor(urlEqualTo(TERMINATE_PATH)));
    }

    @Test
    void failsWithoutSendingWhenTheConnectionIsRefused() throws IOException {
        // given
        int closedPort = TerminationRows.closedPort();
        CartevoProvider unreachable = new CartevoProvider(settings(URI.create("http://127.0.0.1:" + closedPort + "/api/v1")),
                java.time.Clock.systemUTC());

        // when
        TerminationOutcome outcome = unreachable.terminate(request());

        // then
        assertThat(outcome).isInstanceOf(Failed.class);
        assertThat(outcome.code()).isEqualTo("TOKEN_UNAVAILABLE");
        assertThat(outcome.message()).contains("the termination was not sent");
    }
}
