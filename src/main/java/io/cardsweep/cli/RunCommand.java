package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.cardsweep.instruction.TableSource;
import io.cardsweep.job.JobDefinition;
import io.cardsweep.job.RunParameters;
import io.cardsweep.job.Shard;
import org.jspecify.annotations.Nullable;

/**
 * {@code run JOB.yml [--input FILE] [--run-date YYYY-MM-DD] [--report FILE]}, plus any {@code --spring.*} or
 * {@code --cardsweep.*} property overrides, which are handed to Spring Boot unchanged. A job definition that names a
 * table source takes no input file; any other needs one.
 *
 * @param input the input file; null for a job that reads a table
 * @param report where the report goes when given, or a file job's default; null for a table job's default, which is
 *        named after the run date ({@link #reportFor})
 * @param runDate the run's date when given; null for today in the job definition's time zone
 */
record RunCommand(Path definition, @Nullable Path input, @Nullable Path report, @Nullable LocalDate runDate, @Nullable Duration maxWait,
        Shard shard, List<String> propertyArgs) {

    static final String USAGE = "usage: cardsweep run JOB.yml [--input FILE] [--run-date YYYY-MM-DD] [--report FILE] [--max-wait 30m]"
            + " [--shard i/N] [--<property>=<value> ...]";

    static final String MAX_WAIT_EXAMPLES = "30m, 90s or PT1H";

    static RunCommand parse(List<String> args) {
        JobArguments arguments = JobArguments.parse(args, Set.of("--report", "--max-wait", "--run-date", "--shard"), "run");
        String maxWait = arguments.option("--max-wait");
        String runDate = arguments.option("--run-date");
        String shardValue = arguments.option("--shard");
        String reportValue = arguments.option("--report");
        Shard shard = Shard.WHOLE;
        if (shardValue != null) {
            try {
                shard = Shard.parse(shardValue);
            }
            catch (IllegalArgumentException ex) {
                throw new UsageException("--shard: " + ex.getMessage() + ".");
            }
        }
        Path definition = arguments.definition();
        Path input = arguments.input();
        Path report = reportValue != null ? Path.of(reportValue) : input != null ? defaultReport(definition, input, shard) : null;
        requireWritableDirectory(report != null ? report : defaultReport(definition, LocalDate.EPOCH, shard));
        return new RunCommand(definition, input, report, runDate == null ? null : date(runDate),
                maxWait == null ? null : JobArguments.duration("--max-wait", maxWait, MAX_WAIT_EXAMPLES), shard, arguments.propertyArgs());
    }

    /**
     * What the run reads, its date and its report, now that the job definition is bound. The source is checked again
     * here: a table named only in the environment is seen first now.
     *
     * @param inputSha256 the input file's SHA-256, computed before the application started; null without one
     */
    RunParameters parameters(String definitionName, JobDefinition job, @Nullable String inputSha256) {
        TableSource table = job.source();
        JobArguments.requireMatchingSource(definition, table != null, input);
        LocalDate date = runDate != null ? runDate : LocalDate.now(job.runDateZone());
        RunParameters.Source source = table != null ? RunParameters.Table.of(table)
                : new RunParameters.InputFile(Objects.requireNonNull(input), Objects.requireNonNull(inputSha256, "inputSha256"));
        return new RunParameters(definitionName, source, date, reportFor(date), maxWait, shard);
    }

    /** The report: as given, else a file run's default, else a table run's, {@code reports/<definition>--<run date>.csv}. */
    Path reportFor(LocalDate date) {
        return report != null ? report : defaultReport(definition, date, shard);
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        }
        catch (DateTimeParseException ex) {
            throw new UsageException("--run-date needs a date as YYYY-MM-DD, such as 2026-11-03, not '" + value + "'.");
        }
    }

    /** Checked before the run, so a report that cannot be written never fails a run whose money already moved. */
    static void requireWritableDirectory(Path report) {
        Path directory = report.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
        }
        catch (java.io.IOException ex) {
            throw new UsageException("The report cannot be written to " + directory + " (" + ex.getClass().getSimpleName() + ").");
        }
        if (!Files.isWritable(directory)) {
            throw new UsageException("The report cannot be written to " + directory + " (permissions).");
        }
    }

    /** {@code reports/<definition>--<input>.csv} (with the shard when split): the same run always reports to the same file. */
    static Path defaultReport(Path definition, Path input, Shard shard) {
        return defaultReport(definition, stem(input), shard);
    }

    /** {@code reports/<definition>--<run date>.csv}: a table is read anew each night, each night's run reports to its own file. */
    static Path defaultReport(Path definition, LocalDate runDate, Shard shard) {
        return defaultReport(definition, runDate.toString(), shard);
    }

    private static Path defaultReport(Path definition, String run, Shard shard) {
        String suffix = shard.isWhole() ? "" : "--shard-" + shard.index() + "-of-" + shard.count();
        return Path.of("reports", stem(definition) + "--" + run + suffix + ".csv");
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A mistake on the command line: one sentence, the usage line, exit code 2. */
    static final class UsageException extends RuntimeException {

        UsageException(@Nullable String message) {
            super(message, null, false, false);
        }
    }
}
