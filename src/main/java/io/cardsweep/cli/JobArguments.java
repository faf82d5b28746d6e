package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * What {@code run} and {@code plan} both take, checked before anything starts so that a typo costs a sentence: a job
 * definition, options with a value ({@code --input FILE} or {@code --input=FILE}), and {@code --property=value} overrides
 * handed to Spring Boot unchanged. A job definition that names a table source takes no input file; any other needs one.
 *
 * @param input the input file; null for a job that reads a table
 * @param options the value of each option given, by its name ({@code --max-wait})
 */
record JobArguments(Path definition, @Nullable Path input, Map<String, String> options, List<String> propertyArgs) {

    /**
     * @param options the options with a value the command takes besides {@code --input}
     * @param verb what the command does with the job definition, for the sentence that asks for one
     */
    static JobArguments parse(List<String> args, Set<String> options, String verb) {
        Path definition = null;
        Map<String, String> values = new HashMap<>();
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (option.equals("--input") || options.contains(option)) {
                if (!arg.contains("=") && i + 1 >= args.size()) {
                    throw new RunCommand.UsageException(option + " needs a value.");
                }
                values.put(option, arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : args.get(++i));
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
            throw new RunCommand.UsageException("Name the job definition to " + verb + ", e.g. jobs/per-diem-reclaim.yml.");
        }
        requireReadable(definition, "Job definition");
        JobDefinitionFile.check(definition);
        Path input = values.containsKey("--input") ? Path.of(values.get("--input")) : null;
        requireMatchingSource(definition, JobDefinitionFile.namesTableSource(definition) || namesTableSource(properties), input);
        if (input != null) {
            requireReadable(input, "Input file");
        }
        return new JobArguments(definition, input, Map.copyOf(values), List.copyOf(properties));
    }

    /** The value given for {@code option}, null when it was not given. */
    @Nullable String option(String option) {
        return options.get(option);
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
