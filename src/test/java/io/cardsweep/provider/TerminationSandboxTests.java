package io.cardsweep.provider;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.cardsweep.provider.TerminationOutcome.AlreadyTerminated;
import io.cardsweep.provider.TerminationOutcome.Declined;
import io.cardsweep.provider.TerminationOutcome.Deferred;
import io.cardsweep.provider.TerminationOutcome.Terminated;
import io.cardsweep.provider.cartevo.CartevoProvider;
import io.cardsweep.provider.htp.HtpProvider;
import io.cardsweep.provider.nueve09.Nueve09CardNumbers;
import io.cardsweep.provider.nueve09.Nueve09Provider;
import io.cardsweep.provider.plu.PluProvider;
import io.cardsweep.provider.uncash.UncashProvider;
import io.cardsweep.sandbox.ExecutedTermination;
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
 * The four terminating adapters (and HTP's card read) against the sandbox over HTTP, so the two readings of PROVIDERS.md
 * — what each adapter expects, what each simulator answers — are held against each other: a card terminated once, a
 * second termination recognised as such, and what the adapters say refunded equal to what the sandbox took off the card.
 */
class TerminationSandboxTests {

    static final String CARTEVO = "c0000000-0000-4000-8000-000000000001";
    static final String UNCASH = "u0000000-0000-4000-8000-000000000001";
    static final String PLU = "acme-card-active00000001";
    static final String NUEVE09 = "90000000-0000-4000-8000-000000000003";
    static final String NUEVE09_PAN = "5204731600014792";
    static final String HTP = "70000000-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    SandboxServer sandbox;

    @BeforeEach
    void start() throws IOException {
        Path cards = Files.writeString(dir.resolve("cards.csv"), """
                provider,card_id,balance,status,currency,user_id,pan
                cartevo,%s,100.00,ACTIVE,USD,,
                uncash,%s,40.25,active,USD,,
                plu,%s,75.00,active,USD,,
                nueve09,%s,300.00,active,MXN,,%s
                htp,%s,812.40,ACTIVE,USD,,
                """.formatted(CARTEVO, UNCASH, PLU, NUEVE09, NUEVE09_PAN, HTP));
        sandbox = SandboxServer.start(SandboxOptions.defaults().withCards(cards).withClock(clock));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    ProviderSettings settings(ProviderName provider) {
        return ProviderSettings.of(sandbox.baseUrl(provider)).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    static TerminationRequest request(String cardId) {
        return new TerminationRequest("card-termination-sweep:" + cardId, UUID.randomUUID(), cardId, null, new BigDecimal("19.4326"),
                new BigDecimal("-99.13321"));
    }

    @Test
    void cartevoRefundsOnceAndSaysHowMuch() {
        // given
        CartevoProvider cartevo = new CartevoProvider(settings(ProviderName.CARTEVO)
                .withCredentials(SandboxCredentials.CARTEVO_CLIENT_ID, SandboxCredentials.CARTEVO_CLIENT_KEY, null), clock);

        // when
        TerminationOutcome first = cartevo.terminate(request(CARTEVO));
        TerminationOutcome second = cartevo.terminate(request(CARTEVO));

        // then
        assertThat(first).isInstanceOf(Terminated.class);
        assertThat(((Terminated) first).refunded()).isEqualByComparingTo("100.00");
        assertThat(second).isInstanceOf(AlreadyTerminated.class);
        assertThat(sandbox.executedTerminations()).extracting(ExecutedTermination::refunded)
                .singleElement().satisfies(refunded -> assertThat(refunded).isEqualByComparingTo(((Terminated) first).refunded()));
    }

    @Test
    void uncashClosesOnceUnderItsCooldownAndSaysWhatItPaidOut() {
        // given
        UncashProvider uncash = new UncashProvider(settings(ProviderName.UNCASH).withCredentials(null, null, SandboxCredentials.UNCASH_API_KEY),
                clock);

        // when
        TerminationOutcome first = uncash.terminate(request(UNCASH));
        TerminationOutcome tooSoon = uncash.terminate(request(UNCASH));
        clock.advance(Duration.ofMinutes(15));
        TerminationOutcome later = uncash.terminate(request(UNCASH));

        // then
        assertThat(((Terminated) first).refunded()).isEqualByComparingTo("40.25");
        assertThat(tooSoon).isInstanceOf(Deferred.class);
        assertThat(((Deferred) tooSoon).retryAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(later).isInstanceOf(AlreadyTerminated.class);
        assertThat(sandbox.executedTerminations()).hasSize(1);
    }

    @Test
    void pluTerminatesOnceWithTheKeyAndCannotSayWhatItLiquidates() {
        // given
        PluProvider plu = new PluProvider(settings(ProviderName.PLU).withCredentials(null, null, SandboxCredentials.PLU_API_KEY), clock);
        TerminationRequest request = request(PLU);

        // when
        TerminationOutcome first = plu.terminate(request);
        TerminationOutcome duplicate = plu.terminate(request);
        TerminationOutcome fresh = plu.terminate(request(PLU));

        // then
        assertThat(first).isEqualTo(new Terminated(null, "Plu terminated the card; it liquidates the balance to the wallet asynchronously"));
        assertThat(duplicate.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(fresh).isInstanceOf(AlreadyTerminated.class);
        assertThat(sandbox.executedTerminations()).singleElement().satisfies(executed -> {
            assertThat(executed.idempotencyKey()).isEqualTo(request.idempotencyKey().toString());
            assertThat(executed.refunded()).isEqualByComparingTo("75.00");
        });
    }

    @Test
    void nueve09CancelsACardGivenByItsSealedNumberOnce() {
        // given
        Nueve09Provider nueve09 = new Nueve09Provider(settings(ProviderName.NUEVE09)
                .withLogin(SandboxCredentials.NUEVE09_API_KEY, SandboxCredentials.NUEVE09_PASSWORD, sandbox.nueve09PublicKey()), clock);
        String sealed = Nueve09CardNumbers.fromPublicKey(sandbox.nueve09PublicKey()).seal(NUEVE09_PAN);
        TerminationRequest request = new TerminationRequest("card-termination-sweep:n09", UUID.randomUUID(), CardMask.mask(NUEVE09_PAN),
                sealed, new BigDecimal("19.4326"), new BigDecimal("-99.13321"));

        // when
        TerminationOutcome first = nueve09.terminate(request);
        TerminationOutcome second = nueve09.terminate(request);

        // then
        assertThat(first).isEqualTo(new Terminated(null, "Nueve09 set the card's status to CANCELED"));
        assertThat(second).isInstanceOf(AlreadyTerminated.class);
        assertThat(sandbox.executedTerminations()).singleElement().satisfies(executed -> {
            assertThat(executed.cardId()).isEqualTo(NUEVE09);
            assertThat(executed.refunded()).isEqualByComparingTo("300.00");
        });
    }

    @Test
    void anUnknownCardIsDeclinedByEveryProvider() {
        // given
        String unknown = "00000000-0000-4000-8000-00000000dead";

        // when / then
        assertThat(new CartevoProvider(settings(ProviderName.CARTEVO).withCredentials(SandboxCredentials.CARTEVO_CLIENT_ID,
                SandboxCredentials.CARTEVO_CLIENT_KEY, null), clock).terminate(request(unknown))).isInstanceOf(Declined.class);
        assertThat(new UncashProvider(settings(ProviderName.UNCASH).withCredentials(null, null, SandboxCredentials.UNCASH_API_KEY), clock)
                .terminate(request(unknown))).isInstanceOf(Declined.class);
        assertThat(new PluProvider(settings(ProviderName.PLU).withCredentials(null, null, SandboxCredentials.PLU_API_KEY), clock)
                .terminate(request("acme-card-nobody0000dead"))).isEqualTo(new Declined("CARD_NOT_FOUND", "Plu 404: CARD_NOT_FOUND (Card not found)"));
        assertThat(new Nueve09Provider(settings(ProviderName.NUEVE09).withLogin(SandboxCredentials.NUEVE09_API_KEY,
                SandboxCredentials.NUEVE09_PASSWORD, null), clock).terminate(request(unknown)).code()).isEqualTo("CARD_NOT_FOUND");
        assertThat(sandbox.executedTerminations()).isEmpty();
    }

    @Test
    void htpReadsTheBalanceItsCardServes() {
        // given
        HtpProvider htp = new HtpProvider(settings(ProviderName.HTP).withAgent(SandboxCredentials.HTP_AGENT_ID, SandboxCredentials.HTP_AGENT_SECRET,
                SandboxCredentials.HTP_DEVICE_ID, SandboxCredentials.HTP_USER_ID, new BigDecimal("1.00")), clock);

        // when
        CardBalances.Reading reading = htp.balance(HTP, null);

        // then
        assertThat(reading.balance()).isEqualByComparingTo("812.40");
        assertThat(htp.readBeforeEachWithdrawal()).isFalse();
    }
}
