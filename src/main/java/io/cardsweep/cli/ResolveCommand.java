package io.cardsweep.cli;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.cardsweep.ledger.WithdrawalStatus;
import org.jspecify.annotations.Nullable;

/**
 * {@code cardsweep resolve JOB.yml|JOB_NAME INSTRUCTION_ID --as succeeded|failed --note TEXT [--transaction-id ID]}: an
 * operator settles a withdrawal in doubt ({@code UNKNOWN}) after checking with the provider. With {@code --as
 * terminated|not-terminated [--refunded AMOUNT]}, the instruction's card termination in doubt instead. The job is named by
 * its definition file or by its name, as reconciliation's proposals print it.
 *
 * @param definition the job definition file, or null when the job was given by name
 * @param jobName the job's name when given by name, else null (the definition says it)
 * @param accept a reconciliation report whose proposals are all accepted ({@code --accept REPORT}); then no job,
 *        instruction or outcome is named, each comes from the report
 * @param as the withdrawal's outcome; UNKNOWN when a termination is settled or proposals accepted
 * @param termination the termination's settlement, or null when a withdrawal is settled
 * @param refunded what the provider refunded when it terminated the card, as the operator found it; null when not given
 */
record ResolveCommand(@Nullable Path definition, @Nullable String jobName, @Nullable Path accept, String instructionId, WithdrawalStatus as,
        @Nullable Termination termination, String note, @Nullable String transactionId, @Nullable BigDecimal refunded, List<String> propertyArgs) {

    static final String USAGE = "usage: cardsweep resolve JOB.yml|JOB_NAME INSTRUCTION_ID --as succeeded|failed --note TEXT"
            + " [--transaction-id ID] [--<property>=<value> ...]\n"
            + "       cardsweep resolve JOB.yml|JOB_NAME INSTRUCTION_ID --as terminated|not-terminated --note TEXT [--refunded AMOUNT]\n"
            + "       cardsweep resolve --accept RECONCILE_REPORT.csv [--note TEXT]";

    /** How an operator found a card whose termination was in doubt. */
    enum Termination {
        /** the provider shows the card terminated: the termination executed */
        TERMINATED,
        /** the provider shows the card open: the termination did not execute, and is to be sent again */
        NOT_TERMINATED
    }

    static ResolveCommand parse(List<String> args) {
        CommandLine line = CommandLine.parse(args, Set.of("--as", "--note", "--transaction-id", "--accept", "--refunded"), 2);
        String job = line.positional(0);
        String instructionId = line.positional(1);
        String as = line.option("--as");
        String note = line.option("--note");
        String transactionId = line.option("--transaction-id");
        String refunded = line.option("--refunded");
        Path accept = line.path("--accept");
        List<String> properties = line.propertyArgs();
        if (accept != null) {
            if (job != null || as != null || transactionId != null || refunded != null) {
                throw new RunCommand.UsageException("--accept takes every proposal of the report as it is: name no job, instruction or --as with it.");
            }
            if (!Files.isReadable(accept)) {
                throw new RunCommand.UsageException("Reconciliation report " + accept + " does not exist or cannot be read.");
            }
            return new ResolveCommand(null, null, accept, "", WithdrawalStatus.UNKNOWN, null,
                    note == null || note.isBlank() ? "accepted the reconciliation's proposal" : note.strip(), null, null, properties);
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
        String settlement = as == null ? "" : as.toLowerCase(Locale.ROOT);
        WithdrawalStatus status = switch (settlement) {
            case "succeeded" -> WithdrawalStatus.SUCCEEDED;
            case "failed" -> WithdrawalStatus.FAILED;
            case "terminated", "not-terminated" -> WithdrawalStatus.UNKNOWN;
            default -> throw new RunCommand.UsageException("--as must be succeeded (the provider executed the withdrawal) or failed (it did not),"
                    + " or, for the card's termination, terminated or not-terminated.");
        };
        Termination termination = switch (settlement) {
            case "terminated" -> Termination.TERMINATED;
            case "not-terminated" -> Termination.NOT_TERMINATED;
            default -> null;
        };
        if (note == null || note.isBlank()) {
            throw new RunCommand.UsageException("--note is required: say how you checked (e.g. \"Plu support ticket 4411: executed\").");
        }
        if (transactionId != null && status != WithdrawalStatus.SUCCEEDED) {
            throw new RunCommand.UsageException("--transaction-id goes with --as succeeded only.");
        }
        if (refunded != null && termination != Termination.TERMINATED) {
            throw new RunCommand.UsageException("--refunded goes with --as terminated only.");
        }
        return new ResolveCommand(definition, byFile ? null : job, null, instructionId, status, termination, note.strip(), transactionId,
                refunded == null ? null : amount(refunded), properties);
    }

    /** A refund as the provider shows it: a plain non-negative amount with at most two decimals. */
    private static BigDecimal amount(String text) {
        if (!text.strip().matches("\\d{1,12}(\\.\\d{1,2})?")) {
            throw new RunCommand.UsageException("--refunded must be an amount such as 12.50 (digits, at most two decimals), not '" + text + "'.");
        }
        return new BigDecimal(text.strip());
    }
}
