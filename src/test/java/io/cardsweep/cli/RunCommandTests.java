package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunCommandTests {

    @TempDir
    Path dir;

    @Test
    void parsesDefinitionInputReportAndPropertyOverrides() throws Exception {
        // given
        Path job = Files.writeString(dir.resolve("job.yml"), "cardsweep.job.name: x\n");
        Path input = Files.writeString(dir.resolve("in.csv"), "a\n");

        // when
        RunCommand command = RunCommand.parse(List.of(job.toString(), "--input", input.toString(), "--report", "out.csv",
                "--spring.datasource.url=jdbc:postgresql://db/x"));

        // then
        assertThat(command.definition()).isEqualTo(job);
        assertThat(command.input()).isEqualTo(input);
        assertThat(command.report()).isEqualTo(Path.of("out.csv"));
        assertThat(command.propertyArgs()).containsExactly("--spring.datasource.url=jdbc:postgresql://db/x");
    }

    @Test
    void reportsToAFileNamedAfterDefinitionAndInputByDefault() throws Exception {
        Path job = Files.writeString(dir.resolve("per-diem-reclaim.yml"), "cardsweep:\n  job:\n    name: x\n");
        Path input = Files.writeString(dir.resolve("november.csv"), "");

        assertThat(RunCommand.parse(List.of(job.toString(), "--input=" + input)).report())
                .isEqualTo(Path.of("reports", "per-diem-reclaim--november.csv"));
    }

    @Test
    void refusesAMissingInputFileWithOneSentence() throws Exception {
        Path job = Files.writeString(dir.resolve("job.yml"), "cardsweep.job.name: x\n");

        assertThatThrownBy(() -> RunCommand.parse(List.of(job.toString(), "--input", "nope.csv")))
                .isInstanceOf(RunCommand.UsageException.class)
                .hasMessage("Input file nope.csv does not exist.");
    }

    @Test
    void refusesACommandWithoutInput() throws Exception {
        Path job = Files.writeString(dir.resolve("job.yml"), "cardsweep.job.name: x\n");

        assertThatThrownBy(() -> RunCommand.parse(List.of(job.toString())))
                .hasMessage("Name the input file with --input FILE.");
    }

    @Test
    void refusesAJobDefinitionThatIsNotYamlNamingTheLine() throws Exception {
        // given
        Path job = Files.writeString(dir.resolve("job.yml"), "cardsweep:\n  job:\n    name: x\n   chunk-size: [50\n");
        Path input = Files.writeString(dir.resolve("in.csv"), "a\n");

        // then
        assertThatThrownBy(() -> RunCommand.parse(List.of(job.toString(), "--input", input.toString())))
                .isInstanceOf(RunCommand.UsageException.class)
                .hasMessageStartingWith("Job definition " + job + " is not valid YAML: ")
                .hasMessageContaining("(line 4, column");
    }

    @Test
    void refusesAJobDefinitionWithoutAName() throws Exception {
        Path job = Files.writeString(dir.resolve("job.yml"), "cardsweep:\n  job:\n    chunk-size: 50\n");
        Path input = Files.writeString(dir.resolve("in.csv"), "a\n");

        assertThatThrownBy(() -> RunCommand.parse(List.of(job.toString(), "--input", input.toString())))
                .hasMessage("Job definition " + job + " does not set cardsweep.job.name.");
    }

    @Test
    void takesATimeBudgetForDeferredWithdrawals() throws Exception {
        Path job = Files.writeString(dir.resolve("job.yml"), "cardsweep.job.name: x\n");
        Path input = Files.writeString(dir.resolve("in.csv"), "a\n");

        assertThat(RunCommand.parse(List.of(job.toString(), "--input", input.toString(), "--max-wait", "90s")).maxWait())
                .isEqualTo(java.time.Duration.ofSeconds(90));
        assertThatThrownBy(() -> RunCommand.parse(List.of(job.toString(), "--input", input.toString(), "--max-wait=soon")))
                .hasMessage("--max-wait needs a duration such as 30m, 90s or PT1H, not 'soon'.");
    }

    @Test
    void takesARunDateAndRefusesOneThatIsNotADay() throws Exception {
        Path job = Files.writeString(dir.resolve("job.yml"), "cardsweep.job.name: x\n");
        Path input = Files.writeString(dir.resolve("in.csv"), "a\n");

        assertThat(RunCommand.parse(List.of(job.toString(), "--input", input.toString(), "--run-date", "2026-11-03")).runDate())
                .isEqualTo(java.time.LocalDate.of(2026, 11, 3));
        assertThat(RunCommand.parse(List.of(job.toString(), "--input", input.toString())).runDate()).isNull();
        assertThatThrownBy(() -> RunCommand.parse(List.of(job.toString(), "--input", input.toString(), "--run-date=2026-02-30")))
                .isInstanceOf(RunCommand.UsageException.class)
                .hasMessage("--run-date needs a date as YYYY-MM-DD, such as 2026-11-03, not '2026-02-30'.");
    }

    @Test
    void aJobThatReadsATableTakesNoInputAndReportsUnderItsRunDate() throws Exception {
        // given
        Path job = Files.writeString(dir.resolve("sweep.yml"), """
                cardsweep:
                  job:
                    name: sweep
                    source: { table: cards_due_for_termination, sort-key: termination_id }
                """);

        // when
        RunCommand command = RunCommand.parse(List.of(job.toString(), "--shard", "1/2"));

        // then
        assertThat(command.input()).isNull();
        assertThat(command.reportFor(java.time.LocalDate.of(2026, 11, 3))).isEqualTo(Path.of("reports", "sweep--2026-11-03--shard-1-of-2.csv"));
        assertThatThrownBy(() -> RunCommand.parse(List.of(job.toString(), "--input", "in.csv")))
                .hasMessage("Job definition " + job + " reads its instructions from the table or query in cardsweep.job.source, so it takes no --input.");
    }

    @Test
    void takesATableNamedOnTheCommandLineForAJobDefinitionThatNamesNone() throws Exception {
        Path job = Files.writeString(dir.resolve("job.yml"), "cardsweep.job.name: x\n");

        assertThat(RunCommand.parse(List.of(job.toString(), "--cardsweep.job.source.table=queue")).input()).isNull();
    }
}
