package io.cardsweep.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One run of the command line in this JVM: its exit code and what it printed on each stream. */
public record CliRun(int exit, String out, String err) {

    /** Runs {@code cli} (e.g. {@code Cli::run}, with its streams) on {@code args}. */
    public static CliRun of(CliEntry cli, List<String> args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit = cli.run(args.toArray(String[]::new), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return new CliRun(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    /** The command line's entry point with its output streams. */
    @FunctionalInterface
    public interface CliEntry {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
}
