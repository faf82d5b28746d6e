package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * {@code cardsweep reconcile JOB.yml [--plu-events FILE] [--job NAME ...] [--report FILE]}: settles the withdrawals in
 * doubt of the jobs named (by {@code --job}, else the definition's {@code cardsweep.reconcile.jobs}, else every job)
 * from the providers' own records.
 */
record ReconcileCommand(Path definition, @Nullable Path pluEvents, List<String> jobs, Path report, List<String> propertyArgs) {

    static final String USAGE = "usage: cardsweep reconcile JOB.yml [--plu-events FILE] [--job NAME ...] [--report FILE]"
            + " [--<property>=<value> ...]";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    static ReconcileCommand parse(List<String> args) {
        Path definition = null;
        Path pluEvents = null;
        Path report = null;
        List<String> jobs = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--plu-events") || arg.equals("--job") || arg.equals("--report")) {
                if (i + 1 >= args.size()) {
                    throw new RunCommand.UsageException(arg + " needs a value.");
                }
                String value = args.get(++i);
                switch (arg) {
                    case "--plu-events" -> pluEvents = Path.of(value);
                    case "--job" -> jobs.add(value);
                    default -> report = Path.of(value);
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
            throw new RunCommand.UsageException("Name the job definition, e.g. jobs/reconcile.yml.");
        }
        if (!Files.isReadable(definition)) {
            throw new RunCommand.UsageException("Job definition " + definition + " does not exist or cannot be read.");
        }
        if (pluEvents != null && !Files.isReadable(pluEvents)) {
            throw new RunCommand.UsageException("Plu events file " + pluEvents + " does not exist or cannot be read.");
        }
        Path reportFile = report != null ? report : Path.of("reports", "reconcile-" + STAMP.format(LocalDateTime.now()) + ".csv");
        RunCommand.requireWritableDirectory(reportFile);
        return new ReconcileCommand(definition, pluEvents, List.copyOf(jobs), reportFile, List.copyOf(properties));
    }
}
