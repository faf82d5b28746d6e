package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.cardsweep.ledger.WithdrawalStatus;
import org.jspecify.annotations.Nullable;

/**
 * {@code cardsweep resolve JOB.yml|JOB_NAME INSTRUCTION_ID --as succeeded|failed --note TEXT [--transaction-id ID]}: an
 * operator settles a withdrawal in doubt ({@code UNKNOWN}) after checking with the provider. The job is named by its
 * definition file or by its name, as reconciliation's proposals print it.
 *
 * @param definition the job definition file, or null when the job was given by name
 * @param jobName the job's name when given by name, else null (the definition says it)
 * @param accept a reconciliation report whose proposals are all accepted ({@code --accept REPORT}); then no job,
 *        instruction or outcome is named, each comes from the report
 */
record ResolveCommand(@Nullable Path definition, @Nullable String jobName, @Nullable Path accept, String instructionId, WithdrawalStatus as, String note, @Nullable String transactionId,
        List<String> propertyArgs) {

    static final String USAGE = "usage: cardsweep resolve JOB.yml|JOB_NAME INSTRUCTION_ID --as succeeded|failed --note TEXT"
            + " [--transaction-id ID] [--<property>=<value> ...]\n       cardsweep resolve --accept RECONCILE_REPORT.csv [--note TEXT]";

    static ResolveCommand parse(List<String> args) {
        CommandLine line = CommandLine.parse(args, Set.of("--as", "--note", "--transaction-id", "--accept"), 2);
        String job = line.positional(0);
        String instructionId = line.positional(1);
        String as = line.option("--as");
        String note = line.option("--note");
        String transactionId = line.option("--transaction-id");
        Path accept = line.path("--accept");
        List<String> properties = line.propertyArgs();
        if (accept != null) {
            if (job != null || as != null || transactionId != null) {
                throw new RunCommand.UsageException("--accept takes every proposal of the report as it is: name no job, instruction or --as with it.");
            }
            if (!Files.isReadable(accept)) {
                throw new RunCommand.UsageException("Reconciliation report " + accept + " does not exist or cannot be read.");
            }
            return new ResolveCommand(null, null, accept, "", WithdrawalStatus.UNKNOWN,
                    note == null || note.isBlank() ? "accepted the reconciliation's proposal" : note.strip(), null, properties);
        }
        if (job == null || instructionId == null) {
            throw new RunCommand.UsageException("Name the job (its definition or its name) and the instruction id,"
                    + " e.g. jobs/per-diem-reclaim.yml PD-2026-11-0042.");
        }
        boolean byFile = job.endsWith(".yml") || job.endsWith(".yaml");
        Path definition = byFile ? Path.of(job) : null;
        if (definition != null && !Files.isReadable(definition)) {
            throw new RunCommand.UsageException("Job definition " + definition + " does not exist or cannot be read.");
        }
        WithdrawalStatus status = switch (as == null ? "" : as.toLowerCase(Locale.ROOT)) {
            case "succeeded" -> WithdrawalStatus.SUCCEEDED;
            case "failed" -> WithdrawalStatus.FAILED;
            default -> throw new RunCommand.UsageException("--as must be succeeded (the provider executed it) or failed (it did not).");
        };
        if (note == null || note.isBlank()) {
            throw new RunCommand.UsageException("--note is required: say how you checked (e.g. \"Plu support ticket 4411: executed\").");
        }
        if (transactionId != null && status != WithdrawalStatus.SUCCEEDED) {
            throw new RunCommand.UsageException("--transaction-id goes with --as succeeded only.");
        }
        return new ResolveCommand(definition, byFile ? null : job, null, instructionId, status, note.strip(), transactionId, properties);
    }
}
