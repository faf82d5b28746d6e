package io.cardsweep.sandbox;

import static io.cardsweep.sandbox.SandboxFixture.START;
import static io.cardsweep.sandbox.SandboxFixture.bearer;
import static io.cardsweep.sandbox.SandboxFixture.get;
import static io.cardsweep.sandbox.SandboxFixture.post;
import static io.cardsweep.sandbox.SandboxFixture.url;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.sandbox.SandboxFixture.Reply;
import io.cardsweep.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTP simulator over real HTTP: signed tokens, errors as HTTP 200, settling withdrawals, one pending, 60/min. */
class SandboxHtpTests {

    static final String ACTIVE = "a0000000-0000-4000-8000-000000000001";
    static final String SECOND = "a0000000-0000-4000-8000-000000000002";
    static final String FROZEN = "a0000000-0000-4000-8000-000000000003";
    static final String OTHER_USERS = "a0000000-0000-4000-8000-000000000004";
    static final String NO_USER = "a0000000-0000-4000-8000-000000000005";
    static final String UNKNOWN = "a0000000-0000-4000-8000-00000000dead";
    static final String OTHER_USER = "htp-other-user";
    static final String TRC20 = "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf";
    static final String ERC20 = "0x52908400098527886E0F7030069857D2E4169EE7";
    static final String USER = SandboxCredentials.HTP_USER_ID;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(START);

    SandboxServer server;

    @BeforeEach
    void start() throws IOException {
        server = start(SandboxOptions.defaults().withHtpSettleDelay(Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    SandboxServer start(SandboxOptions options) throws IOException {
        Path cards = Files.writeString(dir.resolve("htp-cards.csv"), """
                provider,card_id,balance,status,currency,user_id
                htp,%s,100.00,ACTIVE,USD,%s
                htp,%s,100.00,ACTIVE,USD,%s
                htp,%s,100.00,FROZEN,USD,%s
                htp,%s,100.00,ACTIVE,USD,%s
                htp,%s,30.00,ACTIVE,USD,
                """.formatted(ACTIVE, USER, SECOND, USER, FROZEN, USER, OTHER_USERS, OTHER_USER, NO_USER));
        return SandboxServer.start(options.withCards(cards).withClock(clock));
    }

    /** The documented signature, computed here from its formula. */
    static String signature(String secret, String agentId, String deviceId, String timestamp, String userId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((agentId + deviceId + timestamp + userId).getBytes(StandardCharsets.UTF_8)));
    }

    Reply tokenRequest(String secret, long epochSecond, String userId) throws Exception {
        String timestamp = Long.toString(epochSecond);
        String device = SandboxCredentials.HTP_DEVICE_ID;
        return post(url(server, ProviderName.HTP, "/connect/token"),
                "{\"device_id\":\"" + device + "\",\"timestamp\":\"" + timestamp + "\",\"user_id\":\"" + userId + "\"}",
                Map.of("X-Agent-ID", SandboxCredentials.HTP_AGENT_ID,
                        "X-Signature", signature(secret, SandboxCredentials.HTP_AGENT_ID, device, timestamp, userId)));
    }

    String token(String userId) throws Exception {
        return tokenRequest(SandboxCredentials.HTP_AGENT_SECRET, clock.instant().getEpochSecond(), userId).text("/data/access_token");
    }

    Reply withdraw(String token, String cardId, String amount) {
        return withdraw(token, "{\"source_card_uuid\":\"" + cardId + "\",\"wallet_address\":\"" + TRC20 + "\",\"amount\":\"" + amount
                + "\",\"network\":\"TRC20\"}");
    }

    Reply withdraw(String token, String body) {
        return post(url(server, ProviderName.HTP, "/card-withdrawals"), body, bearer(token));
    }

    Reply status(String token, String cardId) {
        return get(url(server, ProviderName.HTP, "/cards/" + cardId + "/withdraw-status"), bearer(token));
    }

    @Nested
    class Token {

        @Test
        void issuesTokenForCorrectlySignedRequest() throws Exception {
            // when
            Reply reply = tokenRequest(SandboxCredentials.HTP_AGENT_SECRET, START.getEpochSecond(), USER);

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().at("/status_code").asInt()).isEqualTo(200);
            assertThat(reply.text("/trace_id")).isNotBlank();
            assertThat(reply.text("/data/access_token")).startsWith("htp_at_");
            assertThat(reply.body().at("/data/expires_in").asLong()).isEqualTo(1800);
        }

        @Test
        void refusesWrongSignatureInAnHttp200() throws Exception {
            // when
            Reply reply = tokenRequest("guessed-secret", START.getEpochSecond(), USER);

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().at("/status_code").asInt()).isEqualTo(401);
            assertThat(reply.text("/message")).isEqualTo("Invalid signature");
            assertThat(reply.body().at("/data").isNull()).isTrue();
        }

        @Test
        void refusesTimestampMoreThanFiveMinutesOff() throws Exception {
            // when
            Reply stale = tokenRequest(SandboxCredentials.HTP_AGENT_SECRET, START.minusSeconds(301).getEpochSecond(), USER);
            Reply edge = tokenRequest(SandboxCredentials.HTP_AGENT_SECRET, START.plusSeconds(300).getEpochSecond(), USER);

            // then
            assertThat(stale.body().at("/status_code").asInt()).isEqualTo(401);
            assertThat(stale.text("/message")).isEqualTo("Timestamp expired");
            assertThat(edge.body().at("/status_code").asInt()).isEqualTo(200);
        }

        @Test
        void refusesTimestampSentAsNumber() throws Exception {
            // given
            String timestamp = Long.toString(START.getEpochSecond());
            String device = SandboxCredentials.HTP_DEVICE_ID;

            // when
            Reply reply = post(url(server, ProviderName.HTP, "/connect/token"),
                    "{\"device_id\":\"" + device + "\",\"timestamp\":" + timestamp + ",\"user_id\":\"" + USER + "\"}",
                    Map.of("X-Agent-ID", SandboxCredentials.HTP_AGENT_ID, "X-Signature",
                            signature(SandboxCredentials.HTP_AGENT_SECRET, SandboxCredentials.HTP_AGENT_ID, device, timestamp, USER)));

            // then
            assertThat(reply.body().at("/status_code").asInt()).isEqualTo(400);
        }

        @Test
        void refusesCallsWithoutTokenOrAfterItExpires() throws Exception {
            // given
            String token = token(USER);

            // when
            Reply withoutToken = status("forged", ACTIVE);
            clock.advance(Duration.ofMinutes(30));
            Reply expired = status(token, ACTIVE);

            // then
            assertThat(withoutToken.status()).isEqualTo(200);
            assertThat(withoutToken.body().at("/status_code").asInt()).isEqualTo(401);
            assertThat(expired.body().at("/status_code").asInt()).isEqualTo(401);
        }
    }

    @Nested
    class Withdraw {

        @Test
        void debitsTheCardAndAnswersCreatedWithAmountAsString() throws Exception {
            // when
            Reply reply = withdraw(token(USER), ACTIVE, "50.00");

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().at("/status_code").asInt()).isEqualTo(201);
            assertThat(reply.text("/message")).isEqualTo("Withdrawal created");
            assertThat(reply.text("/data/id")).startsWith("htp_wd_");
            assertThat(reply.text("/data/status")).isEqualTo("PENDING");
            assertThat(reply.body().at("/data/amount").isString()).isTrue();
            assertThat(reply.text("/data/amount")).isEqualTo("50.00");
            Reply card = get(url(server, ProviderName.HTP, "/cards/" + ACTIVE), bearer(token(USER)));
            assertThat(card.text("/data/balance")).isEqualTo("50.00");
        }

        @Test
        void recordsTheWithdrawalInTheJournalWhenItIsCreated() throws Exception {
            // when
            Reply reply = withdraw(token(USER), ACTIVE, "50.00");

            // then
            assertThat(server.executedWithdrawals()).containsExactly(new ExecutedWithdrawal("htp", ACTIVE, new BigDecimal("50.00"),
                    reply.text("/data/id"), null, null, START));
        }

        @Test
        void settlesFromPendingThroughProcessingToSuccessByTheClock() throws Exception {
            // given
            String token = token(USER);
            withdraw(token, ACTIVE, "50.00");

            // when
            String atStart = status(token, ACTIVE).text("/data/status");
            clock.advance(Duration.ofSeconds(5));
            String halfway = status(token, ACTIVE).text("/data/status");
            clock.advance(Duration.ofSeconds(5));
            String settled = status(token, ACTIVE).text("/data/status");

            // then
            assertThat(atStart).isEqualTo("PENDING");
            assertThat(halfway).isEqualTo("PROCESSING");
            assertThat(settled).isEqualTo("SUCCESS");
        }

        @Test
        void reportsNotFoundForACardWithoutWithdrawals() throws Exception {
            // when
            Reply reply = status(token(USER), SECOND);

            // then
            assertThat(reply.body().at("/status_code").asInt()).isEqualTo(200);
            assertThat(reply.text("/data/status")).isEqualTo("NOT_FOUND");
        }

        @Test
        void refusesASecondWithdrawalOfTheUserWhileTheFirstIsPending() throws Exception {
            // given
            String token = token(USER);
            withdraw(token, ACTIVE, "10.00");

            // when
            Reply refused = withdraw(token, SECOND, "10.00");
            clock.advance(Duration.ofSeconds(10));
            Reply afterSettling = withdraw(token, SECOND, "10.00");

            // then
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.body().at("/status_code").asInt()).isEqualTo(409);
            assertThat(refused.text("/message")).isEqualTo("A pending withdrawal already exists");
            assertThat(afterSettling.body().at("/status_code").asInt()).isEqualTo(201);
            assertThat(server.executedWithdrawals()).hasSize(2);
            assertThat(server.stats().get("htp").violations()).containsEntry(SandboxStats.ONE_PENDING, 1L);
        }

        @Test
        void refusesCardOfAnotherUser() throws Exception {
            // when
            Reply reply = withdraw(token(USER), OTHER_USERS, "10.00");

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().at("/status_code").asInt()).isEqualTo(403);
            assertThat(status(token(USER), OTHER_USERS).body().at("/status_code").asInt()).isEqualTo(403);
            assertThat(withdraw(token(OTHER_USER), OTHER_USERS, "10.00").body().at("/status_code").asInt()).isEqualTo(201);
        }

        @Test
        void givesCardsSeededWithoutUserToTheSandboxUser() throws Exception {
            assertThat(withdraw(token(USER), NO_USER, "10.00").body().at("/status_code").asInt()).isEqualTo(201);
        }

        @Test
        void answersBusinessErrorsAsHttp200WithTheCodeInTheBody() throws Exception {
            // given
            String token = token(USER);

            // when / then
            assertError(withdraw(token, UNKNOWN, "10.00"), 404, "Card not found");
            assertError(withdraw(token, FROZEN, "10.00"), 400, "Card is not active");
            assertError(withdraw(token, NO_USER, "30.01"), 400, "Insufficient balance");
            assertError(withdraw(token, ACTIVE, "1.00"), 400, "Amount must be greater than the fee of 1.00");
            assertError(withdraw(token, ACTIVE, "10.001"), 400, "amount must be a string holding a decimal with at most 2 places, such as \"50.00\"");
            assertError(withdraw(token, "{\"source_card_uuid\":\"" + ACTIVE + "\",\"wallet_address\":\"" + TRC20
                    + "\",\"amount\":10.00,\"network\":\"TRC20\"}"), 400, "amount must be a string holding a decimal with at most 2 places, such as \"50.00\"");
            assertError(withdraw(token, "{\"source_card_uuid\":\"" + ACTIVE + "\",\"wallet_address\":\"" + TRC20
                    + "\",\"amount\":\"10.00\",\"network\":\"BEP20\"}"), 400, "network must be TRC20 or ERC20");
            assertError(withdraw(token, "{\"source_card_uuid\":\"" + ACTIVE + "\",\"wallet_address\":\"" + TRC20
                    + "\",\"amount\":\"10.00\",\"network\":\"ERC20\"}"), 400, "Invalid wallet address for network ERC20");
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @Test
        void acceptsErc20Address() throws Exception {
            // when
            Reply reply = withdraw(token(USER), "{\"source_card_uuid\":\"" + ACTIVE + "\",\"wallet_address\":\"" + ERC20
                    + "\",\"amount\":\"10.00\",\"network\":\"ERC20\"}");

            // then
            assertThat(reply.body().at("/status_code").asInt()).isEqualTo(201);
            assertThat(reply.text("/data/network")).isEqualTo("ERC20");
        }

        private static void assertError(Reply reply, int statusCode, String message) {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().at("/status_code").asInt()).isEqualTo(statusCode);
            assertThat(reply.text("/message")).isEqualTo(message);
            assertThat(reply.text("/trace_id")).isNotBlank();
        }
    }

    @Nested
    class RateLimit {

        @Test
        void refusesRequestsBeyondTheLimitPerRollingMinuteCountingEveryEndpoint() throws Exception {
            // given
            server.close();
            server = start(SandboxOptions.defaults().withHtpRequestsPerMinute(3));
            String token = token(USER);
            status(token, ACTIVE);
            clock.advance(Duration.ofSeconds(20));
            withdraw(token, ACTIVE, "10.00");

            // when
            Reply limited = status(token, ACTIVE);
            clock.advance(Duration.ofSeconds(40));
            Reply afterTheFirstLeft = status(token, ACTIVE);

            // then
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.body().at("/status_code").asInt()).isEqualTo(429);
            assertThat(limited.text("/message")).isEqualTo("Too many requests");
            assertThat(afterTheFirstLeft.status()).isEqualTo(200);
            assertThat(server.stats().get("htp").violations()).isEqualTo(Map.of(SandboxStats.RATE_LIMIT, 1L));
            assertThat(server.stats().get("htp").requests()).isEqualTo(5);
            // the span over which a benchmark measures the rate it achieved
            assertThat(Duration.between(server.stats().get("htp").firstRequestAt(), server.stats().get("htp").lastRequestAt()))
                    .isEqualTo(Duration.ofMinutes(1));
        }

        @Test
        void saysHowLongToWaitInRetryAfter() throws Exception {
            // given
            server.close();
            server = start(SandboxOptions.defaults().withHtpRequestsPerMinute(1));
            String token = token(USER);
            clock.advance(Duration.ofSeconds(15));

            // when
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(url(server, ProviderName.HTP, "/cards/" + ACTIVE))
                            .header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            // then
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("Retry-After")).contains("45");
        }

        @Test
        void hasNoLimitWhenSetToZero() throws Exception {
            // given
            server.close();
            server = start(SandboxOptions.defaults().withHtpRequestsPerMinute(0));
            String token = token(USER);
            Map<Integer, Integer> statuses = new HashMap<>();

            // when
            for (int i = 0; i < 80; i++) {
                statuses.merge(status(token, ACTIVE).status(), 1, Integer::sum);
            }

            // then
            assertThat(statuses).isEqualTo(Map.of(200, 80));
        }
    }
}
