package io.cardsweep.reconcile;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import io.cardsweep.ledger.WithdrawalStatus;

/**
 * The proposals of a reconciliation report, as an operator accepts them in one go after reading it (and deleting the
 * lines they do not accept): {@code cardsweep resolve --accept REPORT}.
 */
public final class Proposals {

    private Proposals() {
    }

    /** One proposal: settle the job's instruction as {@code as}, on the evidence given. */
    public record Proposal(String job, String instructionId, WithdrawalStatus as, String evidence) {
    }

    /** The report's PROPOSED lines; an {@link IllegalArgumentException} says why a file is not a reconciliation report. */
    public static List<Proposal> read(Path report) {
        try (Reader reader = Files.newBufferedReader(report, StandardCharsets.UTF_8); CSVReader csv = new CSVReader(reader)) {
            List<String[]> lines = csv.readAll();
            List<String> header = lines.isEmpty() ? List.of() : Arrays.asList(lines.get(0));
            if (!header.isEmpty()) {
                header = new ArrayList<>(header);
                header.set(0, header.get(0).replace("\uFEFF", ""));
            }
            if (!header.equals(Arrays.asList(ReconcileReport.HEADER))) {
                throw new IllegalArgumentException(report + " is not a reconciliation report (its header is not "
                        + String.join(",", ReconcileReport.HEADER) + ").");
            }
            List<Proposal> proposals = new ArrayList<>();
            for (String[] line : lines.subList(1, lines.size())) {
                if (line.length == ReconcileReport.HEADER.length && line[column("action")].equals(Finding.Action.PROPOSED.name())) {
                    proposals.add(new Proposal(unquote(line[column("job")]), unquote(line[column("instruction_id")]),
                            WithdrawalStatus.valueOf(line[column("status")]), unquote(line[column("evidence")])));
                }
            }
            return proposals;
        }
        catch (IOException | CsvException ex) {
            throw new IllegalArgumentException(report + " cannot be read as a reconciliation report: " + ex.getMessage(), ex);
        }
    }

    /** Where the report writes a column: read by the same header it is written with. */
    private static int column(String name) {
        return Arrays.asList(ReconcileReport.HEADER).indexOf(name);
    }

    /** The report defuses text a spreadsheet would take for a formula with a leading apostrophe; the ledger has it without. */
    private static String unquote(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0 ? cell.substring(1) : cell;
    }
}
