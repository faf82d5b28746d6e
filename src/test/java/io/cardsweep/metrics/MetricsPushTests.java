package io.cardsweep.metrics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The push against a real HTTP server standing in for the Pushgateway. */
class MetricsPushTests {

    HttpServer pushgateway;
    final AtomicInteger status = new AtomicInteger(200);
    final List<Received> received = new CopyOnWriteArrayList<>();
    final PrometheusRegistry prometheus = new PrometheusRegistry();

    record Received(String method, String path, String authorization, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        pushgateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pushgateway.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        pushgateway.start();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, prometheus, io.micrometer.core.instrument.Clock.SYSTEM);
        Counter.builder("cardsweep.withdrawals").tag("provider", "plu").tag("outcome", "succeeded").register(meters).increment(2);
    }

    @AfterEach
    void stop() {
        pushgateway.stop(0);
    }

    MetricsPush push(String url, String username, String password, String token) {
        return new MetricsPush(new PushgatewaySettings(URI.create(url), username, password, token, Duration.ofSeconds(3)), () -> prometheus);
    }

    String root() {
        return "http://127.0.0.1:" + pushgateway.getAddress().getPort();
    }

    @Test
    void groupsAShardsPushByJobAndShardSoThePodsOfOneRunDoNotOverwriteEachOther() {
        // when
        Optional<String> warning = push(root(), null, null, null).push("per-diem-reclaim", "0/4");

        // then: the shard's slash travels Base64-encoded, as the Pushgateway's API has it
        assertThat(warning).isEmpty();
        assertThat(received).singleElement().satisfies(push -> {
            assertThat(push.method()).isEqualTo("PUT");
            assertThat(push.path()).isEqualTo("/metrics/job/per-diem-reclaim/shard@base64/"
                    + Base64.getUrlEncoder().encodeToString("0/4".getBytes(StandardCharsets.UTF_8)));
            assertThat(push.body()).contains("cardsweep_withdrawals_total{outcome=\"succeeded\",provider=\"plu\"} 2");
        });
    }

    @Test
    void goesUnderThePathPrefixOfItsUrlWithBasicAuthentication() {
        push(root() + "/pushgateway/", "ops", "s3cret", null).push("card-termination-sweep", null);

        assertThat(received).singleElement().satisfies(push -> {
            assertThat(push.path()).isEqualTo("/pushgateway/metrics/job/card-termination-sweep");
            assertThat(push.authorization()).isEqualTo("Basic " + Base64.getEncoder().encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Test
    void aPushgatewayThatRefusesThePushCostsOneWarningNotAnException() {
        // given
        status.set(500);

        // when
        Optional<String> warning = push(root(), null, null, "t0ken").push("per-diem-reclaim", null);

        // then
        assertThat(received).singleElement().satisfies(push -> assertThat(push.authorization()).isEqualTo("Bearer t0ken"));
        assertThat(warning).hasValueSatisfying(line -> assertThat(line)
                .startsWith("Warning: the run's metrics were not pushed to the Pushgateway at " + root())
                .contains("500").doesNotContain("t0ken").doesNotContain("\n"));
    }

    @Test
    void pushesNothingWhereNoPushgatewayIsSet() {
        MetricsPush off = new MetricsPush(new PushgatewaySettings(null, null, null, null, Duration.ofSeconds(3)), () -> prometheus);

        assertThat(off.push("per-diem-reclaim", null)).isEmpty();
        assertThat(received).isEmpty();
    }
}
