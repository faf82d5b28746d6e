package io.cardsweep.sandbox;

import io.cardsweep.support.MutableClock;
import static io.cardsweep.sandbox.SandboxFixture.CTV_ACTIVE;
import static io.cardsweep.sandbox.SandboxFixture.CTV_FROZEN;
import static io.cardsweep.sandbox.SandboxFixture.CTV_LOW;
import static io.cardsweep.sandbox.SandboxFixture.CTV_TERMINATED;
import static io.cardsweep.sandbox.SandboxFixture.START;
import static io.cardsweep.sandbox.SandboxFixture.UNKNOWN;
import static io.cardsweep.sandbox.SandboxFixture.bearer;
import static io.cardsweep.sandbox.SandboxFixture.cartevoToken;
import static io.cardsweep.sandbox.SandboxFixture.get;
import static io.cardsweep.sandbox.SandboxFixture.json;
import static io.cardsweep.sandbox.SandboxFixture.post;
import static io.cardsweep.sandbox.SandboxFixture.url;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.sandbox.SandboxFixture.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCartevoTests {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(START);

    SandboxServer server;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxFixture.options(dir, clock).withCartevoTokenTtl(Duration.ofSeconds(60)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Reply withdraw(String cardId, String amount) {
        return post(url(server, ProviderName.CARTEVO, "/cards/" + cardId + "/withdraw"), "{\"amount\":" + amount + "}",
                bearer(cartevoToken(server)));
    }

    Reply card(String cardId) {
        return get(url(server, ProviderName.CARTEVO, "/cards/" + cardId), bearer(cartevoToken(server)));
    }

    @Nested
    class Token {

        @Test
        void issuesBearerTokenWithConfiguredLifetime() {
            // given
            String body = "{\"client_id\":\"sandbox-client\",\"client_key\":\"sandbox-client-key\"}";

            // when
            Reply reply = post(url(server, ProviderName.CARTEVO, "/auth/token"), body, Map.of());

            // then
            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.text("/access_token")).startsWith("ctv_at_");
            assertThat(reply.text("/token_type")).isEqualTo("Bearer");
            assertThat(reply.body().at("/expires_in").asLong()).isEqualTo(60);
        }

        @Test
        void refusesWrongClientKey() {
            // given
            String body = "{\"client_id\":\"sandbox-client\",\"client_key\":\"guess\"}";

            // when
            Reply reply = post(url(server, ProviderName.CARTEVO, "/auth/token"), body, Map.of());

            // then
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.body().at("/success").asBoolean()).isFalse();
            assertThat(reply.body().at("/statusCode").asInt()).isEqualTo(401);
            assertThat(reply.text("/error")).isEqualTo("Unauthorized");
            assertThat(reply.body().has("access_token")).isFalse();
        }

        @Test
        void refusesCallWithoutToken() {
            // when
            Reply reply = post(url(server, ProviderName.CARTEVO, "/cards/" + CTV_ACTIVE + "/withdraw"),
                    "{\"amount\":10}", Map.of());

            // then
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.body()).isEqualTo(
                    json("{\"success\":false,\"statusCode\":401,\"message\":\"Unauthorized\",\"error\":\"Unauthorized\"}"));
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @Test
        void refusesTokenItDidNotIssue() {
            // when
            Reply reply = get(url(server, ProviderName.CARTEVO, "/cards/" + CTV_ACTIVE), bearer("ctv_at_forged"));

            // then
            assertThat(reply.status()).isEqualTo(401);
        }

        @Test
        void acceptsTokenUntilItsLifetimeEndsThenRefusesIt() {
            // given
            String token = cartevoToken(server);
            clock.advance(Duration.ofSeconds(59));

            // when
            Reply beforeExpiry = get(url(server, ProviderName.CARTEVO, "/cards/" + CTV_ACTIVE), bearer(token));
            clock.advance(Duration.ofSeconds(1));
            Reply atExpiry = get(url(server, ProviderName.CARTEVO, "/cards/" + CTV_ACTIVE), bearer(token));

            // then
            assertThat(beforeExpiry.status()).isEqualTo(200);
            assertThat(atExpiry.status()).isEqualTo(401);
            assertThat(atExpiry.text("/message")).isEqualTo("Unauthorized");
        }
    }

    @Nested
    class Withdraw {

        @Test
        void debitsFullAmountAndCreditsAmountNetOfFee() {
            // when
            Reply reply = withdraw(CTV_ACTIVE, "10.00");

            // then
            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.body().at("/success").asBoolean()).isTrue();
            assertThat(reply.body().at("/statusCode").asInt()).isEqualTo(201);
            assertThat(reply.text("/message")).isEqualTo("Withdrawal successful");
            assertThat(reply.text("/data/transaction_id")).startsWith("ctv_tx_");
            assertThat(reply.text("/data/card_id")).isEqualTo(CTV_ACTIVE);
            assertThat(reply.decimal("/data/amount")).isEqualByComparingTo("9.70");
            assertThat(reply.text("/data/currency")).isEqualTo("USD");
            assertThat(reply.decimal("/data/fee_amount")).isEqualByComparingTo("0.30");
            assertThat(reply.decimal("/data/card_balance_before")).isEqualByComparingTo("100.00");
            assertThat(reply.decimal("/data/card_balance_after")).isEqualByComparingTo("90.00");
            assertThat(reply.raw()).contains("\"amount\":9.70").contains("\"card_balance_after\":90.00");
            assertThat(card(CTV_ACTIVE).decimal("/data/balance")).isEqualByComparingTo("90.00");
        }

        @Test
        void allowsFrozenCard() {
            // when
            Reply reply = withdraw(CTV_FROZEN, "50");

            // then
            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.decimal("/data/card_balance_after")).isEqualByComparingTo("0");
        }

        @Test
        void allowsWithdrawingTheWholeBalance() {
            // when
            Reply reply = withdraw(CTV_LOW, "3.10");

            // then
            assertThat(reply.status()).isEqualTo(201);
            assertThat(card(CTV_LOW).decimal("/data/balance")).isEqualByComparingTo("0");
        }

        @Test
        void answersNotFoundForUnknownCard() {
            // when
            Reply reply = withdraw(UNKNOWN, "10");

            // then
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.body()).isEqualTo(
                    json("{\"success\":false,\"statusCode\":404,\"message\":\"Card not found\",\"error\":\"Not Found\"}"));
        }

        @Test
        void refusesTerminatedCard() {
            // when
            Reply reply = withdraw(CTV_TERMINATED, "10");

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).isEqualTo(
                    json("{\"success\":false,\"statusCode\":400,\"message\":\"Card is terminated\",\"error\":\"Bad Request\"}"));
            assertThat(card(CTV_TERMINATED).decimal("/data/balance")).isEqualByComparingTo("70.00");
        }

        @Test
        void refusesAmountBelowOne() {
            // when
            Reply reply = withdraw(CTV_ACTIVE, "0.99");

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).isEqualTo(json(
                    "{\"success\":false,\"statusCode\":400,\"message\":\"Amount must be at least 1\",\"error\":\"Bad Request\"}"));
        }

        @Test
        void refusesAmountAboveBalanceAndLeavesBalance() {
            // when
            Reply reply = withdraw(CTV_LOW, "3.11");

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).isEqualTo(json(
                    "{\"success\":false,\"statusCode\":400,\"message\":\"Insufficient card balance\",\"error\":\"Bad Request\"}"));
            assertThat(card(CTV_LOW).decimal("/data/balance")).isEqualByComparingTo("3.10");
        }

        @Test
        void recordsOnlyExecutedWithdrawals() {
            // given
            withdraw(CTV_TERMINATED, "10");
            withdraw(CTV_LOW, "5");

            // when
            withdraw(CTV_ACTIVE, "12.34");

            // then
            assertThat(server.executedWithdrawals()).singleElement().satisfies(w -> {
                assertThat(w.provider()).isEqualTo("cartevo");
                assertThat(w.cardId()).isEqualTo(CTV_ACTIVE);
                assertThat(w.amount()).isEqualByComparingTo("12.34");
                assertThat(w.transactionId()).startsWith("ctv_tx_");
                assertThat(w.idempotencyKey()).isNull();
                assertThat(w.executedAt()).isEqualTo(START);
            });
        }
    }

    @Nested
    class CardLookup {

        @Test
        void returnsStatusBalanceAndCurrency() {
            // when
            Reply reply = card(CTV_TERMINATED);

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().at("/success").asBoolean()).isTrue();
            assertThat(reply.text("/data/id")).isEqualTo(CTV_TERMINATED);
            assertThat(reply.text("/data/status")).isEqualTo("TERMINATED");
            assertThat(reply.decimal("/data/balance")).isEqualByComparingTo("70.00");
            assertThat(reply.text("/data/currency")).isEqualTo("USD");
        }

        @Test
        void answersNotFoundForUnknownCard() {
            // when
            Reply reply = card(UNKNOWN);

            // then
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.text("/message")).isEqualTo("Card not found");
        }
    }

    @Nested
    class Terminate {

        Reply terminate(String cardId) {
            return post(url(server, ProviderName.CARTEVO, "/cards/" + cardId + "/terminate"), "", bearer(cartevoToken(server)));
        }

        @Test
        void refundsTheBalanceTerminatesTheCardAndSaysSo() {
            // when
            Reply reply = terminate(CTV_ACTIVE);

            // then
            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.body()).isEqualTo(json("""
                    {"success":true,"statusCode":201,"message":"Card terminated successfully",
                     "data":{"card_id":"%s","card_status":"TERMINATED","refund_processed":true,"balance_before_termination":100.00}}"""
                    .formatted(CTV_ACTIVE)));
            assertThat(card(CTV_ACTIVE).text("/data/status")).isEqualTo("TERMINATED");
            assertThat(card(CTV_ACTIVE).decimal("/data/balance")).isEqualByComparingTo("0");
            assertThat(server.executedTerminations()).singleElement().satisfies(executed -> {
                assertThat(executed.provider()).isEqualTo("cartevo");
                assertThat(executed.cardId()).isEqualTo(CTV_ACTIVE);
                assertThat(executed.refunded()).isEqualByComparingTo("100.00");
                assertThat(executed.executedAt()).isEqualTo(START);
            });
        }

        @Test
        void terminatesAFrozenCardToo() {
            // when / then
            assertThat(terminate(CTV_FROZEN).decimal("/data/balance_before_termination")).isEqualByComparingTo("50.00");
        }

        @Test
        void refusesASecondTerminationWithoutRefundingAgain() {
            // given
            terminate(CTV_ACTIVE);

            // when
            Reply again = terminate(CTV_ACTIVE);

            // then
            assertThat(again.status()).isEqualTo(400);
            assertThat(again.text("/message")).isEqualTo("Card is already terminated");
            assertThat(terminate(CTV_TERMINATED).status()).isEqualTo(400);
            assertThat(server.executedTerminations()).hasSize(1);
        }

        @Test
        void refusesWithdrawalsFromATerminatedCard() {
            // given
            terminate(CTV_ACTIVE);

            // when
            Reply reply = withdraw(CTV_ACTIVE, "10");

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.text("/message")).isEqualTo("Card is terminated");
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @Test
        void answersNotFoundForAnUnknownCard() {
            // when
            Reply reply = terminate(UNKNOWN);

            // then
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.text("/message")).isEqualTo("Card not found");
            assertThat(server.executedTerminations()).isEmpty();
        }

        @Test
        void refusesATerminationWithoutAToken() {
            // when
            Reply reply = post(url(server, ProviderName.CARTEVO, "/cards/" + CTV_ACTIVE + "/terminate"), "", Map.of());

            // then
            assertThat(reply.status()).isEqualTo(401);
            assertThat(card(CTV_ACTIVE).text("/data/status")).isEqualTo("ACTIVE");
            assertThat(server.executedTerminations()).isEmpty();
        }
    }
}
