package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.cardsweep.instruction.TableSource;
import io.cardsweep.job.JobDefinition;
import io.cardsweep.job.RunParameters;
import io.cardsweep.job.Shard;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

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

    static RunCommand parse(List<String> args) {
        Path definition = null;
        Path input = null;
        Path report = null;
        LocalDate runDate = null;
        Duration maxWait = null;
        Shard shard = Shard.WHOLE;
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--input") || arg.equals("--report")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(arg + " needs a file name.");
                }
                Path value = Path.of(args.get(++i));
                if (arg.equals("--input")) {
                    input = value;
                }
                else {
                    report = value;
                }
            }
            else if (arg.equals("--max-wait") || arg.startsWith("--max-wait=")) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : (i + 1 < args.size() ? args.get(++i) : "");
                maxWait = duration(value);
            }
            else if (arg.equals("--run-date") || arg.startsWith("--run-date=")) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : (i + 1 < args.size() ? args.get(++i) : "");
                runDate = date(value);
            }
            else if (arg.equals("--shard") || arg.startsWith("--shard=")) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : (i + 1 < args.size() ? args.get(++i) : "");
                try {
                    shard = Shard.parse(value);
                }
                catch (IllegalArgumentException ex) {
                    throw new UsageException("--shard: " + ex.getMessage() + ".");
                }
            }
            else if (arg.startsWith("--input=")) {
                input = Path.of(arg.substring("--input=".length()));
            }
            else if (arg.startsWith("--report=")) {
                report = Path.of(arg.substring("--report=".length()));
            }
            else if (arg.startsWith("--") && arg.contains("=")) {
                properties.add(arg);
            }
            else if (!arg.startsWith("-") && definition == null) {
                definition = Path.of(arg);
            }
            else {
                throw new UsageException("Unexpected argument '" + arg + "'.");
            }
        }
        if (definition == null) {
            throw new UsageException("Name the job definition to run, e.g. jobs/per-diem-reclaim.yml.");
        }
        requireReadable(definition, "Job definition");
        JobDefinitionFile.check(definition);
        requireMatchingSource(definition, JobDefinitionFile.namesTableSource(definition) || namesTableSource(properties), input);
        if (input != null) {
            requireReadable(input, "Input file");
        }
        Path reportFile = report != null ? report : input != null ? defaultReport(definition, input, shard) : null;
        requireWritableDirectory(reportFile != null ? reportFile : defaultReport(definition, LocalDate.EPOCH, shard));
        return new RunCommand(definition, input, reportFile, runDate, maxWait, shard, List.copyOf(properties));
    }

    /**
     * What the run reads, its date and its report, now that the job definition is bound. The source is checked again
     * here: a table named only in the environment is seen first now.
     *
     * @param inputSha256 the input file's SHA-256, computed before the application started; null without one
     */
    RunParameters parameters(String definitionName, JobDefinition job, @Nullable String inputSha256) {
        TableSource table = job.source();
        requireMatchingSource(definition, table != null, input);
        LocalDate date = runDate != null ? runDate : LocalDate.now(job.runDateZone());
        RunParameters.Source source = table != null ? RunParameters.Table.of(table)
                : new RunParameters.InputFile(Objects.requireNonNull(input), Objects.requireNonNull(inputSha256, "inputSha256"));
        return new RunParameters(definitionName, source, date, reportFor(date), maxWait, shard);
    }

    /** The report: as given, else a file run's default, else a table run's, {@code reports/<definition>--<run date>.csv}. */
    Path reportFor(LocalDate date) {
        return report != null ? report : defaultReport(definition, date, shard);
    }

    /** A table job refuses an input file (it would be ignored, to the operator's surprise); a file job needs one. */
    private static void requireMatchingSource(Path definition, boolean namesTable, @Nullable Path input) {
        if (namesTable && input != null) {
            throw new UsageException("Job definition " + definition + " reads its instructions from the table or query in"
                    + " cardsweep.job.source, so it takes no --input.");
        }
        if (!namesTable && input == null) {
            throw new UsageException("Name the input file with --input FILE.");
        }
    }

    private static boolean namesTableSource(List<String> properties) {
        return properties.stream().anyMatch(arg -> (arg.startsWith("--cardsweep.job.source.table=") || arg.startsWith("--cardsweep.job.source.sql="))
                && !arg.endsWith("="));
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

    private static Duration duration(String value) {
        try {
            Duration parsed = DurationStyle.detectAndParse(value);
            if (parsed.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return parsed;
        }
        catch (IllegalArgumentException ex) {
            throw new UsageException("--max-wait needs a duration such as 30m, 90s or PT1H, not '" + value + "'.");
        }
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(what + " " + file + " does not exist.");
        }
        if (!Files.isReadable(file)) {
            throw new UsageException(what + " " + file + " cannot be read (permissions).");
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
