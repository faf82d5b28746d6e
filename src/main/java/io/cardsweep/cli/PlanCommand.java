package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * {@code plan JOB.yml --input FILE [--latency 300ms] [--max-wait 30m]}, plus the property overrides a run would be given:
 * what that run would do and how long it would take, without sending or writing anything.
 *
 * @param latency how long each provider request is assumed to take
 * @param maxWait the run's {@code --max-wait}, when it would be given one
 */
record PlanCommand(Path definition, Path input, Duration latency, @Nullable Duration maxWait, List<String> propertyArgs) {

    static final String USAGE = "usage: cardsweep plan JOB.yml --input FILE [--latency 300ms] [--max-wait 30m] [--<property>=<value> ...]";

    /** A provider's answer within a few hundred milliseconds is usual for card APIs; say it otherwise. */
    static final Duration DEFAULT_LATENCY = Duration.ofMillis(300);

    static PlanCommand parse(List<String> args) {
        Path definition = null;
        Path input = null;
        Duration latency = DEFAULT_LATENCY;
        Duration maxWait = null;
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (option.equals("--input") || option.equals("--latency") || option.equals("--max-wait")) {
                if (!arg.contains("=") && i + 1 >= args.size()) {
                    throw new RunCommand.UsageException(option + " needs a value.");
                }
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : args.get(++i);
                switch (option) {
                    case "--input" -> input = Path.of(value);
                    case "--latency" -> latency = duration(option, value, "300ms");
                    default -> maxWait = duration(option, value, "30m");
                }
            }
            else if (arg.startsWith("--") && arg.contains("=")) {
                properties.add(arg);
            }
            else if (!arg.startsWith("-") && definition == null) {
                definition = Path.of(arg);
            }
            else {
                throw new RunCommand.UsageException("Unexpected argument '" + arg + "'.");
            }
        }
        if (definition == null) {
            throw new RunCommand.UsageException("Name the job definition to plan, e.g. jobs/per-diem-reclaim.yml.");
        }
        if (input == null) {
            throw new RunCommand.UsageException("Name the input file with --input FILE.");
        }
        if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
            throw new RunCommand.UsageException("Input file " + input + " does not exist or cannot be read.");
        }
        if (!Files.isRegularFile(definition) || !Files.isReadable(definition)) {
            throw new RunCommand.UsageException("Job definition " + definition + " does not exist or cannot be read.");
        }
        JobDefinitionFile.check(definition);
        return new PlanCommand(definition, input, latency, maxWait, List.copyOf(properties));
    }

    private static Duration duration(String option, String value, String example) {
        try {
            Duration parsed = DurationStyle.detectAndParse(value);
            if (!parsed.isNegative()) {
                return parsed;
            }
        }
        catch (IllegalArgumentException ex) {
            // said below
        }
        throw new RunCommand.UsageException(option + " needs a duration such as " + example + ", 2s or PT1M, not '" + value + "'.");
    }
}
