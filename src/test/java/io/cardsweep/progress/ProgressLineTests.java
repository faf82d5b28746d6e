package io.cardsweep.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.support.MutableClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The words of the progress lines, and the counts behind them, with a clock moved by hand. */
class ProgressLineTests {

    static final Instant START = Instant.parse("2026-11-03T02:00:00Z");

    @Nested
    class Words {

        @Test
        void saysDoneOfTotalThePercentTheRateTheEtaAndTheOutcomesInTheOrderAReaderLooksForThem() {
            // given HTP a minute into 5,000 withdrawals
            Map<String, Long> outcomes = new LinkedHashMap<>();
            outcomes.put("DEFERRED", 4L);
            outcomes.put("DECLINED", 30L);
            outcomes.put("SUCCEEDED", 1_200L);
            ProviderProgress htp = new ProviderProgress(ProviderName.HTP, 1_234, 5_000, outcomes, 20.3, null, Duration.ofMinutes(1));

            // when / then: 3,766 left at 20.3 a second is 185.5 s, told as 3 min 6 s (rounded up)
            assertThat(ProgressLine.running("", htp))
                    .isEqualTo("progress htp: 1,234/5,000 done (24.7%), 20.3/s, ETA 3 min 6 s — 1,200 succeeded, 30 declined, 4 deferred");
        }

        @Test
        void namesTheStageAfterTheProvider() {
            ProviderProgress uncash = new ProviderProgress(ProviderName.UNCASH, 1, 4, Map.of("SUCCEEDED", 1L), 2, null, Duration.ofSeconds(5));

            assertThat(ProgressLine.running("deferred", uncash)).startsWith("progress uncash deferred: 1/4 done (25.0%), 2.0/s, ETA 2 s");
        }

        @Test
        void saysTheEtaIsUnknownWhileNothingGetsDone() {
            ProviderProgress plu = new ProviderProgress(ProviderName.PLU, 0, 10, Map.of(), 0, null, Duration.ofSeconds(5));

            assertThat(ProgressLine.running("", plu)).isEqualTo("progress plu: 0/10 done (0.0%), 0.0/s, ETA unknown");
        }

        @Test
        void saysWhenTheNextRowComesDueInsteadOfAnEtaForAProviderWaitingOnACooldown() {
            // given Uncash with all it has left in cooldown, the first due in 14 min 2 s
            ProviderProgress uncash = new ProviderProgress(ProviderName.UNCASH, 3, 10, Map.of("SUCCEEDED", 3L), 0, Duration.ofSeconds(842),
                    Duration.ofMinutes(1));

            // when / then
            assertThat(ProgressLine.running("deferred", uncash)).isEqualTo(
                    "progress uncash deferred: 3/10 done (30.0%), 0.0/s, waiting for a cooldown or rate limit, next due in 14 min 2 s"
                            + " — 3 succeeded");
        }

        @Test
        void givesASlowRatePerMinute() {
            assertThat(ProgressLine.rate(0.25)).isEqualTo("15.0/min");
            assertThat(ProgressLine.rate(1)).isEqualTo("1.0/s");
            assertThat(ProgressLine.rate(0)).isEqualTo("0.0/s");
        }

        @Test
        void givesTheEtaInWholeSecondsMinutesOrHours() {
            assertThat(ProgressLine.eta(10, 4)).isEqualTo("ETA 3 s");
            assertThat(ProgressLine.eta(100, 0.5)).isEqualTo("ETA 3 min 20 s");
            assertThat(ProgressLine.eta(100_000, 10)).isEqualTo("ETA 2 h 46 min");
            assertThat(ProgressLine.eta(5, 0)).isEqualTo("ETA unknown");
        }

        @Test
        void roundsThePercentToATenthWithoutReachingAHundredBeforeTheEnd() {
            assertThat(ProgressLine.percent(1, 3)).isEqualTo("33.3%");
            assertThat(ProgressLine.percent(9_999, 10_000)).isEqualTo("99.9%");
            assertThat(ProgressLine.percent(0, 7)).isEqualTo("0.0%");
        }

        @Test
        void endsWithHowLongItTookAndWhatWasNotDone() {
            // given
            ProviderProgress done = new ProviderProgress(ProviderName.CARTEVO, 40, 40, Map.of("SUCCEEDED", 38L, "DECLINED", 2L), 9, null,
                    Duration.ofSeconds(8));
            ProviderProgress cut = new ProviderProgress(ProviderName.CARTEVO, 30, 40, Map.of("SUCCEEDED", 30L), 9, null, Duration.ofSeconds(10));

            // when / then: the average rate over the whole step
            assertThat(ProgressLine.ended("", done)).isEqualTo("progress cartevo: 40/40 done (100.0%) in 8 s, 5.0/s — 38 succeeded, 2 declined");
            assertThat(ProgressLine.ended("", cut))
                    .isEqualTo("progress cartevo: 30/40 done (75.0%) in 10 s, 3.0/s; 10 not done in this step — 30 succeeded");
        }

        @Test
        void showsOnlyTheRateAndEtaBesideABar() {
            ProviderProgress htp = new ProviderProgress(ProviderName.HTP, 12, 40, Map.of("SUCCEEDED", 12L), 2, null, Duration.ofSeconds(6));

            assertThat(ProgressLine.besideBar(htp)).isEqualTo("2.0/s, ETA 14 s");
        }
    }

    @Nested
    class Counts {

        final MutableClock clock = new MutableClock(START);

        StepProgress step(Map<ProviderName, Long> totals) {
            return new StepProgress("", totals, clock, Duration.ofSeconds(30));
        }

        @Test
        void takesTheRateOverTheRecentWindowSoASlowdownShowsAtOnce() {
            // given 100 done in the first 10 s, then 10 in the next 30 s
            StepProgress step = step(Map.of(ProviderName.PLU, 1_000L));
            record(step, ProviderName.PLU, "SUCCEEDED", 100);
            clock.advance(Duration.ofSeconds(10));
            assertThat(step.lines(clock.instant(), Map.of())).containsExactly(
                    "progress plu: 100/1,000 done (10.0%), 10.0/s, ETA 1 min 30 s — 100 succeeded");
            for (int tick = 0; tick < 6; tick++) {
                clock.advance(Duration.ofSeconds(5));
                record(step, ProviderName.PLU, "SUCCEEDED", tick < 2 ? 5 : 0);
                step.lines(clock.instant(), Map.of());
            }

            // when
            clock.advance(Duration.ofSeconds(5));
            List<String> lines = step.lines(clock.instant(), Map.of());

            // then the rate is that of the last 30 s (5 in 30 s), not the step's average (110 in 45 s)
            assertThat(lines).containsExactly("progress plu: 110/1,000 done (11.0%), 10.0/min, ETA 1 h 29 min — 110 succeeded");
        }

        @Test
        void givesOneLinePerProviderStillWorkingAndALastOneWhenItFinishes() {
            // given HTP done 2 s into the step
            StepProgress step = step(Map.of(ProviderName.HTP, 2L, ProviderName.PLU, 3L, ProviderName.CARTEVO, 0L));
            record(step, ProviderName.PLU, "SUCCEEDED", 1);
            record(step, ProviderName.HTP, "DECLINED", 1);
            clock.advance(Duration.ofSeconds(2));
            record(step, ProviderName.HTP, null, 1);

            // when
            clock.advance(Duration.ofSeconds(3));
            List<String> first = step.lines(clock.instant(), Map.of());
            clock.advance(Duration.ofSeconds(5));
            List<String> second = step.lines(clock.instant(), Map.of());
            List<String> last = step.lastLines(clock.instant());

            // then a provider with nothing to do has no line; HTP's last line is its first, says when it finished, and is told once
            assertThat(first).containsExactly("progress plu: 1/3 done (33.3%), 12.0/min, ETA 10 s — 1 succeeded",
                    "progress htp: 2/2 done (100.0%) in 2 s, 1.0/s — 1 declined, 1 already handled");
            assertThat(second).containsExactly("progress plu: 1/3 done (33.3%), 6.0/min, ETA 20 s — 1 succeeded");
            assertThat(last).containsExactly("progress plu: 1/3 done (33.3%) in 10 s, 6.0/min; 2 not done in this step — 1 succeeded");
        }

        @Test
        void saysAProviderWaitsOnlyWhileItsNextRowIsNotYetDue() {
            // given Uncash's next deferred row due in 2 min
            StepProgress step = step(Map.of(ProviderName.UNCASH, 3L));
            Map<ProviderName, Instant> nextDue = Map.of(ProviderName.UNCASH, START.plus(Duration.ofMinutes(2)));
            clock.advance(Duration.ofSeconds(5));

            // when / then
            assertThat(step.lines(clock.instant(), nextDue)).singleElement().asString()
                    .contains("waiting for a cooldown or rate limit, next due in 1 min 55 s");
            clock.advance(Duration.ofMinutes(2));
            assertThat(step.lines(clock.instant(), nextDue)).singleElement().asString().contains("ETA unknown").doesNotContain("waiting");
        }

        void record(StepProgress step, ProviderName provider, String outcome, int times) {
            for (int i = 0; i < times; i++) {
                step.record(provider, outcome == null ? ProgressReporter.ALREADY_HANDLED : outcome);
            }
        }
    }
}
