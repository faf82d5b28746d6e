package io.cardsweep.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A command's words as every command reads them: its positional arguments, options with a value ({@code --job NAME} or
 * {@code --job=NAME}; an option may be given more than once), and {@code --property=value} overrides handed to Spring Boot
 * unchanged. Anything else is a mistake, said in one sentence.
 *
 * @param options each option's values, in the order given
 */
record CommandLine(List<String> positional, Map<String, List<String>> options, List<String> propertyArgs) {

    /**
     * @param valued the options that take a value
     * @param mostPositional how many positional arguments the command takes at the most
     */
    static CommandLine parse(List<String> args, Set<String> valued, int mostPositional) {
        List<String> positional = new ArrayList<>();
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (valued.contains(option)) {
                if (!arg.contains("=") && i + 1 >= args.size()) {
                    throw new RunCommand.UsageException(option + " needs a value.");
                }
                options.computeIfAbsent(option, o -> new ArrayList<>()).add(arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : args.get(++i));
            }
            else if (arg.startsWith("--") && arg.contains("=")) {
                properties.add(arg);
            }
            else if (!arg.startsWith("-") && positional.size() < mostPositional) {
                positional.add(arg);
            }
            else {
                throw new RunCommand.UsageException("Unexpected argument '" + arg + "'.");
            }
        }
        options.replaceAll((option, values) -> List.copyOf(values));
        return new CommandLine(List.copyOf(positional), Map.copyOf(options), List.copyOf(properties));
    }

    /** The {@code index}th positional argument, null when fewer were given. */
    @Nullable String positional(int index) {
        return index < positional.size() ? positional.get(index) : null;
    }

    /** The value given for {@code option} (the last, if it was given more than once), null when it was not given. */
    @Nullable String option(String option) {
        List<String> values = options.get(option);
        return values == null ? null : values.get(values.size() - 1);
    }

    /** The file given for {@code option}, null when it was not given. */
    @Nullable Path path(String option) {
        String value = option(option);
        return value == null ? null : Path.of(value);
    }

    /** Every value given for {@code option}, in order. */
    List<String> all(String option) {
        return options.getOrDefault(option, List.of());
    }
}
