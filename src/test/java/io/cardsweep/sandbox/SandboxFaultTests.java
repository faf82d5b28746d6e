package io.cardsweep.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.cardsweep.sandbox.SandboxFixture.CTV_ACTIVE;
import static io.cardsweep.sandbox.SandboxFixture.START;
import static io.cardsweep.sandbox.SandboxFixture.cartevoToken;
import static io.cardsweep.sandbox.SandboxFixture.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Injected faults over real HTTP: what the client sees, and what the provider executed (the journal, always the truth). */
class SandboxFaultTests {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(START);

    SandboxServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    void start(String cartevoFaults) {
        server = SandboxServer.start(SandboxFixture.options(dir, clock).withFaults(ProviderName.CARTEVO, FaultPlan.parse(cartevoFaults)));
    }

    HttpResponse<String> withdraw(Duration timeout) throws IOException, InterruptedException {
        String token = cartevoToken(server); // logins and tokens never meet a fault
        HttpRequest request = HttpRequest.newBuilder(url(server, ProviderName.CARTEVO, "/cards/" + CTV_ACTIVE + "/withdraw"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":5.00}"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .timeout(timeout).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aServerErrorAnswersInTheProvidersShapeAndExecutesNothing() throws Exception {
        start("error=1");

        HttpResponse<String> response = withdraw(Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("Withdrawal temporarily unavailable");
        assertThat(server.executedWithdrawals()).isEmpty();
        assertThat(server.stats().get("cartevo").faults()).containsEntry("error", 1L);
    }

    @Test
    void aRateLimitAnswers429AndExecutesNothing() throws Exception {
        start("rate-limit=1");

        HttpResponse<String> response = withdraw(Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(server.executedWithdrawals()).isEmpty();
    }

    @Test
    void aDropBeforeExecutingLeavesTheClientWithoutAnAnswerAndNothingExecuted() {
        start("drop-before=1");

        assertThatThrownBy(() -> withdraw(Duration.ofSeconds(5))).isInstanceOf(IOException.class);
        assertThat(server.executedWithdrawals()).isEmpty();
    }

    @Test
    void aDropAfterExecutingLeavesTheClientWithoutAnAnswerButTheWithdrawalExecuted() {
        start("drop-after=1");

        assertThatThrownBy(() -> withdraw(Duration.ofSeconds(5))).isInstanceOf(IOException.class);
        assertThat(server.executedWithdrawals()).hasSize(1);
        assertThat(server.stats().get("cartevo").faults()).containsEntry("drop_after", 1L);
        assertThat(SandboxFixture.get(URI.create("http://127.0.0.1:" + server.port() + "/_sandbox/withdrawals/count"), java.util.Map.of())
                .body().at("/count").asInt()).isEqualTo(1);
    }

    @Test
    void aTerminationMeetsTheFaultsAWithdrawalMeets() throws Exception {
        start("drop-after=1");

        String token = cartevoToken(server);
        HttpRequest terminate = HttpRequest.newBuilder(url(server, ProviderName.CARTEVO, "/cards/" + CTV_ACTIVE + "/terminate"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> HTTP.send(terminate, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThat(server.executedTerminations()).singleElement().satisfies(executed -> assertThat(executed.refunded()).isEqualByComparingTo("100.00"));
        assertThat(server.stats().get("cartevo").faults()).containsEntry("drop_after", 1L);
    }

    @Test
    void aServerErrorRefusesATerminationWithoutExecutingIt() throws Exception {
        start("error=1");

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url(server, ProviderName.CARTEVO, "/cards/" + CTV_ACTIVE + "/terminate"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + cartevoToken(server)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(server.executedTerminations()).isEmpty();
        assertThat(SandboxFixture.get(url(server, ProviderName.CARTEVO, "/cards/" + CTV_ACTIVE), SandboxFixture.bearer(cartevoToken(server)))
                .text("/data/status")).isEqualTo("ACTIVE");
    }

    @Test
    void aHangAfterExecutingOutlastsTheClientsTimeoutButTheWithdrawalExecuted() {
        start("hang-after=1,hang=3s");

        assertThatThrownBy(() -> withdraw(Duration.ofMillis(500))).isInstanceOf(HttpTimeoutException.class);
        assertThat(server.executedWithdrawals()).hasSize(1);
    }

    @Test
    void aMalformedAnswerIsCutShortAfterExecuting() throws Exception {
        start("malformed=1");

        HttpResponse<String> response = withdraw(Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThatThrownBy(() -> SandboxFixture.json(response.body())).isInstanceOf(RuntimeException.class);
        assertThat(server.executedWithdrawals()).hasSize(1);
    }

    @Test
    void latencyIsDrawnWithinItsRangeWithoutHoldingOtherRequestsUp() throws Exception {
        start("latency=300ms..400ms");

        long started = System.nanoTime();
        HttpResponse<String> response = withdraw(Duration.ofSeconds(5));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        long tokenStarted = System.nanoTime();
        cartevoToken(server);
        long tokenMillis = (System.nanoTime() - tokenStarted) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(tookMillis).isGreaterThanOrEqualTo(300);
        assertThat(tokenMillis).isLessThan(300);
    }

    @Test
    void faultsAreReplacedWhileRunningAndShown() throws Exception {
        // given a sandbox with no fault
        start("");

        // when every Cartevo withdrawal is made to fail, then the faults are lifted again
        HttpResponse<String> set = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/_sandbox/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"all\": {\"latency\": \"1ms\"}, \"cartevo\": \"error=1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        int failing = withdraw(Duration.ofSeconds(5)).statusCode();
        HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/_sandbox/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        int healthy = withdraw(Duration.ofSeconds(5)).statusCode();

        // then
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(SandboxFixture.json(set.body()).at("/cartevo/error").asDouble()).isEqualTo(1.0);
        assertThat(SandboxFixture.json(set.body()).at("/plu/latency_min").asString()).isEqualTo("PT0.001S");
        assertThat(failing).isEqualTo(503);
        assertThat(healthy).isEqualTo(201);
        assertThat(server.executedWithdrawals()).hasSize(1);
    }

    @Test
    void aProvidersFaultsDoNotDependOnHowOtherProvidersRequestsInterleave() {
        Map<ProviderName, FaultPlan> plans = Map.of(ProviderName.PLU, FaultPlan.parse("drop-before=0.5,drop-after=0.5"),
                ProviderName.CARTEVO, FaultPlan.parse("error=0.5"));
        SandboxFaults alone = new SandboxFaults(plans, 2026);
        SandboxFaults interleaved = new SandboxFaults(plans, 2026);

        List<FaultPlan.Fault> pluAlone = new ArrayList<>();
        List<FaultPlan.Fault> pluInterleaved = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            pluAlone.add(alone.draw(ProviderName.PLU));
            for (int j = 0; j < i % 3; j++) {
                interleaved.draw(ProviderName.CARTEVO);
            }
            pluInterleaved.add(interleaved.draw(ProviderName.PLU));
        }

        assertThat(pluInterleaved).isEqualTo(pluAlone).contains(FaultPlan.Fault.DROP_BEFORE, FaultPlan.Fault.DROP_AFTER);
    }

    @Test
    void refusesFaultSettingsItCannotRead() throws Exception {
        start("");

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/_sandbox/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"cartevo\": \"eror=1\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unknown fault 'eror'");
    }
}
