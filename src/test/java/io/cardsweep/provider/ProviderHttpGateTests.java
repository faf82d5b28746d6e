package io.cardsweep.provider;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every request passes the provider's gate first, and a 429 slows the gate down: against a WireMock provider. */
class ProviderHttpGateTests {

    @RegisterExtension
    static WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final CountingGate gate = new CountingGate();

    ProviderHttp http() {
        return new ProviderHttp(ProviderName.HTP, ProviderSettings.of(URI.create(provider.baseUrl())), gate);
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void asksTheGateOnceBeforeEveryRequest() throws TransportFailure {
        // given
        provider.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(200).withBody("{}")));
        provider.stubFor(post(urlEqualTo("/withdraw")).willReturn(aResponse().withStatus(200).withBody("{}")));
        provider.stubFor(get(urlEqualTo("/status")).willReturn(aResponse().withStatus(200).withBody("{}")));
        ProviderHttp http = http();

        // when
        http.postJson(http.uri("token"), null, Map.of());
        http.postJson(http.uri("withdraw"), "token", Map.of(), Map.of("idempotency-key", "k"));
        http.postJsonAuthorized(http.uri("withdraw"), "Bearer token", Map.of());
        http.get(http.uri("status"), "token");
        http.get(http.uri("status"), "token");

        // then
        assertThat(gate.passed.get()).isEqualTo(5);
        assertThat(gate.slowDowns).isEmpty();
    }

    @Test
    void slowsTheGateDownForTheRetryAfterOfA429() throws TransportFailure {
        // given
        provider.stubFor(get(urlEqualTo("/status")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")));
        ProviderHttp http = http();

        // when
        ProviderAnswer answer = http.get(http.uri("status"), "token");

        // then
        assertThat(answer.status()).isEqualTo(429);
        assertThat(gate.slowDowns).containsExactly(Duration.ofSeconds(17));
    }

    @Test
    void slowsTheGateDownForAMinuteWhenA429SaysNotHowLong() throws TransportFailure {
        // given
        provider.stubFor(post(urlEqualTo("/withdraw")).willReturn(aResponse().withStatus(429).withBody("{\"code\":\"RATE_LIMIT\"}")));
        ProviderHttp http = http();

        // when
        http.postJson(http.uri("withdraw"), "token", Map.of());

        // then
        assertThat(gate.slowDowns).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void returnsThe429EvenWhenTheGateCannotBeSlowedDown() throws TransportFailure {
        // given: the withdrawal's answer must reach the adapter whatever happens to the limit's store
        provider.stubFor(post(urlEqualTo("/withdraw")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")));
        ProviderHttp http = new ProviderHttp(ProviderName.HTP, ProviderSettings.of(URI.create(provider.baseUrl())), new RequestGate() {
            @Override
            public void beforeRequest() {
            }

            @Override
            public void slowDown(Duration retryAfter) {
                throw new IllegalStateException("database down");
            }
        });

        // when
        ProviderAnswer answer = http.postJson(http.uri("withdraw"), "token", Map.of());

        // then
        assertThat(answer.status()).isEqualTo(429);
    }

    @Test
    void sendsNothingWhenInterruptedWhileWaitingAtTheGate() {
        // given
        ProviderHttp http = new ProviderHttp(ProviderName.HTP, ProviderSettings.of(URI.create(provider.baseUrl())), () -> {
            throw new InterruptedException("shutting down");
        });

        // when / then
        assertThatThrownBy(() -> http.postJson(http.uri("withdraw"), "token", Map.of()))
                .isInstanceOfSatisfying(TransportFailure.class, failure -> {
                    assertThat(failure.provablyNotSent()).isTrue();
                    assertThat(failure.outcome().code()).isEqualTo("RATE_LIMIT_WAIT");
                });
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        provider.verify(0, postRequestedFor(urlEqualTo("/withdraw")));
    }

    @Test
    void sendsNothingWhenTheGateFails() {
        // given
        ProviderHttp http = new ProviderHttp(ProviderName.HTP, ProviderSettings.of(URI.create(provider.baseUrl())), () -> {
            throw new IllegalStateException("database down");
        });

        // when / then
        assertThatThrownBy(() -> http.get(http.uri("status"), "token"))
                .isInstanceOfSatisfying(TransportFailure.class, failure -> assertThat(failure.provablyNotSent()).isTrue());
        provider.verify(0, getRequestedFor(urlEqualTo("/status")));
    }

    static final class CountingGate implements RequestGate {

        final AtomicInteger passed = new AtomicInteger();
        final List<Duration> slowDowns = new CopyOnWriteArrayList<>();

        @Override
        public void beforeRequest() {
            passed.incrementAndGet();
        }

        @Override
        public void slowDown(Duration retryAfter) {
            slowDowns.add(retryAfter);
        }
    }
}
