package io.cardsweep.sandbox;

import io.cardsweep.support.MutableClock;
import static io.cardsweep.sandbox.SandboxFixture.START;
import static io.cardsweep.sandbox.SandboxFixture.UNC_ACTIVE;
import static io.cardsweep.sandbox.SandboxFixture.UNC_CLOSED;
import static io.cardsweep.sandbox.SandboxFixture.UNC_FROZEN;
import static io.cardsweep.sandbox.SandboxFixture.UNC_LOW;
import static io.cardsweep.sandbox.SandboxFixture.UNC_OTHER;
import static io.cardsweep.sandbox.SandboxFixture.UNKNOWN;
import static io.cardsweep.sandbox.SandboxFixture.bearer;
import static io.cardsweep.sandbox.SandboxFixture.get;
import static io.cardsweep.sandbox.SandboxFixture.json;
import static io.cardsweep.sandbox.SandboxFixture.post;
import static io.cardsweep.sandbox.SandboxFixture.uncashKey;
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

class SandboxUncashTests {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(START);

    SandboxServer server;

    @BeforeEach
    void start() {
        server = SandboxServer.start(SandboxFixture.options(dir, clock));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Reply withdrawBody(String cardId, String body) {
        return post(url(server, ProviderName.UNCASH, "/cards/" + cardId + "/withdraw"), body, uncashKey());
    }

    Reply withdraw(String cardId, String amount) {
        return withdrawBody(cardId, "{\"amount\":" + amount + "}");
    }

    Reply card(String cardId) {
        return get(url(server, ProviderName.UNCASH, "/cards/" + cardId), uncashKey());
    }

    @Nested
    class Auth {

        @Test
        void refusesMissingKey() {
            // when
            Reply reply = post(url(server, ProviderName.UNCASH, "/cards/" + UNC_ACTIVE + "/withdraw"), "{\"amount\":10}",
                    Map.of());

            // then
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.body()).isEqualTo(
                    json("{\"success\":false,\"message\":\"Unauthorized\",\"timestamp\":\"2026-03-02T09:00:00Z\"}"));
            assertThat(card(UNC_ACTIVE).decimal("/data/balance")).isEqualByComparingTo("100.00");
        }

        @Test
        void refusesWrongKey() {
            // when
            Reply reply = get(url(server, ProviderName.UNCASH, "/cards/" + UNC_ACTIVE), bearer("uc_guess"));

            // then
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.text("/message")).isEqualTo("Unauthorized");
        }
    }

    @Nested
    class Validation {

        @Test
        void rejectsAmountBelowOneWithZodIssue() {
            // when
            Reply reply = withdraw(UNC_ACTIVE, "0.99");

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).isEqualTo(json("""
                    {"success":false,"message":"Invalid input data","error":[{"code":"too_small","minimum":1,
                     "type":"number","inclusive":true,"message":"Number must be greater than or equal to 1",
                     "path":["amount"]}],"timestamp":"2026-03-02T09:00:00Z"}"""));
        }

        @Test
        void rejectsAmountAboveTenThousand() {
            // when
            Reply reply = withdraw(UNC_ACTIVE, "10000.01");

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.text("/message")).isEqualTo("Invalid input data");
            assertThat(reply.body().at("/error/0")).isEqualTo(json("""
                    {"code":"too_big","maximum":10000,"type":"number","inclusive":true,
                     "message":"Number must be less than or equal to 10000","path":["amount"]}"""));
        }

        @Test
        void rejectsAmountWithThreeDecimals() {
            // when
            Reply reply = withdraw(UNC_ACTIVE, "10.005");

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body().at("/error")).isEqualTo(json("""
                    [{"code":"not_multiple_of","multipleOf":0.01,"message":"Number must be a multiple of 0.01",
                      "path":["amount"]}]"""));
        }

        @Test
        void acceptsTrailingZerosBeyondTwoDecimals() {
            // when
            Reply reply = withdraw(UNC_ACTIVE, "10.500");

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.decimal("/data/amount_withdrawn")).isEqualByComparingTo("10.50");
        }

        @Test
        void rejectsMissingAmount() {
            // when
            Reply reply = withdrawBody(UNC_ACTIVE, "{}");

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.text("/error/0/code")).isEqualTo("invalid_type");
            assertThat(reply.text("/error/0/message")).isEqualTo("Required");
        }

        @Test
        void rejectsAmountSentAsString() {
            // when
            Reply reply = withdrawBody(UNC_ACTIVE, "{\"amount\":\"10.00\"}");

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.text("/error/0/received")).isEqualTo("string");
        }

        @Test
        void invalidInputDoesNotStartCooldown() {
            // given
            withdraw(UNC_ACTIVE, "0.5");

            // when
            Reply reply = withdraw(UNC_ACTIVE, "10");

            // then
            assertThat(reply.status()).isEqualTo(200);
        }
    }

    @Nested
    class Withdraw {

        @Test
        void debitsCardAndCreditsRunningWallet() {
            // given
            withdraw(UNC_OTHER, "5.25");

            // when
            Reply reply = withdraw(UNC_ACTIVE, "10.00");

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().at("/success").asBoolean()).isTrue();
            assertThat(reply.text("/message")).isEqualTo("Withdrawal successful");
            assertThat(reply.text("/data/card_id")).isEqualTo(UNC_ACTIVE);
            assertThat(reply.text("/data/transaction_id")).startsWith("unc_tx_");
            assertThat(reply.text("/data/invoice_id")).startsWith("unc_inv_");
            assertThat(reply.decimal("/data/wallet_balance")).isEqualByComparingTo("15.25");
            assertThat(reply.decimal("/data/new_card_balance")).isEqualByComparingTo("90.00");
            assertThat(reply.decimal("/data/amount_withdrawn")).isEqualByComparingTo("10.00");
            assertThat(card(UNC_ACTIVE).decimal("/data/balance")).isEqualByComparingTo("90.00");
        }

        @Test
        void answersNotFoundForUnknownCard() {
            // when
            Reply reply = withdraw(UNKNOWN, "10");

            // then
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.body()).isEqualTo(
                    json("{\"success\":false,\"message\":\"Card not found\",\"timestamp\":\"2026-03-02T09:00:00Z\"}"));
        }

        @Test
        void refusesFrozenAndClosedCards() {
            // when
            Reply frozen = withdraw(UNC_FROZEN, "10");
            Reply closed = withdraw(UNC_CLOSED, "10");

            // then
            assertThat(frozen.status()).isEqualTo(400);
            assertThat(frozen.text("/message")).isEqualTo("Card is not ready for withdrawals");
            assertThat(closed.status()).isEqualTo(400);
            assertThat(closed.text("/message")).isEqualTo("Card is not ready for withdrawals");
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @Test
        void refusesAmountAboveBalanceNamingBoth() {
            // when
            Reply reply = withdraw(UNC_LOW, "10");

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).isEqualTo(json("""
                    {"success":false,"message":"Insufficient card balance. Available: 5.00, Requested: 10.00",
                     "timestamp":"2026-03-02T09:00:00Z"}"""));
            assertThat(card(UNC_LOW).decimal("/data/balance")).isEqualByComparingTo("5.00");
        }
    }

    @Nested
    class Cooldown {

        @Test
        void refusesSecondAttemptWithinCooldownThenAllowsIt() {
            // given
            withdraw(UNC_ACTIVE, "10");
            clock.advance(Duration.ofMinutes(14).plusSeconds(59));

            // when
            Reply tooSoon = withdraw(UNC_ACTIVE, "10");
            clock.advance(Duration.ofSeconds(1));
            Reply afterCooldown = withdraw(UNC_ACTIVE, "10");

            // then
            assertThat(tooSoon.status()).isEqualTo(400);
            assertThat(tooSoon.text("/message")).isEqualTo("Please wait 15 minutes between withdrawals");
            assertThat(afterCooldown.status()).isEqualTo(200);
            assertThat(afterCooldown.decimal("/data/new_card_balance")).isEqualByComparingTo("80.00");
        }

        @Test
        void refusedAttemptStartsCooldownToo() {
            // given
            withdraw(UNC_LOW, "10");

            // when
            Reply reply = withdraw(UNC_LOW, "1");

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.text("/message")).isEqualTo("Please wait 15 minutes between withdrawals");
        }

        @Test
        void cooldownRefusalDoesNotExtendCooldown() {
            // given
            withdraw(UNC_ACTIVE, "10");
            clock.advance(Duration.ofMinutes(10));
            withdraw(UNC_ACTIVE, "10");
            clock.advance(Duration.ofMinutes(5));

            // when
            Reply reply = withdraw(UNC_ACTIVE, "10");

            // then
            assertThat(reply.status()).isEqualTo(200);
        }

        @Test
        void cooldownIsPerCard() {
            // given
            withdraw(UNC_ACTIVE, "10");

            // when
            Reply reply = withdraw(UNC_OTHER, "10");

            // then
            assertThat(reply.status()).isEqualTo(200);
        }

        @Test
        void messageStatesConfiguredCooldownRoundedUp() {
            // given
            server.close();
            server = SandboxServer.start(SandboxFixture.options(dir, clock).withUncashCooldown(Duration.ofSeconds(90)));
            withdraw(UNC_ACTIVE, "10");

            // when
            Reply reply = withdraw(UNC_ACTIVE, "10");

            // then
            assertThat(reply.text("/message")).isEqualTo("Please wait 2 minutes between withdrawals");
        }
    }

    @Nested
    class CardLookup {

        @Test
        void returnsStatusAndBalance() {
            // when
            Reply reply = card(UNC_FROZEN);

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo(json(
                    "{\"success\":true,\"data\":{\"id\":\"" + UNC_FROZEN + "\",\"status\":\"frozen\",\"balance\":40.00}}"));
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
    class Close {

        Reply close(String cardId) {
            return SandboxFixture.send("PATCH", url(server, ProviderName.UNCASH, "/cards/" + cardId + "/close"), "", uncashKey());
        }

        @Test
        void paysTheRestOutClosesTheCardAndJournalsThePayout() {
            // when
            Reply reply = close(UNC_ACTIVE);

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().at("/success").asBoolean()).isTrue();
            assertThat(reply.decimal("/data/amount_withdrawn")).isEqualByComparingTo("100.00");
            assertThat(card(UNC_ACTIVE).text("/data/status")).isEqualTo("closed");
            assertThat(card(UNC_ACTIVE).decimal("/data/balance")).isEqualByComparingTo("0");
            assertThat(server.executedTerminations()).singleElement().satisfies(executed -> {
                assertThat(executed.provider()).isEqualTo("uncash");
                assertThat(executed.cardId()).isEqualTo(UNC_ACTIVE);
                assertThat(executed.refunded()).isEqualByComparingTo("100.00");
            });
        }

        @Test
        void countsAsAWithdrawalAttemptUnderTheCooldown() {
            // given a withdrawal a minute ago
            withdraw(UNC_ACTIVE, "10.00");
            clock.advance(Duration.ofMinutes(1));

            // when
            Reply refused = close(UNC_ACTIVE);
            clock.advance(Duration.ofMinutes(15));
            Reply closed = close(UNC_ACTIVE);

            // then
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.text("/message")).isEqualTo("Please wait 15 minutes between withdrawals");
            assertThat(closed.decimal("/data/amount_withdrawn")).isEqualByComparingTo("90.00");
            assertThat(server.stats().get("uncash").violations()).containsEntry("cooldown", 1L);
        }

        @Test
        void startsACooldownItself() {
            // given
            close(UNC_ACTIVE);

            // when: a second close at once meets the cooldown before the card's state
            Reply again = close(UNC_ACTIVE);
            clock.advance(Duration.ofMinutes(15));
            Reply later = close(UNC_ACTIVE);

            // then
            assertThat(again.text("/message")).isEqualTo("Please wait 15 minutes between withdrawals");
            assertThat(later.status()).isEqualTo(400);
            assertThat(later.text("/message")).isEqualTo("Card is already closed");
            assertThat(server.executedTerminations()).hasSize(1);
        }

        @Test
        void closesAFrozenCardButNotAClosedOne() {
            // when
            Reply frozen = close(UNC_FROZEN);
            Reply closed = close(UNC_CLOSED);

            // then
            assertThat(frozen.decimal("/data/amount_withdrawn")).isEqualByComparingTo("40.00");
            assertThat(closed.status()).isEqualTo(400);
            assertThat(closed.text("/message")).isEqualTo("Card is already closed");
        }

        @Test
        void refusesWithdrawalsFromAClosedCard() {
            // given
            close(UNC_ACTIVE);
            clock.advance(Duration.ofMinutes(16));

            // when
            Reply reply = withdraw(UNC_ACTIVE, "1.00");

            // then
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.text("/message")).isEqualTo("Card is not ready for withdrawals");
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @Test
        void answersNotFoundForAnUnknownCardAndRefusesAMissingKey() {
            // when
            Reply unknown = close(UNKNOWN);
            Reply unauthorized = SandboxFixture.send("PATCH", url(server, ProviderName.UNCASH, "/cards/" + UNC_ACTIVE + "/close"), "", Map.of());

            // then
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unauthorized.status()).isEqualTo(401);
            assertThat(card(UNC_ACTIVE).text("/data/status")).isEqualTo("active");
            assertThat(server.executedTerminations()).isEmpty();
        }
    }
}
