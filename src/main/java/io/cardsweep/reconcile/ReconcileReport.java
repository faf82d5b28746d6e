package io.cardsweep.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import io.cardsweep.ledger.ReportWriter;
import io.cardsweep.provider.CardMask;

/**
 * The reconciliation as a spreadsheet opens it (UTF-8 with a byte-order mark, CRLF, no formulas): one line per
 * withdrawal looked at, what was done and on what evidence, and for a proposal the command that accepts it.
 */
public final class ReconcileReport {

    static final String[] HEADER = {"job", "instruction_id", "provider", "card_id", "amount", "currency", "action", "status", "evidence",
            "resolve_command"};

    private ReconcileReport() {
    }

    public static void write(Path file, List<Finding> findings) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVWriter csv = new CSVWriter(writer, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                        ICSVWriter.DEFAULT_QUOTE_CHARACTER, "\r\n")) {
            writer.write('\uFEFF');
            csv.writeNext(HEADER, false);
            for (Finding finding : findings) {
                ReconcileLedger.Doubt doubt = finding.doubt();
                csv.writeNext(new String[] {ReportWriter.text(doubt.jobName()), ReportWriter.text(doubt.instructionId()), doubt.provider(),
                        ReportWriter.text(CardMask.mask(doubt.cardId())), doubt.amount().toPlainString(), ReportWriter.text(doubt.currency()),
                        finding.action().name(), finding.to() == null ? "UNKNOWN" : finding.to().name(), ReportWriter.text(finding.evidence()),
                        ReportWriter.text(finding.resolveCommand())}, false);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The reconciliation report cannot be written to " + file + ": " + ex.getMessage(), ex);
        }
    }
}
