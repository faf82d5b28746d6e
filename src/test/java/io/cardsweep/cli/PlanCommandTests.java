package io.cardsweep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.cardsweep.support.CliRun;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cardsweep plan} through the command line. No provider is configured and the ledger is the embedded default in a
 * home of the test's own, so nothing is started: no database, no sandbox.
 */
class PlanCommandTests {

    static final String HEADER = "instruction_id,provider,card_id,amount,currency,reference,wallet_address,network,latitude,longitude\n";

    @TempDir
    Path dir;

    CliRun plan(String... args) {
        List<String> all = new ArrayList<>(List.of("plan"));
        all.addAll(List.of(args));
        all.add("--cardsweep.home=" + dir.resolve("home"));
        return CliRun.of(Cli::run, all);
    }

    Path input(String rows) throws IOException {
        return Files.writeString(dir.resolve("input-" + UUID.randomUUID() + ".csv"), HEADER + rows);
    }

    @Test
    void printsPerProviderWhatTheSampleWouldSendRefuseAndTake() {
        // when
        CliRun run = plan("jobs/per-diem-reclaim.yml", "--input", "sample-input/per-diem-reclaims.csv");

        // then the rows the run's rules refuse are counted and explained, and the others summed and paced per provider
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(run.out().lines()).containsSubsequence(
                "cardsweep plan: per-diem-reclaim on sample-input/per-diem-reclaims.csv — nothing is sent and nothing is written to the ledger.",
                "Providers: none configured, so the in-process sandbox would play all five.",
                "43 row(s) read.",
                "  provider  accepted              amount  rejected  duplicate     estimate",
                "  cartevo         10          806.50 USD         2          0        1.5 s",
                "  htp              5          498.50 USD         1          0       10.4 s",
                "  nueve09          5         2682.00 MXN         1          0        1.2 s",
                "  plu              5          214.00 USD         1          0        0.6 s",
                "  uncash          10          843.50 USD         2          0        1.2 s",
                "  (invalid)        0                   -         1          0            -",
                "  all             35         2682.00 MXN         8          0       10.4 s",
                "                             2362.50 USD",
                "Not executed, by reason (one example each):",
                "  cartevo   AMOUNT_TOO_MANY_DECIMALS       1  line 22: amount '12.345' has more than 2 decimal places",
                "  cartevo   INSTRUCTION_ID_REPEATED        1  line 25: instruction_id 'PD-2026-11-0003' repeats line 4 of this file; only the"
                        + " first is executed",
                "  (invalid) UNKNOWN_PROVIDER               1  line 24: provider 'visa' is not one of plu, cartevo, uncash, htp, nueve09",
                "Estimated time: 10.4 s to execute (the execute and deferred steps; reading the input and writing the report come on top).",
                "  plu: 5 withdrawals, 4 at a time; 5 requests — done after 0.6 s",
                "  cartevo: 10 withdrawals, 4 at a time, a balance read before each; 21 requests — done after 1.5 s",
                "  uncash: 10 cards with 1 withdrawal each, 4 at a time, a balance read before each attempt; 20 requests — done after 1.2 s",
                "  htp: 5 withdrawals, one at a time (one pending withdrawal per user); 11 requests at 60 a minute — done after 10.4 s",
                "  nueve09: 5 withdrawals, 4 at a time, a balance read before each; 11 requests — done after 1.2 s",
                "Assumed: 300 ms for each provider request (--latency), HTP's withdrawal settled when first looked up, no errors, retries or 429s.",
                "8 row(s) would not be executed (see the reasons above); the other 35 would.");
        // and no card number is printed, not even the malformed one
        assertThat(run.out() + run.err()).doesNotContain("5512559729792627", "5512084364697486", "5512123789914330", "551267300245892")
                .contains("card_id '****5892'");
    }

    @Test
    void createsNoLedgerAndSaysThatDuplicatesWereNotChecked() {
        CliRun run = plan("jobs/per-diem-reclaim.yml", "--input", "sample-input/per-diem-reclaims.csv");

        assertThat(run.out()).contains("Ledger: embedded PostgreSQL in " + dir.resolve("home/pgdata").toAbsolutePath()
                + ": duplicates not checked — there is none yet (a run would start an empty one).");
        assertThat(dir.resolve("home/pgdata")).doesNotExist();
    }

    @Test
    void exitsZeroWhenEveryRowWouldBeExecuted() throws IOException {
        Path input = input("A-1,plu,acme-card-3437nm75mg3ujf9,59.00,USD,trip 1,,,,\nA-2,plu,globex-card-c03ka8edcnqb4v3,60.00,USD,trip 2,,,,\n");

        CliRun run = plan("jobs/per-diem-reclaim.yml", "--input", input.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(run.out()).contains("  plu              2          119.00 USD         0          0        0.3 s")
                .contains("Every row would be executed.");
    }

    @Test
    void explainsTheWavesOfACooldownInWords() throws IOException {
        // given 12 Uncash cards with two instructions each
        StringBuilder rows = new StringBuilder();
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            cards.add(UUID.nameUUIDFromBytes(("uncash" + i).getBytes()).toString());
        }
        for (int i = 0; i < 24; i++) {
            rows.append("U-").append(i).append(",uncash,").append(cards.get(i % 12)).append(",10.00,USD,trip,,,,\n");
        }

        // when
        CliRun run = plan("jobs/per-diem-reclaim.yml", "--input", input(rows.toString()).toString());

        // then
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(run.out()).contains("  uncash: 12 cards with 2 withdrawals each, 4 at a time, a balance read before each attempt; 60 requests"
                + " — second wave after 15 min 5 s (a cooldown of 15 min 5 s per card); done after 15 min 12 s")
                .contains("withdrawals a cooldown holds back go in waves once all are through (after 1.2 s), one at a time.");
    }

    @Test
    void takesTheLatencyAndTheRunsSettingsFromTheCommandLine() throws IOException {
        Path input = input("A-1,plu,acme-card-3437nm75mg3ujf9,59.00,USD,trip 1,,,,\n");

        CliRun run = plan("jobs/per-diem-reclaim.yml", "--input", input.toString(), "--latency", "2s",
                "--cardsweep.providers.plu.requests-per-minute=6");

        assertThat(run.out()).contains("  plu: 1 withdrawal, 4 at a time; 1 request at 6 a minute — done after 2.0 s")
                .contains("Assumed: 2000 ms for each provider request (--latency)");
    }

    @Test
    void countsWholeBalancesApartFromAmounts() throws IOException {
        Path input = input("A-1,cartevo,6513270e-269e-4d37-b2a7-4de452e6b438,ALL,USD,sweep,,,,\n"
                + "A-2,cartevo,d23f0824-128b-4f33-8c5c-7fd0a6a3a450,20.00,USD,trip,,,,\n");

        CliRun run = plan("jobs/per-diem-reclaim.yml", "--input", input.toString(), "--cardsweep.job.full-balance=true");

        assertThat(run.out().lines()).containsSubsequence(
                "  cartevo          2           20.00 USD         0          0        0.9 s",
                "                       + 1 whole balance");
        assertThat(run.out()).contains("cartevo: 2 withdrawals (1 whole balance), 4 at a time");
    }

    @Test
    void saysWhichTerminationsAJobThatTerminatesItsCardsWouldLeaveDeferred() throws IOException {
        // given a sweep of three whole balances, whose Uncash close would come due 15 minutes after its withdrawal
        Path input = input("S-1,uncash,6f6215a8-35e1-4f12-96d2-d4801bd4ae12,ALL,USD,sweep,,,,\n"
                + "S-2,plu,acme-card-3437nm75mg3ujf9,,USD,sweep,,,,\n"
                + "S-3,htp,730c8628-6852-4c59-96f9-c648d234605a,ALL,USD,sweep," + PlanEstimateIntegrationTests.TRC20 + ",TRC20,,\n");

        // when the run may wait only 10 minutes
        CliRun run = plan("jobs/per-diem-reclaim.yml", "--input", input.toString(), "--max-wait", "10m", "--cardsweep.job.full-balance=true",
                "--cardsweep.job.terminate=true");

        // then
        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(run.out().lines()).containsSubsequence(
                "  plu: 1 whole balance swept by terminating its card, no withdrawal sent",
                "  plu: 1 card terminated",
                "  uncash: 1 card not closed: its cooldown ends after max-wait (10 min 0 s)",
                "  htp: 1 card not terminated: htp has no way to terminate a card, so no request",
                "1 termination(s) would come due after max-wait and stay DEFERRED (exit 3): the next run of the job sends them.");
    }

    @Nested
    class Mistakes {

        @Test
        void aFileThatCannotBeReadAsAWholeIsOneSentence() throws IOException {
            Path input = Files.writeString(dir.resolve("wrong.csv"), "id,who,card,sum\n1,plu,x,5\n");

            CliRun run = plan("jobs/per-diem-reclaim.yml", "--input", input.toString());

            assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err().strip()).startsWith("Input file " + input + " has no column").doesNotContain("Exception").hasLineCount(1);
        }

        @Test
        void theCommandLineIsOneSentenceAndTheUsage() {
            assertThat(plan("jobs/per-diem-reclaim.yml").err()).startsWith("Name the input file with --input FILE.")
                    .contains(PlanCommand.USAGE);
            assertThat(plan("jobs/per-diem-reclaim.yml", "--input", "sample-input/per-diem-reclaims.csv", "--latency", "soon").err())
                    .startsWith("--latency needs a duration such as 300ms, 2s or PT1M, not 'soon'.");
            assertThat(plan("jobs/per-diem-reclaim.yml", "--input", "nowhere.csv").err())
                    .startsWith("Input file nowhere.csv does not exist.");
            assertThat(plan("jobs/per-diem-reclaim.yml", "--input", "sample-input/per-diem-reclaims.csv", "--shard", "1/2").exit())
                    .isEqualTo(ExitCodes.USAGE);
        }

        @Test
        void aJobThatReadsATableTakesNoInputFileAsARunTakesNone() {
            CliRun run = plan("jobs/card-termination-sweep.yml", "--input", "sample-input/per-diem-reclaims.csv");

            assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).startsWith("Job definition jobs/card-termination-sweep.yml reads its instructions from the table or query in"
                    + " cardsweep.job.source, so it takes no --input.").contains(PlanCommand.USAGE);
        }

        @Test
        void saysInOneSentenceThatThereIsNoDatabaseToReadATableFromAndCreatesNone() {
            CliRun run = plan("jobs/card-termination-sweep.yml");

            assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err().strip()).isEqualTo("There is no database to read the table cards_due_for_termination"
                    + " (cardsweep.job.source.table) from: spring.datasource.url is not set, and the embedded PostgreSQL in "
                    + dir.resolve("home/pgdata").toAbsolutePath() + " does not exist yet (a run would start an empty one, without it).");
            assertThat(dir.resolve("home/pgdata")).doesNotExist();
        }

        @Test
        void anInvalidJobDefinitionSettingIsOneSentence() {
            CliRun run = plan("jobs/per-diem-reclaim.yml", "--input", "sample-input/per-diem-reclaims.csv", "--cardsweep.job.chunk-size=0");

            assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err().strip()).startsWith("Job definition jobs/per-diem-reclaim.yml is invalid: ").hasLineCount(1);
        }
    }
}
