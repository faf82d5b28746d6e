package io.cardsweep.plan;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.cardsweep.plan.ProviderPace.BalanceReads;
import io.cardsweep.provider.ProviderName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DurationEstimateTests {

    static final Duration LATENCY = Duration.ofMillis(300);
    static final Duration MAX_WAIT = Duration.ofMinutes(30);
    static final Duration UNCASH_COOLDOWN = Duration.ofSeconds(905);

    static final ProviderPace PLU = new ProviderPace(4, false, 0, null, false, BalanceReads.NONE, 0, 0, true);
    static final ProviderPace CARTEVO = new ProviderPace(4, false, 0, null, false, BalanceReads.EVERY_ATTEMPT, 0, 1, true);
    static final ProviderPace HTP = new ProviderPace(1, true, 60, null, false, BalanceReads.WHOLE_BALANCES, 1, 1, false);

    static ProviderPace uncash(Duration cooldown) {
        return new ProviderPace(4, false, 0, cooldown, false, BalanceReads.EVERY_ATTEMPT, 0, 0, true);
    }

    /** {@code cards} cards with {@code each} instructions each. */
    static Workload onCards(long cards, int each) {
        return new Workload(cards * each, 0, new TreeMap<>(Map.of(each, cards)));
    }

    static Estimate estimate(ProviderName provider, Workload workload, ProviderPace pace) {
        return DurationEstimate.of(Map.of(provider, workload), Map.of(provider, pace), LATENCY, MAX_WAIT);
    }

    @Nested
    class ExecuteStep {

        @Test
        void withdrawsAsManyAtOnceAsTheCapAllows() {
            // 10 withdrawals, 4 at a time: 3 rounds of 300 ms
            Estimate estimate = estimate(ProviderName.PLU, Workload.of(10), PLU);

            assertThat(estimate.makespan()).isEqualTo(Duration.ofMillis(900));
            assertThat(estimate.providers().get(ProviderName.PLU).requests()).isEqualTo(10);
            assertThat(estimate.providers().get(ProviderName.PLU).explanation())
                    .isEqualTo("plu: 10 withdrawals, 4 at a time; 10 requests — done after 0.9 s");
        }

        @Test
        void countsTheTokenAndTheBalanceReadBeforeEachWithdrawal() {
            // a token (300 ms), then 3 rounds of 4 withdrawals (900 ms), the first read before them (300 ms)
            Estimate estimate = estimate(ProviderName.CARTEVO, Workload.of(10), CARTEVO);

            assertThat(estimate.makespan()).isEqualTo(Duration.ofMillis(1500));
            assertThat(estimate.providers().get(ProviderName.CARTEVO).requests()).isEqualTo(21);
            assertThat(estimate.providers().get(ProviderName.CARTEVO).explanation()).contains("4 at a time, a balance read before each;");
        }

        @Test
        void spacesEveryRequestOfARateLimitedProviderStatusLookupsIncluded() {
            // a token, then a create and a status lookup per withdrawal: 11 requests, one every 1.01 s, the last taking 300 ms
            Estimate estimate = estimate(ProviderName.HTP, Workload.of(5), HTP);

            assertThat(estimate.makespan()).isEqualTo(Duration.ofMillis(10 * 1010 + 300));
            assertThat(estimate.providers().get(ProviderName.HTP).explanation())
                    .isEqualTo("htp: 5 withdrawals, one at a time (one pending withdrawal per user); 11 requests at 60 a minute — done after 10.4 s");
        }

        @Test
        void holdsHtpToOneWithdrawalAtATimeWhateverItsConcurrency() {
            // no budget: a create and a lookup of 300 ms each, one withdrawal after the other, after the token
            ProviderPace unlimited = new ProviderPace(4, true, 0, null, false, BalanceReads.WHOLE_BALANCES, 1, 1, false);

            assertThat(estimate(ProviderName.HTP, Workload.of(5), unlimited).makespan()).isEqualTo(Duration.ofMillis(300 + 5 * 600));
        }

        @Test
        void endsWhenTheSlowestProviderEnds() {
            Estimate estimate = DurationEstimate.of(Map.of(ProviderName.PLU, Workload.of(10), ProviderName.HTP, Workload.of(5)),
                    Map.of(ProviderName.PLU, PLU, ProviderName.HTP, HTP), LATENCY, MAX_WAIT);

            assertThat(estimate.executeStep()).isEqualTo(Duration.ofMillis(10_400));
            assertThat(estimate.makespan()).isEqualTo(Duration.ofMillis(10_400));
            assertThat(estimate.providers().get(ProviderName.PLU).done()).isEqualTo(Duration.ofMillis(900));
        }

        @Test
        void takesNoTimeForNothing() {
            assertThat(estimate(ProviderName.PLU, Workload.of(0), PLU).makespan()).isZero();
            assertThat(estimate(ProviderName.PLU, Workload.of(0), PLU).providers()).isEmpty();
        }
    }

    @Nested
    class Cooldowns {

        @Test
        void sendsACardsSecondWithdrawalInAWaveOneCooldownLater() {
            // execute: 12 first withdrawals, 4 at a time, after the first read: 4 × 300 ms (the 12 withdrawals and 24 reads
            // would take 3 × 300 ms on 12 threads). Wave 2 is due 905 s after the first claim (at 300 ms); one at a time, a
            // read and a withdrawal each: 24 × 300 ms.
            Estimate estimate = estimate(ProviderName.UNCASH, onCards(12, 2), uncash(UNCASH_COOLDOWN));

            assertThat(estimate.executeStep()).isEqualTo(Duration.ofMillis(1200));
            assertThat(estimate.providers().get(ProviderName.UNCASH).waves())
                    .containsExactly(new Estimate.Wave(2, 12, Duration.ofMillis(905_300), Duration.ofMillis(905_300 + 24 * 300)));
            assertThat(estimate.makespan()).isEqualTo(Duration.ofMillis(912_500));
            assertThat(estimate.providers().get(ProviderName.UNCASH).requests()).isEqualTo(60);
            assertThat(estimate.providers().get(ProviderName.UNCASH).explanation()).isEqualTo("uncash: 12 cards with 2 withdrawals each, 4 at a"
                    + " time, a balance read before each attempt; 60 requests — second wave after 15 min 5 s (a cooldown of 15 min 5 s per"
                    + " card); done after 15 min 12 s");
        }

        @Test
        void startsTheWavesOnlyOnceTheExecuteStepHasEndedAndSendsThemOnOneThread() {
            // HTP holds the execute step for 16 × 505 ms + 50 ms = 8.13 s, long after Uncash's second turn came due (3.55 s):
            // wave 2 starts when the step ends, 6 cards × (2 reads + a withdrawal) × 50 ms; wave 3 is due 3.5 s after its
            // first claim, and cannot end before 3.5 s after its last claim (8.98 s) and that card's read and withdrawal.
            Duration latency = Duration.ofMillis(50);
            ProviderPace htp = new ProviderPace(1, true, 120, null, false, BalanceReads.WHOLE_BALANCES, 1, 1, false);
            Estimate estimate = DurationEstimate.of(Map.of(ProviderName.HTP, Workload.of(8), ProviderName.UNCASH, onCards(6, 3)),
                    Map.of(ProviderName.HTP, htp, ProviderName.UNCASH, uncash(Duration.ofMillis(3500))), latency, MAX_WAIT);

            assertThat(estimate.executeStep()).isEqualTo(Duration.ofMillis(8130));
            assertThat(estimate.providers().get(ProviderName.UNCASH).waves()).containsExactly(
                    new Estimate.Wave(2, 6, Duration.ofMillis(8130), Duration.ofMillis(9030)),
                    new Estimate.Wave(3, 6, Duration.ofMillis(11_680), Duration.ofMillis(12_580)));
            assertThat(estimate.makespan()).isEqualTo(Duration.ofMillis(12_580));
        }

        @Test
        void leavesDeferredWhatComesDueAfterMaxWait() {
            // one card, three instructions: wave 2 at 905.3 s, wave 3 would be due at 1810.6 s, after 0.6 s + 30 min
            Estimate estimate = estimate(ProviderName.UNCASH, onCards(1, 3), uncash(UNCASH_COOLDOWN));

            assertThat(estimate.providers().get(ProviderName.UNCASH).waves()).hasSize(1);
            assertThat(estimate.stillDeferred()).isEqualTo(1);
            assertThat(estimate.makespan()).isEqualTo(Duration.ofMillis(905_300 + 900));
            assertThat(estimate.providers().get(ProviderName.UNCASH).explanation())
                    .startsWith("uncash: 1 card with 3 withdrawals, ")
                    .endsWith("; 1 withdrawal still deferred when max-wait (30 min 0 s) runs out");
        }

        @Test
        void stopsAWaveAtMaxWaitAndLeavesItsUnsentShareDeferred() {
            // execute: 100 withdrawals, 4 at a time, after the first read: 26 × 300 ms = 7.8 s (the 100 withdrawals and
            // 200 reads would take 25 × 300 ms on 12 threads). Wave 2 is due at 60.3 s and would take 100 × (a read and a
            // withdrawal) = 60 s; the deferred step stops at 7.8 s + 62 s = 69.8 s, 9.5 s into it: 15 of its 100
            // withdrawals sent, 85 left.
            Estimate estimate = DurationEstimate.of(Map.of(ProviderName.UNCASH, onCards(100, 2)),
                    Map.of(ProviderName.UNCASH, uncash(Duration.ofSeconds(60))), LATENCY, Duration.ofSeconds(62));

            assertThat(estimate.executeStep()).isEqualTo(Duration.ofMillis(7_800));
            assertThat(estimate.providers().get(ProviderName.UNCASH).waves())
                    .containsExactly(new Estimate.Wave(2, 15, Duration.ofMillis(60_300), Duration.ofMillis(69_800)));
            assertThat(estimate.stillDeferred()).isEqualTo(85);
            assertThat(estimate.makespan()).isEqualTo(Duration.ofMillis(69_800));
        }

        @Test
        void spreadsCardsWithDifferentCountsOverAsManyWavesAsTheBusiestCardNeeds() {
            Workload mixed = new Workload(7, 0, new TreeMap<>(Map.of(1, 2L, 2, 1L, 3, 1L)));

            Estimate.ProviderTime uncash = estimate(ProviderName.UNCASH, mixed, uncash(Duration.ofSeconds(10))).providers().get(ProviderName.UNCASH);

            assertThat(uncash.waves()).extracting(Estimate.Wave::number, Estimate.Wave::withdrawals)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(2, 2L), org.assertj.core.groups.Tuple.tuple(3, 1L));
            assertThat(uncash.explanation()).startsWith("uncash: 7 withdrawals on 4 cards (2 with 1, 1 with 2, 1 with 3), ")
                    .contains("second wave after 10.3 s, third wave after 20.").contains("(a cooldown of 10.0 s per card)");
        }
    }

    @Nested
    class WholeBalances {

        @Test
        void readsHtpsBalanceOnlyBeforeAWholeBalanceAndCountsTheReadAgainstItsBudget() {
            // a token, a create and a status lookup for each of 5 withdrawals, and a read before each of the 2 whole balances:
            // 13 requests, one every 1.01 s, the last taking 300 ms
            Estimate estimate = estimate(ProviderName.HTP, new Workload(5, 2, new TreeMap<>()), HTP);

            assertThat(estimate.providers().get(ProviderName.HTP).requests()).isEqualTo(13);
            assertThat(estimate.makespan()).isEqualTo(Duration.ofMillis(12 * 1010 + 300));
            assertThat(estimate.providers().get(ProviderName.HTP).explanation()).isEqualTo("htp: 5 withdrawals (2 whole balances), one at a time"
                    + " (one pending withdrawal per user), a balance read before each whole balance; 13 requests at 60 a minute — done after 12.4 s");
        }

        @Test
        void readsOnceBeforeAWholeBalanceWhereEveryWithdrawalIsReadFirstAnyway() {
            Estimate estimate = estimate(ProviderName.CARTEVO, new Workload(10, 4, new TreeMap<>()), CARTEVO);

            assertThat(estimate.providers().get(ProviderName.CARTEVO).requests()).isEqualTo(21);
            assertThat(estimate.makespan()).isEqualTo(Duration.ofMillis(1500));
        }

        @Test
        void sendsNothingForAPluWholeBalanceWhichTheCardsTerminationSweeps() {
            Estimate swept = estimate(ProviderName.PLU, new Workload(3, 3, new TreeMap<>()).terminating(3), PLU);
            Estimate mixed = estimate(ProviderName.PLU, new Workload(5, 2, new TreeMap<>()).terminating(5), PLU);

            assertThat(swept.providers().get(ProviderName.PLU).requests()).isZero();
            assertThat(swept.executeStep()).isZero();
            assertThat(swept.providers().get(ProviderName.PLU).explanation())
                    .isEqualTo("plu: 3 whole balances swept by terminating their cards, no withdrawal sent");
            assertThat(mixed.providers().get(ProviderName.PLU).explanation()).isEqualTo("plu: 3 withdrawals (+ 2 whole balances swept by"
                    + " terminating their cards), 4 at a time; 3 requests — done after 0.3 s");
        }
    }

    @Nested
    class Terminations {

        @Test
        void terminatesEachCardOnceOneAtATimeForAllProvidersOnceTheWithdrawalsAreThrough() {
            // execute: Plu 300 ms; Cartevo a token, 2 rounds of 4 and a read: 1.2 s. Then 4 + 3 cards, 300 ms each, one at a time.
            Estimate estimate = DurationEstimate.of(Map.of(ProviderName.PLU, Workload.of(4).terminating(4),
                    ProviderName.CARTEVO, Workload.of(6).terminating(3)), Map.of(ProviderName.PLU, PLU, ProviderName.CARTEVO, CARTEVO), LATENCY,
                    MAX_WAIT);

            assertThat(estimate.terminateStep()).isEqualTo(Duration.ofMillis(1200));
            assertThat(estimate.makespan()).isEqualTo(Duration.ofMillis(1200 + 7 * 300));
            Estimate.Termination cartevo = estimate.providers().get(ProviderName.CARTEVO).termination();
            assertThat(cartevo.requests()).isEqualTo(3);
            assertThat(cartevo.explanation()).isEqualTo("cartevo: 3 cards terminated");
            assertThat(estimate.providers().get(ProviderName.PLU).finished()).isEqualTo(Duration.ofMillis(3300));
        }

        @Test
        void closesAnUncashCardOnlyOneCooldownAfterItsWithdrawal() {
            // execute: 5 reads and withdrawals, 4 at a time: claims at 0.3 s and 0.6 s, done at 0.9 s; 4 Plu cards are terminated
            // first; the closes come due 905 s after the claims, four at 905.3 s and the fifth at 905.6 s, and go one at a time
            Estimate estimate = DurationEstimate.of(Map.of(ProviderName.UNCASH, onCards(5, 1).terminating(5),
                    ProviderName.PLU, Workload.of(4).terminating(4)), Map.of(ProviderName.UNCASH, uncash(UNCASH_COOLDOWN), ProviderName.PLU, PLU),
                    LATENCY, MAX_WAIT);

            assertThat(estimate.terminateStep()).isEqualTo(Duration.ofMillis(900));
            assertThat(estimate.makespan()).isEqualTo(Duration.ofMillis(905_300 + 5 * 300));
            assertThat(estimate.providers().get(ProviderName.UNCASH).termination().explanation())
                    .isEqualTo("uncash: 5 cards closed after their cooldown — last close 15 min 5 s after its withdrawal");
            assertThat(estimate.providers().get(ProviderName.PLU).termination().done()).isEqualTo(Duration.ofMillis(900 + 4 * 300));
            assertThat(estimate.terminationsStillDeferred()).isZero();
        }

        @Test
        void closesTheCardsOfAnAccountOneCooldownApart() {
            // two withdrawals on the account, the second 10 s after the first (claimed at 10.6 s); then a close 10 s after
            // that, and the next 10 s after the close
            ProviderPace perAccount = new ProviderPace(4, false, 0, Duration.ofSeconds(10), true, BalanceReads.EVERY_ATTEMPT, 0, 0, true);
            Estimate estimate = estimate(ProviderName.UNCASH, new Workload(2, 0, new TreeMap<>(Map.of(2, 1L)), 2), perAccount);

            assertThat(estimate.terminateStep()).isEqualTo(Duration.ofMillis(10_900));
            assertThat(estimate.makespan()).isEqualTo(Duration.ofMillis(10_600 + 20_000 + 300));
            assertThat(estimate.providers().get(ProviderName.UNCASH).termination().explanation())
                    .isEqualTo("uncash: 2 cards closed one cooldown apart (10.0 s per account) — last close 20.0 s after the last withdrawal");
        }

        @Test
        void leavesDeferredTheClosesThatComeDueAfterMaxWait() {
            Estimate estimate = DurationEstimate.of(Map.of(ProviderName.UNCASH, onCards(5, 1).terminating(5)),
                    Map.of(ProviderName.UNCASH, uncash(UNCASH_COOLDOWN)), LATENCY, Duration.ofMinutes(10));

            assertThat(estimate.terminationsStillDeferred()).isEqualTo(5);
            assertThat(estimate.makespan()).isEqualTo(Duration.ofMillis(900));
            assertThat(estimate.providers().get(ProviderName.UNCASH).termination().explanation())
                    .isEqualTo("uncash: 5 cards not closed: their cooldown ends after max-wait (10 min 0 s)");
        }

        @Test
        void leavesHtpsCardsAsTheyAreWithoutARequest() {
            Estimate estimate = estimate(ProviderName.HTP, Workload.of(3).terminating(3), HTP);

            assertThat(estimate.providers().get(ProviderName.HTP).termination().requests()).isZero();
            assertThat(estimate.makespan()).isEqualTo(estimate.executeStep());
            assertThat(estimate.providers().get(ProviderName.HTP).termination().explanation())
                    .isEqualTo("htp: 3 cards not terminated: htp has no way to terminate a card, so no request");
        }

        @Test
        void hasNoTerminateStepInAJobThatTerminatesNoCard() {
            Estimate estimate = estimate(ProviderName.PLU, Workload.of(3), PLU);

            assertThat(estimate.terminateStep()).isNull();
            assertThat(estimate.providers().get(ProviderName.PLU).termination()).isNull();
        }
    }
}
