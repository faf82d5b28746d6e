package io.cardsweep.provider;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cardsweep.provider.cartevo.CartevoProvider;
import io.cardsweep.provider.nueve09.Nueve09Provider;
import io.cardsweep.provider.plu.PluProvider;
import io.cardsweep.provider.uncash.UncashProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the four terminating adapters log (at DEBUG, everything they log) and put in outcomes and fatal messages, over
 * every kind of answer: never a credential, a token, a card number in clear or sealed, nor a card id unmasked — even
 * when the provider echoes a card number or a sealed one back.
 */
class TerminationSecretsTests {

    @RegisterExtension
    static WireMockExtension wiremock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String API_KEY = "test-key-DO-NOT-LEAK-api-1";
    static final String CLIENT_KEY = "ck_live_DO-NOT-LEAK-client-2";
    static final String PASSWORD = "pw-DO-NOT-LEAK-3";
    static final String TOKEN = "tok.DO-NOT-LEAK.4";
    static final String PAN = "4111111111111111";
    /** The shape of a PAN sealed for Nueve09: RSA-2048 in URL-safe Base64, 344 characters. */
    static final String SEALED = ("Xq3_Lm9-" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V2w3X4y5Z6").repeat(6).substring(0, 342) + "==";
    static final String CARD = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";

    /** Answers that echo what must not leak, as a careless provider or proxy might. */
    static final List<ResponseDefinitionBuilder> ANSWERS = List.of(
            json(200, "{\"success\":true,\"status\":\"success\",\"code\":0,\"message\":\"card " + PAN + " " + CARD + "\",\"data\":{"
                    + "\"card_status\":\"TERMINATED\",\"refund_processed\":true,\"balance_before_termination\":1.00}}"),
            json(400, "{\"success\":false,\"statusCode\":400,\"status\":\"error\",\"code\":7,\"message\":\"Card " + PAN
                    + " is already terminated\",\"data\":{\"error\":\"" + SEALED + "\"},\"error\":\"Bad Request\"}"),
            json(200, "{\"success\":false,\"code\":1006,\"message\":\"Tarjeta 4111 1111 1111 1111 no encontrada " + SEALED + "\"}"),
            json(500, "{\"success\":false,\"statusCode\":500,\"status\":\"error\",\"code\":500,\"message\":\"boom " + PAN + "\"}"),
            json(201, "{\"success\":tr"),
            aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
            json(401, "{\"success\":false,\"statusCode\":401,\"status\":\"error\",\"code\":401,\"message\":\"Unauthorized " + TOKEN + "\"}"));

    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger cardsweep = (Logger) LoggerFactory.getLogger("io.cardsweep");
    Level levelBefore;

    @BeforeEach
    void captureEverythingLogged() {
        levelBefore = cardsweep.getLevel();
        cardsweep.setLevel(Level.DEBUG);
        logged.start();
        cardsweep.addAppender(logged);
        wiremock.stubFor(post(urlPathMatching(".*/auth/.*")).willReturn(json(200,
                "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"success\":true,\"code\":0}").withHeader("Authorization", TOKEN)));
    }

    @AfterEach
    void stopCapturing() {
        cardsweep.detachAppender(logged);
        cardsweep.setLevel(levelBefore);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ProviderSettings settings(String path) {
        return ProviderSettings.of(URI.create(wiremock.baseUrl() + path)).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(1_500))
                .withCredentials("client-7", CLIENT_KEY, API_KEY).withLogin(API_KEY, PASSWORD, null);
    }

    @Test
    void keepsSecretsAndCardNumbersOutOfLogsOutcomesAndFatalMessages() {
        // given the four adapters, and a card addressed by its id and by its sealed number
        List<Function<TerminationRequest, TerminationOutcome>> adapters = List.of(
                new CartevoProvider(settings("/cartevo"), Clock.systemUTC())::terminate,
                new UncashProvider(settings("/uncash"), Clock.systemUTC())::terminate,
                new PluProvider(settings("/plu"), Clock.systemUTC())::terminate,
                new Nueve09Provider(settings("/nueve09"), Clock.systemUTC())::terminate);
        List<TerminationRequest> requests = List.of(
                new TerminationRequest("card-termination-sweep:1", UUID.randomUUID(), CARD, null, BigDecimal.ONE, BigDecimal.ONE),
                new TerminationRequest("card-termination-sweep:2", UUID.randomUUID(), CardMask.mask(PAN), SEALED, BigDecimal.ONE, BigDecimal.ONE));

        // when every adapter meets every answer
        StringBuilder said = new StringBuilder();
        int outcomes = 0;
        for (ResponseDefinitionBuilder answer : ANSWERS) {
            wiremock.stubFor(any(anyUrl()).atPriority(10).willReturn(answer));
            for (Function<TerminationRequest, TerminationOutcome> adapter : adapters) {
                for (TerminationRequest request : requests) {
                    said.append(request).append('\n');
                    try {
                        TerminationOutcome outcome = adapter.apply(request);
                        said.append(outcome).append('\n');
                        outcomes++;
                    }
                    catch (ProviderFatalException ex) {
                        said.append(ex.getMessage()).append('\n');
                    }
                }
            }
        }
        logged.list.forEach(event -> said.append(event.getFormattedMessage()).append('\n')
                .append(event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n'));

        // then something was said and logged, and none of it gives anything away
        assertThat(outcomes).isGreaterThan(20);
        assertThat(logged.list).isNotEmpty();
        assertThat(said.toString())
                .doesNotContain("DO-NOT-LEAK")
                .doesNotContain(PAN).doesNotContain("4111 1111 1111 1111")
                .doesNotContain(SEALED.substring(0, 24)).doesNotContain(SEALED.substring(160, 184))
                .doesNotContain(CARD);
    }
}
