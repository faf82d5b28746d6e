package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

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
        CommandLine line = CommandLine.parse(args, Set.of("--plu-events", "--job", "--report"), 1);
        String named = line.positional(0);
        if (named == null) {
            throw new RunCommand.UsageException("Name the job definition, e.g. jobs/reconcile.yml.");
        }
        Path definition = Path.of(named);
        Path pluEvents = line.path("--plu-events");
        Path report = line.path("--report");
        if (!Files.isReadable(definition)) {
            throw new RunCommand.UsageException("Job definition " + definition + " does not exist or cannot be read.");
        }
        if (pluEvents != null && !Files.isReadable(pluEvents)) {
            throw new RunCommand.UsageException("Plu events file " + pluEvents + " does not exist or cannot be read.");
        }
        Path reportFile = report != null ? report : Path.of("reports", "reconcile-" + STAMP.format(LocalDateTime.now()) + ".csv");
        RunCommand.requireWritableDirectory(reportFile);
        return new ReconcileCommand(definition, pluEvents, line.all("--job"), reportFile, line.propertyArgs());
    }
}
