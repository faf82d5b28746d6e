package io.cardsweep.sandbox;

import io.cardsweep.support.MutableClock;
import static io.cardsweep.sandbox.SandboxFixture.CTV_ACTIVE;
import static io.cardsweep.sandbox.SandboxFixture.START;
import static io.cardsweep.sandbox.SandboxFixture.UNC_ACTIVE;
import static io.cardsweep.sandbox.SandboxFixture.bearer;
import static io.cardsweep.sandbox.SandboxFixture.cartevoToken;
import static io.cardsweep.sandbox.SandboxFixture.get;
import static io.cardsweep.sandbox.SandboxFixture.post;
import static io.cardsweep.sandbox.SandboxFixture.uncashKey;
import static io.cardsweep.sandbox.SandboxFixture.url;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.sandbox.SandboxFixture.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class SandboxServerTests {

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

    @Nested
    class Addresses {

        @Test
        void servesEachProviderBelowItsOwnBasePath() {
            // given
            server = SandboxServer.start(SandboxOptions.defaults());

            // when
            URI cartevo = server.baseUrl(ProviderName.CARTEVO);
            URI uncash = server.baseUrl(ProviderName.UNCASH);

            // then
            assertThat(server.port()).isPositive();
            assertThat(cartevo).hasToString("http://127.0.0.1:" + server.port() + "/cartevo/api/v1");
            assertThat(uncash).hasToString("http://127.0.0.1:" + server.port() + "/uncash/api/v1");
        }

        @Test
        void servesEveryProviderUnderItsOwnBasePath() {
            // given
            server = SandboxServer.start(SandboxOptions.defaults());
            String root = "http://127.0.0.1:" + server.port();

            // when / then
            assertThat(server.baseUrl(ProviderName.PLU)).hasToString(root + "/plu/api");
            assertThat(server.baseUrl(ProviderName.CARTEVO)).hasToString(root + "/cartevo/api/v1");
            assertThat(server.baseUrl(ProviderName.UNCASH)).hasToString(root + "/uncash/api/v1");
            assertThat(server.baseUrl(ProviderName.HTP)).hasToString(root + "/htp/api/v1");
            assertThat(server.baseUrl(ProviderName.NUEVE09)).hasToString(root + "/nueve09");
        }

        @Test
        void answersNotFoundOutsideKnownRoutes() {
            // given
            server = SandboxServer.start(SandboxOptions.defaults());

            // when
            Reply reply = get(URI.create("http://127.0.0.1:" + server.port() + "/nowhere"), Map.of());

            // then
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.body().at("/success").asBoolean()).isFalse();
        }

        @Test
        void seedsFromTheSampleCardsFile() {
            // given
            server = SandboxServer.start(SandboxOptions.defaults().withCards(Path.of("sample-input/sandbox-cards.csv")));

            // when
            Reply reply = get(url(server, ProviderName.UNCASH, "/cards/92276658-1e27-41c0-8a6a-63ec24ede6a4"), uncashKey());

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.decimal("/data/balance")).isEqualByComparingTo("861.44");
        }
    }

    @Nested
    class Settings {

        @Test
        void servesTheSettingsThatPointARunAtThisSandbox() {
            // given
            server = SandboxServer.start(SandboxFixture.options(dir, clock));

            // when
            Reply reply = get(URI.create("http://127.0.0.1:" + server.port() + "/_sandbox/settings"), Map.of());

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().get("cardsweep.providers.uncash.base-url").asString())
                    .isEqualTo("http://127.0.0.1:" + server.port() + "/uncash/api/v1");
            assertThat(reply.body().get("cardsweep.providers.htp.agent-secret").asString()).isEqualTo(SandboxCredentials.HTP_AGENT_SECRET);
            assertThat(reply.body().get("cardsweep.providers.nueve09.public-key").asString()).isEqualTo(server.nueve09PublicKey());
            assertThat(reply.body().get("cardsweep.security.card-hash-key").asString()).startsWith("sandbox-only-");
            assertThat(reply.body().properties()).hasSize(17);
        }
    }

    @Nested
    class Journal {

        @Test
        void listsExecutedWithdrawalsInOrderWithSnakeCaseNames() {
            // given
            server = SandboxServer.start(SandboxFixture.options(dir, clock));
            Map<String, String> headers = new HashMap<>(uncashKey());
            headers.put("idempotency-key", "4b7c2c1e-0a51-4f27-9d55-3c1b8f1f0e11");
            post(url(server, ProviderName.UNCASH, "/cards/" + UNC_ACTIVE + "/withdraw"),
                    "{\"amount\":20.50,\"reference\":\"per-diem-7\"}", headers);
            clock.advance(Duration.ofSeconds(5));
            post(url(server, ProviderName.CARTEVO, "/cards/" + CTV_ACTIVE + "/withdraw"), "{\"amount\":10}",
                    bearer(cartevoToken(server)));
            post(url(server, ProviderName.UNCASH, "/cards/" + UNC_ACTIVE + "/withdraw"), "{\"amount\":1}", uncashKey());

            // when
            Reply reply = get(URI.create("http://127.0.0.1:" + server.port() + "/_sandbox/withdrawals"), Map.of());

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().size()).isEqualTo(2);
            JsonNode first = reply.body().get(0);
            assertThat(first.get("provider").asString()).isEqualTo("uncash");
            assertThat(first.get("card_id").asString()).isEqualTo(UNC_ACTIVE);
            assertThat(first.get("amount").decimalValue()).isEqualByComparingTo("20.50");
            assertThat(first.get("transaction_id").asString()).startsWith("unc_tx_");
            assertThat(first.get("idempotency_key").asString()).isEqualTo("4b7c2c1e-0a51-4f27-9d55-3c1b8f1f0e11");
            assertThat(first.get("reference").asString()).isEqualTo("per-diem-7");
            assertThat(first.get("executed_at").asString()).isEqualTo("2026-03-02T09:00:00Z");
            JsonNode second = reply.body().get(1);
            assertThat(second.get("provider").asString()).isEqualTo("cartevo");
            assertThat(second.get("idempotency_key").isNull()).isTrue();
            assertThat(second.get("reference").isNull()).isTrue();
            assertThat(second.get("executed_at").asString()).isEqualTo("2026-03-02T09:00:05Z");
            assertThat(server.executedWithdrawals()).extracting(ExecutedWithdrawal::transactionId)
                    .containsExactly(first.get("transaction_id").asString(), second.get("transaction_id").asString());
        }
    }

    @Nested
    class TerminationJournal {

        @Test
        void listsExecutedTerminationsInOrderWithWhatEachTookOffItsCard() {
            // given a withdrawal, two terminations, and a refused second termination
            server = SandboxServer.start(SandboxFixture.options(dir, clock));
            post(url(server, ProviderName.UNCASH, "/cards/" + UNC_ACTIVE + "/withdraw"), "{\"amount\":20.50}", uncashKey());
            clock.advance(Duration.ofMinutes(16));
            SandboxFixture.send("PATCH", url(server, ProviderName.UNCASH, "/cards/" + UNC_ACTIVE + "/close"), "", uncashKey());
            clock.advance(Duration.ofSeconds(5));
            post(url(server, ProviderName.CARTEVO, "/cards/" + CTV_ACTIVE + "/terminate"), "", bearer(cartevoToken(server)));
            post(url(server, ProviderName.CARTEVO, "/cards/" + CTV_ACTIVE + "/terminate"), "", bearer(cartevoToken(server)));

            // when
            Reply reply = get(URI.create("http://127.0.0.1:" + server.port() + "/_sandbox/terminations"), Map.of());
            Reply count = get(URI.create("http://127.0.0.1:" + server.port() + "/_sandbox/terminations/count"), Map.of());

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().size()).isEqualTo(2);
            JsonNode first = reply.body().get(0);
            assertThat(first.get("provider").asString()).isEqualTo("uncash");
            assertThat(first.get("card_id").asString()).isEqualTo(UNC_ACTIVE);
            assertThat(first.get("refunded").decimalValue()).isEqualByComparingTo("79.50");
            assertThat(first.get("idempotency_key").isNull()).isTrue();
            assertThat(first.get("executed_at").asString()).isEqualTo("2026-03-02T09:16:00Z");
            JsonNode second = reply.body().get(1);
            assertThat(second.get("provider").asString()).isEqualTo("cartevo");
            assertThat(second.get("refunded").decimalValue()).isEqualByComparingTo("100.00");
            assertThat(count.body().at("/count").asInt()).isEqualTo(2);
            assertThat(server.executedTerminations()).extracting(ExecutedTermination::cardId).containsExactly(UNC_ACTIVE, CTV_ACTIVE);
            assertThat(server.executedWithdrawals()).hasSize(1);
        }
    }

    @Nested
    class Concurrency {

        @Test
        void cartevoNeverOverdrawsACardUnderParallelWithdrawals() throws Exception {
            // given 100.00 on the card, 8 threads asking 5 x 3.00 each = 120.00
            server = SandboxServer.start(SandboxFixture.options(dir, clock));
            String token = cartevoToken(server);
            URI withdraw = url(server, ProviderName.CARTEVO, "/cards/" + CTV_ACTIVE + "/withdraw");

            // when
            List<Reply> replies = inParallel(8, 5, () -> post(withdraw, "{\"amount\":3.00}", bearer(token)));

            // then 33 x 3.00 = 99.00 fits, the rest is refused
            assertThat(replies).filteredOn(r -> r.status() == 201).hasSize(33);
            assertThat(replies).filteredOn(r -> r.status() == 400)
                    .allSatisfy(r -> assertThat(r.text("/message")).isEqualTo("Insufficient card balance")).hasSize(7);
            assertThat(get(url(server, ProviderName.CARTEVO, "/cards/" + CTV_ACTIVE), bearer(token)).decimal("/data/balance"))
                    .isEqualByComparingTo("1.00");
            assertThat(server.executedWithdrawals()).hasSize(33)
                    .extracting(ExecutedWithdrawal::transactionId).doesNotHaveDuplicates();
        }

        @Test
        void uncashNeverOverdrawsACardUnderParallelWithdrawals() throws Exception {
            // given no cooldown, so only the balance limits the 8 x 5 x 7.00 = 280.00 asked of 100.00
            server = SandboxServer.start(SandboxFixture.options(dir, clock).withUncashCooldown(Duration.ZERO));
            URI withdraw = url(server, ProviderName.UNCASH, "/cards/" + UNC_ACTIVE + "/withdraw");

            // when
            List<Reply> replies = inParallel(8, 5, () -> post(withdraw, "{\"amount\":7.00}", uncashKey()));

            // then 14 x 7.00 = 98.00 fits
            assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(14);
            BigDecimal executed = server.executedWithdrawals().stream().map(ExecutedWithdrawal::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(executed).isEqualByComparingTo("98.00");
            assertThat(get(url(server, ProviderName.UNCASH, "/cards/" + UNC_ACTIVE), uncashKey()).decimal("/data/balance"))
                    .isEqualByComparingTo("2.00");
        }

        private List<Reply> inParallel(int threads, int callsEach, java.util.concurrent.Callable<Reply> call)
                throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<List<Reply>>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        gate.await();
                        List<Reply> mine = new ArrayList<>();
                        for (int i = 0; i < callsEach; i++) {
                            mine.add(call.call());
                        }
                        return mine;
                    }));
                }
                gate.countDown();
                List<Reply> all = new ArrayList<>();
                for (Future<List<Reply>> future : futures) {
                    all.addAll(future.get());
                }
                return all;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Latency {

        @Test
        void answersAfterConfiguredLatencyHavingAlreadyExecuted() {
            // given
            server = SandboxServer.start(SandboxFixture.options(dir, clock).withLatency(Duration.ofMillis(300)));
            long started = System.nanoTime();

            // when
            Reply reply = post(url(server, ProviderName.UNCASH, "/cards/" + UNC_ACTIVE + "/withdraw"), "{\"amount\":10}",
                    uncashKey());

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(server.executedWithdrawals()).hasSize(1);
        }
    }
}
