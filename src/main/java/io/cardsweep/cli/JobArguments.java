package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * What {@code run} and {@code plan} both take, checked before anything starts so that a typo costs a sentence: a job
 * definition, options with a value (as {@link CommandLine} reads them), and {@code --property=value} overrides. A job
 * definition that names a table source takes no input file; any other needs one.
 *
 * @param input the input file; null for a job that reads a table
 */
record JobArguments(Path definition, @Nullable Path input, CommandLine line) {

    /**
     * @param options the options with a value the command takes besides {@code --input}
     * @param verb what the command does with the job definition, for the sentence that asks for one
     */
    static JobArguments parse(List<String> args, Set<String> options, String verb) {
        Set<String> valued = new HashSet<>(options);
        valued.add("--input");
        CommandLine line = CommandLine.parse(args, valued, 1);
        String named = line.positional(0);
        if (named == null) {
            throw new RunCommand.UsageException("Name the job definition to " + verb + ", e.g. jobs/per-diem-reclaim.yml.");
        }
        Path definition = Path.of(named);
        requireReadable(definition, "Job definition");
        JobDefinitionFile.check(definition);
        Path input = line.path("--input");
        requireMatchingSource(definition, JobDefinitionFile.namesTableSource(definition) || namesTableSource(line.propertyArgs()), input);
        if (input != null) {
            requireReadable(input, "Input file");
        }
        return new JobArguments(definition, input, line);
    }

    /** The value given for {@code option}, null when it was not given. */
    @Nullable String option(String option) {
        return line.option(option);
    }

    /** The {@code --property=value} overrides, for Spring Boot. */
    List<String> propertyArgs() {
        return line.propertyArgs();
    }

    /**
     * A table job refuses an input file (it would be ignored, to the operator's surprise); a file job needs one. Checked
     * again once the job definition is bound: a table named only in the environment is seen first then.
     */
    static void requireMatchingSource(Path definition, boolean namesTable, @Nullable Path input) {
        if (namesTable && input != null) {
            throw new RunCommand.UsageException("Job definition " + definition + " reads its instructions from the table or query in"
                    + " cardsweep.job.source, so it takes no --input.");
        }
        if (!namesTable && input == null) {
            throw new RunCommand.UsageException("Name the input file with --input FILE.");
        }
    }

    /** @param examples how the sentence shows good values: {@code 30m, 90s or PT1H} */
    static Duration duration(String option, String value, String examples) {
        try {
            Duration parsed = DurationStyle.detectAndParse(value);
            if (!parsed.isNegative()) {
                return parsed;
            }
        }
        catch (IllegalArgumentException ex) {
            // said below
        }
        throw new RunCommand.UsageException(option + " needs a duration such as " + examples + ", not '" + value + "'.");
    }

    private static boolean namesTableSource(List<String> properties) {
        return properties.stream().anyMatch(arg -> (arg.startsWith("--cardsweep.job.source.table=") || arg.startsWith("--cardsweep.job.source.sql="))
                && !arg.endsWith("="));
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new RunCommand.UsageException(what + " " + file + " does not exist.");
        }
        if (!Files.isReadable(file)) {
            throw new RunCommand.UsageException(what + " " + file + " cannot be read (permissions).");
        }
    }
}
