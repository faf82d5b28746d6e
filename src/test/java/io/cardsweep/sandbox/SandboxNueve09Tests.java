package io.cardsweep.sandbox;

import static io.cardsweep.sandbox.SandboxFixture.START;
import static io.cardsweep.sandbox.SandboxFixture.get;
import static io.cardsweep.sandbox.SandboxFixture.post;
import static io.cardsweep.sandbox.SandboxFixture.url;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.nueve09.Nueve09CardNumbers;
import io.cardsweep.sandbox.SandboxFixture.Reply;
import io.cardsweep.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxNueve09Tests {

    static final String N09_ACTIVE = "90000000-0000-4000-8000-000000000001";
    static final String N09_BLOCKED = "90000000-0000-4000-8000-000000000002";
    static final String N09_BY_PAN = "90000000-0000-4000-8000-000000000003";
    static final String PAN = "5204731600014792";
    static final String UNSEEDED_PAN = "5204731600019999";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(START);

    SandboxServer server;

    @BeforeEach
    void start() throws IOException {
        Path cards = Files.writeString(dir.resolve("cards.csv"), """
                provider,card_id,balance,status,currency,user_id,pan
                nueve09,%s,1000.00,active,MXN,,
                nueve09,%s,500.00,blocked,MXN,,
                nueve09,%s,300.00,active,MXN,,%s
                cartevo,c0000000-0000-4000-8000-000000000001,100.00,ACTIVE,USD,,
                """.formatted(N09_ACTIVE, N09_BLOCKED, N09_BY_PAN, PAN));
        server = SandboxServer.start(SandboxOptions.defaults().withCards(cards).withClock(clock));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String login() {
        HttpResponse<String> response = loginResponse(SandboxCredentials.NUEVE09_PASSWORD);
        return response.headers().firstValue("Authorization").orElseThrow();
    }

    HttpResponse<String> loginResponse(String password) {
        String body = "{\"api_client\":{\"api_key\":\"" + SandboxCredentials.NUEVE09_API_KEY + "\",\"password\":\"" + password + "\"}}";
        HttpRequest request = HttpRequest.newBuilder(url(server, ProviderName.NUEVE09, "/auth/login"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply withdraw(String cardNumber, String amount, String latitude, String longitude) {
        return post(url(server, ProviderName.NUEVE09, "/cards/withdrawal"), "{\"card_number\":\"" + cardNumber + "\",\"amount\":" + amount
                + ",\"latitude\":" + latitude + ",\"longitude\":" + longitude + "}", Map.of("Authorization", login()));
    }

    String sealed(String pan) {
        return Nueve09CardNumbers.fromPublicKey(server.nueve09PublicKey()).seal(pan);
    }

    Reply balance(String cardNumber) {
        return get(URI.create(server.baseUrl(ProviderName.NUEVE09) + "/cards/balance?card_number="
                + URLEncoder.encode(cardNumber, StandardCharsets.UTF_8) + "&movements=false"), Map.of("Authorization", login()));
    }

    @Nested
    class Login {

        @Test
        void returnsTheTokenInTheAuthorizationResponseHeader() {
            // when
            HttpResponse<String> response = loginResponse(SandboxCredentials.NUEVE09_PASSWORD);

            // then
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Authorization")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer n09_at_"));
            assertThat(SandboxFixture.json(response.body())).isEqualTo(SandboxFixture.json("{\"success\":true,\"code\":0,\"message\":\"OK\"}"));
        }

        @Test
        void refusesWrongPassword() {
            // when
            HttpResponse<String> response = loginResponse("guess");

            // then
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Authorization")).isEmpty();
            assertThat(SandboxFixture.json(response.body()))
                    .isEqualTo(SandboxFixture.json("{\"success\":false,\"code\":401,\"message\":\"Invalid credentials\"}"));
        }

        @Test
        void refusesWithdrawalWithoutTokenOrWithAForgedOne() {
            // given
            String body = "{\"card_number\":\"" + N09_ACTIVE + "\",\"amount\":10,\"latitude\":19.4326,\"longitude\":-99.13321}";
            URI uri = url(server, ProviderName.NUEVE09, "/cards/withdrawal");

            // when
            Reply none = post(uri, body, Map.of());
            Reply forged = post(uri, body, Map.of("Authorization", "Bearer n09_at_forged"));

            // then
            assertThat(none.status()).isEqualTo(401);
            assertThat(forged.status()).isEqualTo(401);
            assertThat(forged.body().at("/code").asInt()).isEqualTo(401);
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @Test
        void acceptsTheTokenWithoutItsBearerPrefix() {
            // given
            String bare = login().substring("Bearer ".length());

            // when
            Reply reply = post(url(server, ProviderName.NUEVE09, "/cards/withdrawal"),
                    "{\"card_number\":\"" + N09_ACTIVE + "\",\"amount\":10,\"latitude\":0,\"longitude\":0}", Map.of("Authorization", bare));

            // then
            assertThat(reply.body().at("/code").asInt()).isZero();
        }
    }

    @Nested
    class Withdrawals {

        @Test
        void withdrawsByCardUuidAndRecordsIt() {
            // when
            Reply reply = withdraw(N09_ACTIVE, "250.50", "19.43260", "-99.13321");

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().at("/success").asBoolean()).isTrue();
            assertThat(reply.body().at("/code").asInt()).isZero();
            String operationId = reply.text("/data/operation/id");
            assertThat(operationId).startsWith("n09_op_");
            assertThat(reply.text("/data/operation/authorization_code")).isNotBlank();
            assertThat(reply.decimal("/data/operation/amount")).isEqualByComparingTo("250.50");
            assertThat(reply.decimal("/data/card/available")).isEqualByComparingTo("749.50");
            assertThat(reply.decimal("/data/account/available")).isEqualByComparingTo("250.50");
            assertThat(server.executedWithdrawals()).singleElement()
                    .isEqualTo(new ExecutedWithdrawal("nueve09", N09_ACTIVE, new BigDecimal("250.50"), operationId, null, null, START));
        }

        @Test
        void decryptsTheCardNumberTheAdapterSealsAndRecordsTheCardUuidNotThePan() {
            // given: sealed exactly as the adapter does, with the key the sandbox publishes
            String sealed = sealed(PAN);

            // when
            Reply reply = withdraw(sealed, "100", "-33.50000", "151.00000");

            // then
            assertThat(reply.body().at("/code").asInt()).isZero();
            assertThat(reply.decimal("/data/card/available")).isEqualByComparingTo("200.00");
            assertThat(reply.raw()).doesNotContain(PAN);
            assertThat(server.executedWithdrawals()).singleElement().satisfies(executed -> {
                assertThat(executed.cardId()).isEqualTo(N09_BY_PAN);
                assertThat(executed.toString()).doesNotContain(PAN);
            });
            assertThat(get(URI.create("http://127.0.0.1:" + server.port() + "/_sandbox/withdrawals"), Map.of()).raw())
                    .contains(N09_BY_PAN).doesNotContain(PAN);
        }

        @Test
        void servesThePublicKeyItDecryptsWith() {
            // when
            Reply reply = get(URI.create("http://127.0.0.1:" + server.port() + "/_sandbox/nueve09/public-key"), Map.of());

            // then
            assertThat(reply.text("/public_key")).isEqualTo(server.nueve09PublicKey());
            String sealed = Nueve09CardNumbers.fromPublicKey(reply.text("/public_key")).seal(PAN);
            assertThat(withdraw(sealed, "1", "0", "0").body().at("/code").asInt()).isZero();
        }

        @Test
        void refusesCiphertextItCannotDecrypt() {
            // given: sealed with another sandbox's key
            String foreign;
            try (SandboxServer other = SandboxServer.start(SandboxOptions.defaults())) {
                foreign = Nueve09CardNumbers.fromPublicKey(other.nueve09PublicKey()).seal(PAN);
            }

            // when
            Reply garbage = withdraw("bm90LWEtY2lwaGVydGV4dA==", "10", "0", "0");
            Reply wrongKey = withdraw(foreign, "10", "0", "0");

            // then
            for (Reply reply : new Reply[] {garbage, wrongKey}) {
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.body().at("/success").asBoolean()).isFalse();
                assertThat(reply.body().at("/code").asInt()).isEqualTo(Nueve09Bodies.UNDECRYPTABLE);
                assertThat(reply.text("/message")).isEqualTo("Card number could not be decrypted");
            }
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @Test
        void refusesSealedNumberOfACardItDoesNotHave() {
            assertThat(withdraw(sealed(UNSEEDED_PAN), "10", "0", "0").body().at("/code").asInt()).isEqualTo(Nueve09Bodies.CARD_NOT_FOUND);
        }

        @ParameterizedTest
        @CsvSource({"90.00001, 0", "-90.5, 0", "0, 180.00001", "0, -181", "19.432607, 0", "0, -99.133211", "\"19.4\", 0"})
        void refusesCoordinatesOutOfRangeOrTooPrecise(String latitude, String longitude) {
            // when
            Reply reply = withdraw(N09_ACTIVE, "10", latitude, longitude);

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().at("/code").asInt()).isEqualTo(Nueve09Bodies.INVALID_COORDINATES);
            assertThat(reply.text("/message")).startsWith("Invalid coordinates");
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @Test
        void acceptsCoordinatesAtTheEdges() {
            assertThat(withdraw(N09_ACTIVE, "10", "-90.00000", "180").body().at("/code").asInt()).isZero();
        }

        @Test
        void refusesAPin() {
            // when
            Reply reply = post(url(server, ProviderName.NUEVE09, "/cards/withdrawal"), "{\"card_number\":\"" + N09_ACTIVE
                    + "\",\"amount\":10,\"latitude\":0,\"longitude\":0,\"pin\":\"c2VhbGVkLXBpbg==\"}", Map.of("Authorization", login()));

            // then
            assertThat(reply.body().at("/success").asBoolean()).isFalse();
            assertThat(reply.body().at("/code").asInt()).isEqualTo(Nueve09Bodies.PIN_REFUSED);
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource({"0", "-5", "\"10\""})
        void refusesAmountThatIsNotAPositiveNumber(String amount) {
            assertThat(withdraw(N09_ACTIVE, amount, "0", "0").body().at("/code").asInt()).isEqualTo(Nueve09Bodies.INVALID_AMOUNT);
        }

        @Test
        void refusesBlockedCardUnknownCardAndInsufficientFunds() {
            assertThat(withdraw(N09_BLOCKED, "10", "0", "0").text("/message")).isEqualTo("Card is blocked");
            assertThat(withdraw("90000000-0000-4000-8000-00000000dead", "10", "0", "0").text("/message")).isEqualTo("Card not found");
            assertThat(withdraw(N09_ACTIVE, "1000.01", "0", "0").text("/message")).isEqualTo("Insufficient funds");
            assertThat(withdraw("c0000000-0000-4000-8000-000000000001", "10", "0", "0").text("/message"))
                    .as("another provider's card").isEqualTo("Card not found");
            assertThat(server.executedWithdrawals()).isEmpty();
        }
    }

    @Nested
    class Balance {

        @Test
        void readsTheAvailableBalanceByUuidOrSealedNumber() {
            // given
            withdraw(N09_BY_PAN, "40.25", "0", "0");

            // when
            Reply byUuid = balance(N09_BY_PAN);
            Reply bySealed = balance(sealed(PAN));

            // then
            assertThat(byUuid.body().at("/success").asBoolean()).isTrue();
            assertThat(byUuid.body().at("/code").asInt()).isZero();
            assertThat(byUuid.decimal("/data/available")).isEqualByComparingTo("259.75");
            assertThat(bySealed.decimal("/data/available")).isEqualByComparingTo("259.75");
        }

        @Test
        void refusesBalanceOfUnknownCard() {
            assertThat(balance("90000000-0000-4000-8000-00000000dead").body().at("/code").asInt()).isEqualTo(Nueve09Bodies.CARD_NOT_FOUND);
        }
    }

    @Nested
    class StatusChange {

        Reply changeStatus(String cardNumber, String status) {
            return SandboxFixture.send("PUT", url(server, ProviderName.NUEVE09, "/cards/status"), "{\"card_number\":\"" + cardNumber
                    + "\",\"status\":\"" + status + "\",\"latitude\":19.43260,\"longitude\":-99.13321}", Map.of("Authorization", login()));
        }

        @Test
        void cancellingReturnsTheBalanceToTheCollectionAccountAndJournalsIt() {
            // when
            Reply reply = changeStatus(N09_ACTIVE, "CANCELED");

            // then
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().at("/code").asInt()).isZero();
            assertThat(reply.text("/data/card/status")).isEqualTo("CANCELED");
            assertThat(reply.decimal("/data/card/available")).isEqualByComparingTo("0");
            assertThat(balance(N09_ACTIVE).decimal("/data/available")).isEqualByComparingTo("0");
            assertThat(server.executedTerminations()).singleElement().satisfies(executed -> {
                assertThat(executed.provider()).isEqualTo("nueve09");
                assertThat(executed.cardId()).isEqualTo(N09_ACTIVE);
                assertThat(executed.refunded()).isEqualByComparingTo("1000.00");
            });
        }

        @Test
        void cancelsACardNamedByItsSealedNumberAndJournalsItByUuid() {
            // when
            Reply reply = changeStatus(sealed(PAN), "CANCELLED");

            // then
            assertThat(reply.body().at("/code").asInt()).isZero();
            assertThat(reply.raw()).doesNotContain(PAN);
            assertThat(server.executedTerminations()).singleElement().satisfies(executed -> assertThat(executed.cardId()).isEqualTo(N09_BY_PAN));
        }

        @Test
        void refusesAnyChangeOfACancelledCardWithANonZeroCode() {
            // given
            changeStatus(N09_ACTIVE, "CANCELED");

            // when
            Reply again = changeStatus(N09_ACTIVE, "CANCELED");
            Reply reactivated = changeStatus(N09_ACTIVE, "ACTIVE");

            // then
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body().at("/success").asBoolean()).isFalse();
            assertThat(again.body().at("/code").asInt()).isEqualTo(Nueve09Bodies.CARD_ALREADY_CANCELED);
            assertThat(again.text("/message")).isEqualTo("Card is already canceled");
            assertThat(reactivated.body().at("/code").asInt()).isEqualTo(Nueve09Bodies.CARD_ALREADY_CANCELED);
            assertThat(server.executedTerminations()).hasSize(1);
        }

        @Test
        void refusesWithdrawalsFromACancelledCard() {
            // given
            changeStatus(N09_ACTIVE, "CANCELED");

            // when
            Reply reply = withdraw(N09_ACTIVE, "10", "19.4326", "-99.1332");

            // then
            assertThat(reply.text("/message")).isEqualTo("Card is blocked");
            assertThat(server.executedWithdrawals()).isEmpty();
        }

        @Test
        void blockingIsAStatusChangeButNoTermination() {
            // when
            Reply reply = changeStatus(N09_ACTIVE, "BLOCKED");

            // then
            assertThat(reply.body().at("/code").asInt()).isZero();
            assertThat(balance(N09_ACTIVE).decimal("/data/available")).isEqualByComparingTo("1000.00");
            assertThat(server.executedTerminations()).isEmpty();
        }

        @Test
        void refusesAnUndocumentedStatusAnUnknownCardAndAMissingLocation() {
            // when
            Reply status = changeStatus(N09_ACTIVE, "DELETED");
            Reply unknown = changeStatus("90000000-0000-4000-8000-00000000dead", "CANCELED");
            Reply noLocation = SandboxFixture.send("PUT", url(server, ProviderName.NUEVE09, "/cards/status"),
                    "{\"card_number\":\"" + N09_ACTIVE + "\",\"status\":\"CANCELED\"}", Map.of("Authorization", login()));

            // then
            assertThat(status.body().at("/code").asInt()).isEqualTo(Nueve09Bodies.INVALID_STATUS);
            assertThat(unknown.body().at("/code").asInt()).isEqualTo(Nueve09Bodies.CARD_NOT_FOUND);
            assertThat(noLocation.body().at("/code").asInt()).isEqualTo(Nueve09Bodies.INVALID_COORDINATES);
            assertThat(server.executedTerminations()).isEmpty();
        }

        @Test
        void refusesAChangeWithoutASession() {
            // when
            Reply reply = SandboxFixture.send("PUT", url(server, ProviderName.NUEVE09, "/cards/status"),
                    "{\"card_number\":\"" + N09_ACTIVE + "\",\"status\":\"CANCELED\",\"latitude\":1,\"longitude\":1}", Map.of());

            // then
            assertThat(reply.status()).isEqualTo(401);
            assertThat(server.executedTerminations()).isEmpty();
        }
    }
}
