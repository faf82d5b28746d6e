package io.cardsweep.provider.plu;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderSettings;
import io.cardsweep.provider.WithdrawalOutcome;
import io.cardsweep.provider.WithdrawalOutcome.Declined;
import io.cardsweep.provider.WithdrawalOutcome.Deferred;
import io.cardsweep.provider.WithdrawalOutcome.Succeeded;
import io.cardsweep.provider.WithdrawalOutcome.Unknown;
import io.cardsweep.provider.WithdrawalRequest;
import io.cardsweep.sandbox.SandboxCredentials;
import io.cardsweep.sandbox.SandboxOptions;
import io.cardsweep.sandbox.SandboxServer;
import io.cardsweep.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter against the sandbox's Plu, so the two readings of PROVIDERS.md (what the adapter expects, what the
 * simulator answers) are held against each other, above all for a reused idempotency key.
 */
class PluProviderSandboxTests {

    static final String ACTIVE = "acme-card-active00000001";
    static final String TERMINATED = "acme-card-ended000000005";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    SandboxServer sandbox;
    PluProvider provider;

    @BeforeEach
    void start() throws IOException {
        Path cards = Files.writeString(dir.resolve("cards.csv"), """
                provider,card_id,balance,status,currency
                plu,%s,100.00,active,USD
                plu,%s,50.00,terminated,USD
                """.formatted(ACTIVE, TERMINATED));
        sandbox = SandboxServer.start(SandboxOptions.defaults().withCards(cards).withClock(clock));
        provider = new PluProvider(ProviderSettings.of(sandbox.baseUrl(ProviderName.PLU))
                .withCredentials(null, null, SandboxCredentials.PLU_API_KEY), clock);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    static WithdrawalRequest request(String cardId, String amount, UUID key) {
        return WithdrawalRequest.of("per-diem-reclaim:" + key, key, cardId, new BigDecimal(amount), "USD")
                .with("trip " + key, null, null, null, null, null);
    }

    @Test
    void executesOnceAndLeavesADuplicateDeliveryUnknown() {
        // given
        UUID key = UUID.randomUUID();
        WithdrawalRequest request = request(ACTIVE, "12.50", key);

        // when
        WithdrawalOutcome first = provider.withdraw(request);
        WithdrawalOutcome duplicate = provider.withdraw(request);

        // then
        assertThat(first).isInstanceOf(Succeeded.class);
        assertThat(duplicate).isInstanceOf(Unknown.class);
        assertThat(duplicate.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(sandbox.executedWithdrawals()).singleElement().satisfies(executed -> {
            assertThat(executed.idempotencyKey()).isEqualTo(key.toString());
            assertThat(executed.reference()).isEqualTo("trip " + key);
            assertThat(executed.amount()).isEqualByComparingTo("12.50");
        });
    }

    @Test
    void declinesWithTheSandboxesCodes() {
        // when
        WithdrawalOutcome terminated = provider.withdraw(request(TERMINATED, "10", UUID.randomUUID()));
        WithdrawalOutcome unknownCard = provider.withdraw(request("acme-card-nobody0000dead", "10", UUID.randomUUID()));
        WithdrawalOutcome tooMuch = provider.withdraw(request(ACTIVE, "100.01", UUID.randomUUID()));
        WithdrawalOutcome tooSmall = provider.withdraw(request(ACTIVE, "4.99", UUID.randomUUID()));

        // then
        assertThat(terminated.code()).isEqualTo("CARD_ALREADY_TERMINATED");
        assertThat(unknownCard.code()).isEqualTo("CARD_NOT_FOUND");
        assertThat(tooMuch.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(tooSmall).isInstanceOf(Declined.class);
        assertThat(tooSmall.code()).isEqualTo("INVALID_INPUT");
        assertThat(sandbox.executedWithdrawals()).isEmpty();
    }

    @Test
    void defersAtTheDebitLimitAndExecutesTheSameRequestAfterRetryAfter() {
        // given
        for (int i = 0; i < 5; i++) {
            assertThat(provider.withdraw(request(ACTIVE, "5", UUID.randomUUID()))).isInstanceOf(Succeeded.class);
        }
        WithdrawalRequest sixth = request(ACTIVE, "5", UUID.randomUUID());

        // when
        WithdrawalOutcome deferred = provider.withdraw(sixth);
        clock.advance(((Deferred) deferred).retryAfter());
        WithdrawalOutcome retried = provider.withdraw(sixth);

        // then
        assertThat(deferred).isEqualTo(new Deferred("CARD_DEBIT_LIMIT", "Plu 429: CARD_DEBIT_LIMIT (Card debit limit reached, try again later)",
                Duration.ofMinutes(5).plusSeconds(5)));
        assertThat(retried).isInstanceOf(Succeeded.class);
        assertThat(sandbox.executedWithdrawals()).hasSize(6);
    }
}
