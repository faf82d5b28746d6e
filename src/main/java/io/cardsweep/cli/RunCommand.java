package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cardsweep.job.Shard;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * {@code run JOB.yml --input FILE [--report FILE]}, plus any {@code --spring.*} or {@code --cardsweep.*}
 * property overrides, which are handed to Spring Boot unchanged.
 */
record RunCommand(Path definition, Path input, Path report, @Nullable Duration maxWait, Shard shard, List<String> propertyArgs) {

    static final String USAGE = "usage: cardsweep run JOB.yml --input FILE [--report FILE] [--max-wait 30m] [--shard i/N]"
            + " [--<property>=<value> ...]";

    static RunCommand parse(List<String> args) {
        Path definition = null;
        Path input = null;
        Path report = null;
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
        if (input == null) {
            throw new UsageException("Name the input file with --input FILE.");
        }
        requireReadable(definition, "Job definition");
        requireReadable(input, "Input file");
        JobDefinitionFile.check(definition);
        Path reportFile = report != null ? report : defaultReport(definition, input, shard);
        requireWritableDirectory(reportFile);
        return new RunCommand(definition, input, reportFile, maxWait, shard, List.copyOf(properties));
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
        String suffix = shard.isWhole() ? "" : "--shard-" + shard.index() + "-of-" + shard.count();
        return Path.of("reports", stem(definition) + "--" + stem(input) + suffix + ".csv");
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
