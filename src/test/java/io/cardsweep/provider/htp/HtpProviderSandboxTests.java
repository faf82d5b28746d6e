package io.cardsweep.provider.htp;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
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
import io.cardsweep.provider.WithdrawalRequest;
import io.cardsweep.sandbox.ExecutedWithdrawal;
import io.cardsweep.sandbox.SandboxCredentials;
import io.cardsweep.sandbox.SandboxOptions;
import io.cardsweep.sandbox.SandboxServer;
import io.cardsweep.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter against the sandbox: both were written from PROVIDERS.md independently (signature included), so
 * agreement here is evidence that each reads the documentation the same way. One clock drives both.
 */
class HtpProviderSandboxTests {

    static final String CARD = "b0000000-0000-4000-8000-000000000001";
    static final String LOW = "b0000000-0000-4000-8000-000000000002";
    static final String WALLET = "TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    SandboxServer sandbox;

    HtpProvider provider(SandboxOptions options) throws IOException {
        Path cards = Files.writeString(dir.resolve("cards.csv"), """
                provider,card_id,balance,status,currency,user_id
                htp,%s,100.00,ACTIVE,USD,%s
                htp,%s,5.00,ACTIVE,USD,%s
                """.formatted(CARD, SandboxCredentials.HTP_USER_ID, LOW, SandboxCredentials.HTP_USER_ID));
        sandbox = SandboxServer.start(options.withCards(cards).withClock(clock).withHtpSettleDelay(Duration.ofSeconds(2)));
        ProviderSettings settings = ProviderSettings.of(URI.create(sandbox.baseUrl(ProviderName.HTP).toString()))
                .withAgent(SandboxCredentials.HTP_AGENT_ID, SandboxCredentials.HTP_AGENT_SECRET, SandboxCredentials.HTP_DEVICE_ID,
                        SandboxCredentials.HTP_USER_ID, new BigDecimal("1.00"));
        return new HtpProvider(settings, clock, clock::advance);
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    static WithdrawalRequest request(String card, String amount) {
        return WithdrawalRequest.of("sweep:" + card + ":" + amount, UUID.randomUUID(), card, new BigDecimal(amount), "USD")
                .with(null, WALLET, "TRC20", null, null, null);
    }

    @Test
    void withdrawsOnceAndFollowsTheStatusUntilItSettles() throws IOException {
        // given
        HtpProvider provider = provider(SandboxOptions.defaults());

        // when
        WithdrawalOutcome outcome = provider.withdraw(request(CARD, "50.00"));

        // then
        ExecutedWithdrawal executed = sandbox.executedWithdrawals().get(0);
        assertThat(sandbox.executedWithdrawals()).hasSize(1);
        assertThat(outcome).isEqualTo(new Succeeded(executed.transactionId(), new BigDecimal("50.00"), new BigDecimal("1.00"), null, null));
        assertThat(provider.lookUp(CARD)).isInstanceOf(Succeeded.class);
        assertThat(sandbox.stats().get("htp").violationCount()).isZero();
    }

    @Test
    void declinesInsufficientBalanceWithoutExecuting() throws IOException {
        // given
        HtpProvider provider = provider(SandboxOptions.defaults());

        // when
        WithdrawalOutcome outcome = provider.withdraw(request(LOW, "6.00"));

        // then
        assertThat(outcome).isEqualTo(new Declined("INSUFFICIENT_BALANCE", "HTP 400: Insufficient balance"));
        assertThat(sandbox.executedWithdrawals()).isEmpty();
    }

    @Test
    void waitsOutTheSandboxRateLimitWhileFollowingTheStatus() throws IOException {
        // given: the token and the create use the two requests of the minute, so the first status lookup is refused
        HtpProvider provider = provider(SandboxOptions.defaults().withHtpRequestsPerMinute(2));

        // when
        WithdrawalOutcome outcome = provider.withdraw(request(CARD, "10.00"));

        // then
        assertThat(outcome).isInstanceOf(Succeeded.class);
        assertThat(sandbox.executedWithdrawals()).hasSize(1);
        assertThat(sandbox.stats().get("htp").violations()).containsOnlyKeys("rate_limit");
    }

    @Test
    void defersACreateRefusedByTheSandboxRateLimit() throws IOException {
        // given: one request a minute, spent on the token
        HtpProvider provider = provider(SandboxOptions.defaults().withHtpRequestsPerMinute(1));

        // when
        WithdrawalOutcome outcome = provider.withdraw(request(CARD, "10.00"));

        // then
        assertThat(outcome).isEqualTo(new Deferred("RATE_LIMITED", "HTP 429: Too many requests", Duration.ofSeconds(60)));
        assertThat(sandbox.executedWithdrawals()).isEmpty();
    }
}
