package io.cardsweep.sandbox;

import static io.cardsweep.sandbox.SandboxFixture.START;
import static io.cardsweep.sandbox.SandboxFixture.bearer;
import static io.cardsweep.sandbox.SandboxFixture.get;
import static io.cardsweep.sandbox.SandboxFixture.json;
import static io.cardsweep.sandbox.SandboxFixture.post;
import static io.cardsweep.sandbox.SandboxFixture.url;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.sandbox.SandboxFixture.Reply;
import io.cardsweep.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxPluTests {

    static final String ACTIVE = "acme-card-active00000001";
    static final String OTHER = "acme-card-other000000002";
    static final String LOW = "acme-card-low00000000003";
    static final String FROZEN = "acme-card-frozen00000004";
    static final String TERMINATED = "acme-card-ended000000005";
    static final String UNKNOWN = "acme-card-nobody0000dead";
    static final String REFERENCE = "per-diem trip 1000";
    static final String SUCCESS = "{\"status\":\"success\",\"message\":\"Card withdrawal successful\",\"data\":{}}";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(START);

    SandboxServer server;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withCards(writeCards(dir)).withClock(clock));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Path writeCards(Path dir) {
        String csv = """
                provider,card_id,balance,status,currency
                plu,%s,100.00,active,USD
                plu,%s,100.00,active,USD
                plu,%s,7.00,active,USD
                plu,%s,50.00,frozen,USD
                plu,%s,50.00,terminated,USD
                """.formatted(ACTIVE, OTHER, LOW, FROZEN, TERMINATED);
        try {
            return Files.writeString(dir.resolve("plu-cards.csv"), csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply send(String body, Map<String, String> headers) {
        return post(url(server, ProviderName.PLU, "/v1/partner/card/withdraw"), body, headers);
    }

    Reply withdrawWithKey(String key, String cardId, String amount) {
        return send(body(cardId, amount, REFERENCE), keyed(key));
    }

    Reply withdraw(String cardId, String amount) {
        return withdrawWithKey(UUID.randomUUID().toString(), cardId, amount);
    }

    static String body(String cardId, String amount, String reference) {
        return "{\"serviceCardId\":\"" + cardId + "\",\"amount\":" + amount + ",\"reference\":\"" + reference + "\"}";
    }

    static Map<String, String> keyed(String key) {
        Map<String, String> headers = new HashMap<>(bearer(SandboxCredentials.PLU_API_KEY));
        headers.put("idempotency-key", key);
        return headers;
    }

    static String error(String code, String text) {
        return "{\"status\":\"error\",\"message\":\"" + code + "\",\"data\":{\"error\":\"" + text + "\"}}";
    }

    @Nested
    class Auth {

        @Test
        void servesBelowPluBasePath() {
            assertThat(server.baseUrl(ProviderName.PLU)).hasToString("http://127.0.0.1:" + server.port() + "/plu/api");
        }

        @Test
        void refusesMissingKey() {
            // when
            Reply reply = send(body(ACTIVE, "10", REFERENCE), Map.of("idempotency-key", UUID.randomUUID().toString()));

            // then
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.body()).isEqualTo(json(error("INVALID_API_KEY", "Invalid or missing API key")));
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @Test
        void refusesWrongKey() {
            // given
            Map<String, String> headers = new HashMap<>(keyed(UUID.randomUUID().toString()));
            headers.put("Authorization", "Bearer sk_staging_guess");

            // when
            Reply reply = send(body(ACTIVE, "10", REFERENCE), headers);

            // then
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.text("/message")).isEqualTo("INVALID_API_KEY");
        }

        @Test
        void answersUnknownRouteInPlusEnvelope() {
            // when
            Reply reply = get(url(server, ProviderName.PLU, "/v1/partner/card/transactions"), bearer(SandboxCredentials.PLU_API_KEY));

            // then
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.text("/status")).isEqualTo("error");
            assertThat(reply.text("/message")).isEqualTo("ROUTE_NOT_FOUND");
        }
    }

    @Nested
    class Withdraw {

        @Test
        void debitsCardAndJournalsKeyAndReference() {
            // given
            String key = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";

            // when
            Reply reply = withdrawWithKey(key, ACTIVE, "12.50");

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo(json(SUCCESS));
            assertThat(server.executedWithdrawals()).singleElement().satisfies(executed -> {
                assertThat(executed.provider()).isEqualTo("plu");
                assertThat(executed.cardId()).isEqualTo(ACTIVE);
                assertThat(executed.amount()).isEqualByComparingTo("12.50");
                assertThat(executed.transactionId()).startsWith("plu_tx_");
                assertThat(executed.idempotencyKey()).isEqualTo(key);
                assertThat(executed.reference()).isEqualTo(REFERENCE);
                assertThat(executed.executedAt()).isEqualTo(START);
            });
        }

        @Test
        void debitsTheFullBalance() {
            // when
            Reply first = withdraw(LOW, "7.00");
            Reply second = withdraw(LOW, "5");

            // then
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(400);
            assertThat(second.body()).isEqualTo(json(error("INSUFFICIENT_FUNDS", "Insufficient funds on card")));
            assertThat(server.executedWithdrawals()).hasSize(1);
        }

        @Test
        void refusesAmountAboveBalance() {
            // when
            Reply reply = withdraw(LOW, "7.01");

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.text("/message")).isEqualTo("INSUFFICIENT_FUNDS");
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @Test
        void answersNotFoundForUnknownCard() {
            // when
            Reply reply = withdraw(UNKNOWN, "10");

            // then
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.body()).isEqualTo(json(error("CARD_NOT_FOUND", "Card not found")));
        }

        @Test
        void refusesTerminatedAndFrozenCards() {
            // when
            Reply terminated = withdraw(TERMINATED, "10");
            Reply frozen = withdraw(FROZEN, "10");

            // then
            assertThat(terminated.status()).isEqualTo(400);
            assertThat(terminated.body()).isEqualTo(json(error("CARD_ALREADY_TERMINATED", "Card is terminated, not active")));
            assertThat(frozen.status()).isEqualTo(400);
            assertThat(frozen.text("/message")).isEqualTo("CARD_ALREADY_TERMINATED");
            assertThat(server.executedWithdrawals()).isEmpty();
        }
    }

    @Nested
    class WebhookExport {

        @Test
        void exportsACardWithdrawalEventInTheDocumentedEnvelopeForEachExecutedWithdrawal() {
            // given one withdrawal executed and one refused
            withdraw(ACTIVE, "25.00");
            withdraw("acme-card-doesnotexist", "25.00");

            // when
            Reply export = get(java.net.URI.create("http://127.0.0.1:" + server.port() + "/_sandbox/plu/webhook-events"), Map.of());

            // then one JSON line, as PROVIDERS.md documents the event, with the fee kept and the net amount credited
            String[] lines = export.raw().strip().split("\n");
            assertThat(lines).hasSize(1);
            tools.jackson.databind.JsonNode event = json(lines[0]);
            ExecutedWithdrawal executed = server.executedWithdrawals().get(0);
            assertThat(event.path("event").asString()).isEqualTo("wallet.deposit.card-withdrawal");
            assertThat(event.at("/data/serviceCardId").asString()).isEqualTo(ACTIVE);
            assertThat(event.at("/data/serviceTransactionId").asString()).isEqualTo(executed.transactionId());
            assertThat(event.at("/data/reference").asString()).isEqualTo(REFERENCE);
            assertThat(event.at("/data/amount").decimalValue()).isEqualByComparingTo("25.00");
            assertThat(event.at("/data/fee").decimalValue()).isEqualByComparingTo("0.50");
            assertThat(event.at("/data/netAmount").decimalValue()).isEqualByComparingTo("24.50");
        }
    }

    @Nested
    class IdempotencyKeys {

        @Test
        void refusesReuseWithinTtlWithoutExecutingAgain() {
            // given
            String key = UUID.randomUUID().toString();
            withdrawWithKey(key, ACTIVE, "10");
            clock.advance(Duration.ofMinutes(4).plusSeconds(59));

            // when
            Reply reuse = withdrawWithKey(key, ACTIVE, "10");

            // then
            assertThat(reuse.status()).isEqualTo(400);
            assertThat(reuse.body()).isEqualTo(json(error("IDEMPOTENCY_KEY_ALREADY_USED", "This idempotency key has already been used")));
            assertThat(server.executedWithdrawals()).hasSize(1);
        }

        @Test
        void refusesReuseEvenForAnotherCardOrBody() {
            // given
            String key = UUID.randomUUID().toString();
            withdrawWithKey(key, ACTIVE, "10");

            // when
            Reply reuse = send(body(OTHER, "20", "another"), keyed(key));

            // then
            assertThat(reuse.text("/message")).isEqualTo("IDEMPOTENCY_KEY_ALREADY_USED");
            assertThat(server.executedWithdrawals()).hasSize(1);
        }

        @Test
        void executesAgainOnceTheKeyIsForgottenAfterTtl() {
            // given: Plu's documented behaviour, the reason cardsweep never resends on its own
            String key = UUID.randomUUID().toString();
            withdrawWithKey(key, ACTIVE, "10");
            clock.advance(Duration.ofMinutes(5));

            // when
            Reply resend = withdrawWithKey(key, ACTIVE, "10");

            // then
            assertThat(resend.status()).isEqualTo(200);
            assertThat(server.executedWithdrawals()).hasSize(2).allSatisfy(e -> assertThat(e.idempotencyKey()).isEqualTo(key));
        }

        @Test
        void honoursConfiguredTtl() {
            // given
            server.close();
            server = SandboxServer.start(SandboxOptions.defaults().withCards(writeCards(dir)).withClock(clock).withPluKeyTtl(Duration.ofSeconds(30)));
            String key = UUID.randomUUID().toString();
            withdrawWithKey(key, ACTIVE, "10");
            clock.advance(Duration.ofSeconds(30));

            // when / then
            assertThat(withdrawWithKey(key, ACTIVE, "10").status()).isEqualTo(200);
        }

        @Test
        void keyUsedOnARefusedCardStaysUsed() {
            // given
            String key = UUID.randomUUID().toString();
            withdrawWithKey(key, LOW, "50");

            // when
            Reply reuse = withdrawWithKey(key, LOW, "5");

            // then
            assertThat(reuse.text("/message")).isEqualTo("IDEMPOTENCY_KEY_ALREADY_USED");
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @Test
        void keyOfAnInvalidBodyIsNotUsedUp() {
            // given
            String key = UUID.randomUUID().toString();
            send(body(ACTIVE, "1", REFERENCE), keyed(key));

            // when
            Reply corrected = withdrawWithKey(key, ACTIVE, "10");

            // then
            assertThat(corrected.status()).isEqualTo(200);
        }

        @Test
        void requiresTheIdempotencyKeyHeader() {
            // when
            Reply reply = send(body(ACTIVE, "10", REFERENCE), bearer(SandboxCredentials.PLU_API_KEY));

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).isEqualTo(json(error("IDEMPOTENCY_KEY_REQUIRED", "The idempotency-key header is required")));
            assertThat(server.executedWithdrawals()).isEmpty();
        }
    }

    @Nested
    class Validation {

        @Test
        void rejectsAmountBelowFive() {
            // when
            Reply reply = withdraw(ACTIVE, "4.99");

            // then
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.body()).isEqualTo(json(error("VALIDATION_ERROR", "amount must not be less than 5")));
        }

        @Test
        void rejectsAmountAboveTenThousand() {
            // when
            Reply reply = withdraw(ACTIVE, "10000.01");

            // then
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.text("/data/error")).isEqualTo("amount must not be greater than 10000");
        }

        @Test
        void rejectsAmountSentAsString() {
            // when
            Reply reply = send("{\"serviceCardId\":\"" + ACTIVE + "\",\"amount\":\"10\",\"reference\":\"r\"}", keyed(UUID.randomUUID().toString()));

            // then
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.text("/data/error")).isEqualTo("amount must be a number");
        }

        @Test
        void rejectsMissingServiceCardId() {
            // when
            Reply reply = send("{\"amount\":10,\"reference\":\"r\"}", keyed(UUID.randomUUID().toString()));

            // then
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.text("/data/error")).isEqualTo("serviceCardId must be a non-empty string");
        }

        @Test
        void rejectsMissingAndEmptyReference() {
            // when
            Reply missing = send("{\"serviceCardId\":\"" + ACTIVE + "\",\"amount\":10}", keyed(UUID.randomUUID().toString()));
            Reply empty = send(body(ACTIVE, "10", ""), keyed(UUID.randomUUID().toString()));

            // then
            assertThat(missing.status()).isEqualTo(422);
            assertThat(missing.text("/data/error")).isEqualTo("reference should not be empty");
            assertThat(empty.status()).isEqualTo(422);
            assertThat(empty.text("/data/error")).isEqualTo("reference should not be empty");
        }

        @Test
        void acceptsReferenceOf256CharactersButNot257() {
            // when
            Reply longest = send(body(ACTIVE, "10", "r".repeat(256)), keyed(UUID.randomUUID().toString()));
            Reply tooLong = send(body(ACTIVE, "10", "r".repeat(257)), keyed(UUID.randomUUID().toString()));

            // then
            assertThat(longest.status()).isEqualTo(200);
            assertThat(tooLong.status()).isEqualTo(422);
            assertThat(tooLong.text("/data/error")).isEqualTo("reference must be shorter than or equal to 256 characters");
        }

        @Test
        void listsEveryIssueAtOnce() {
            // when
            Reply reply = send("{}", keyed(UUID.randomUUID().toString()));

            // then
            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.text("/data/error")).isEqualTo(
                    "serviceCardId must be a non-empty string; amount must be a number; reference should not be empty");
        }

        @Test
        void rejectsBodyThatIsNotJson() {
            // when
            Reply reply = send("{\"serviceCardId\":", keyed(UUID.randomUUID().toString()));

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.text("/message")).isEqualTo("BAD_REQUEST");
            assertThat(server.executedWithdrawals()).isEmpty();
        }
    }

    @Nested
    class DebitLimit {

        @Test
        void refusesSixthDebitOfACardWithinAMinuteCountingAViolation() {
            // given
            for (int i = 0; i < PluDebitLimit.PER_MINUTE; i++) {
                assertThat(withdraw(ACTIVE, "5").status()).isEqualTo(200);
                clock.advance(Duration.ofSeconds(10));
            }

            // when
            Reply limited = withdraw(ACTIVE, "5");

            // then
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.body()).isEqualTo(json(error("CARD_DEBIT_LIMIT", "Card debit limit reached, try again later")));
            assertThat(server.executedWithdrawals()).hasSize(5);
            assertThat(server.executedWithdrawals()).extracting(ExecutedWithdrawal::amount).containsOnly(new BigDecimal("5"));
            assertThat(server.stats().get("plu").violations()).isEqualTo(Map.of(SandboxStats.RATE_LIMIT, 1L));
        }

        @Test
        void saysInRetryAfterWhenTheOldestDebitLeavesTheWindow() {
            // given: debits at 0 s, 10 s, … 40 s; the next one is refused at 50 s
            for (int i = 0; i < PluDebitLimit.PER_MINUTE; i++) {
                withdraw(ACTIVE, "5");
                clock.advance(Duration.ofSeconds(10));
            }

            // when
            String retryAfter = retryAfterOf(ACTIVE);
            clock.advance(Duration.ofSeconds(Long.parseLong(retryAfter)));
            Reply afterWait = withdraw(ACTIVE, "5");

            // then
            assertThat(retryAfter).isEqualTo("10");
            assertThat(afterWait.status()).isEqualTo(200);
        }

        @Test
        void limitIsPerCard() {
            // given
            for (int i = 0; i < PluDebitLimit.PER_MINUTE; i++) {
                withdraw(ACTIVE, "5");
            }

            // when
            Reply other = withdraw(OTHER, "5");

            // then
            assertThat(other.status()).isEqualTo(200);
        }

        @Test
        void refusalDoesNotUseUpTheKeySoTheDeferredRequestCanBeSentAgain() {
            // given
            for (int i = 0; i < PluDebitLimit.PER_MINUTE; i++) {
                withdraw(ACTIVE, "5");
            }
            String key = UUID.randomUUID().toString();
            withdrawWithKey(key, ACTIVE, "5");
            clock.advance(Duration.ofMinutes(1));

            // when
            Reply retried = withdrawWithKey(key, ACTIVE, "5");

            // then
            assertThat(retried.status()).isEqualTo(200);
            assertThat(server.executedWithdrawals()).filteredOn(e -> key.equals(e.idempotencyKey())).hasSize(1);
        }
    }

    /** The Retry-After header of a 429, read by a raw request since {@link Reply} keeps no headers. */
    String retryAfterOf(String cardId) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url(server, ProviderName.PLU, "/v1/partner/card/withdraw"))
                    .POST(HttpRequest.BodyPublishers.ofString(body(cardId, "5", REFERENCE)))
                    .header("Content-Type", "application/json");
            keyed(UUID.randomUUID().toString()).forEach(request::header);
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(429);
            return response.headers().firstValue("Retry-After").orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class Terminate {

        Reply terminate(String cardId, Map<String, String> headers) {
            return SandboxFixture.send("DELETE", url(server, ProviderName.PLU, "/v1/partner/card/terminate/" + cardId), "", headers);
        }

        Reply terminate(String cardId) {
            return terminate(cardId, keyed(UUID.randomUUID().toString()));
        }

        @Test
        void liquidatesTheBalanceTerminatesTheCardAndJournalsTheKey() {
            // given
            String key = UUID.randomUUID().toString();

            // when
            Reply reply = terminate(ACTIVE, keyed(key));

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo(json("{\"status\":\"success\",\"message\":\"Card terminated successfully\",\"data\":{}}"));
            assertThat(server.executedTerminations()).singleElement().satisfies(executed -> {
                assertThat(executed.provider()).isEqualTo("plu");
                assertThat(executed.cardId()).isEqualTo(ACTIVE);
                assertThat(executed.refunded()).isEqualByComparingTo("100.00");
                assertThat(executed.idempotencyKey()).isEqualTo(key);
            });
        }

        @Test
        void answersAReusedKeyAsForAWithdrawalWithoutTerminatingAgain() {
            // given
            String key = UUID.randomUUID().toString();
            terminate(ACTIVE, keyed(key));

            // when
            Reply reused = terminate(ACTIVE, keyed(key));
            Reply reusedForAWithdrawal = withdrawWithKey(key, OTHER, "10");

            // then
            assertThat(reused.status()).isEqualTo(400);
            assertThat(reused.text("/message")).isEqualTo("IDEMPOTENCY_KEY_ALREADY_USED");
            assertThat(reusedForAWithdrawal.text("/message")).isEqualTo("IDEMPOTENCY_KEY_ALREADY_USED");
            assertThat(server.executedTerminations()).hasSize(1);
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @Test
        void answersAlreadyTerminatedToAFreshKeyOnceTheCardIsTerminated() {
            // given
            terminate(ACTIVE);

            // when
            Reply again = terminate(ACTIVE);
            Reply seeded = terminate(TERMINATED);

            // then
            assertThat(again.status()).isEqualTo(400);
            assertThat(again.body()).isEqualTo(json(error("CARD_ALREADY_TERMINATED", "Card is already terminated")));
            assertThat(seeded.text("/message")).isEqualTo("CARD_ALREADY_TERMINATED");
            assertThat(server.executedTerminations()).hasSize(1);
        }

        @Test
        void terminatesAFrozenCard() {
            // when / then
            assertThat(terminate(FROZEN).status()).isEqualTo(200);
            assertThat(server.executedTerminations()).singleElement().satisfies(executed -> assertThat(executed.refunded()).isEqualByComparingTo("50.00"));
        }

        @Test
        void refusesWithdrawalsFromATerminatedCard() {
            // given
            terminate(ACTIVE);

            // when
            Reply reply = withdraw(ACTIVE, "10");

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.text("/message")).isEqualTo("CARD_ALREADY_TERMINATED");
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @Test
        void requiresTheKeyAndThePartnerKeyAndAKnownCard() {
            // when
            Reply keyless = terminate(ACTIVE, bearer(SandboxCredentials.PLU_API_KEY));
            Reply unauthorized = terminate(ACTIVE, Map.of("idempotency-key", UUID.randomUUID().toString()));
            Reply unknown = terminate(UNKNOWN);

            // then
            assertThat(keyless.status()).isEqualTo(400);
            assertThat(keyless.text("/message")).isEqualTo("IDEMPOTENCY_KEY_REQUIRED");
            assertThat(unauthorized.status()).isEqualTo(401);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.text("/message")).isEqualTo("CARD_NOT_FOUND");
            assertThat(server.executedTerminations()).isEmpty();
        }
    }
}
