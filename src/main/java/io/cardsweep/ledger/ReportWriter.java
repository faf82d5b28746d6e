package io.cardsweep.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import org.jspecify.annotations.Nullable;

/**
 * Writes a run's report CSV so a spreadsheet opens it as it is: UTF-8 with a byte-order mark, CRLF,
 * RFC 4180 quoting, amounts as plain decimals, and cells that a spreadsheet would read as a formula
 * prefixed with an apostrophe. Card ids are masked; no secret is ever in the ledger to begin with.
 * Written to a temporary file and moved into place, so a reader never sees half a report.
 */
public class ReportWriter {

    static final String[] HEADER = {"instruction_id", "provider", "card_id", "amount", "status", "reason_code", "reason",
            "provider_transaction_id", "fee", "attempts", "line", "currency", "net_amount", "not_before", "balance_before", "termination",
            "termination_reason", "termination_refunded"};

    private final RunLedger ledger;

    public ReportWriter(RunLedger ledger) {
        this.ledger = ledger;
    }

    public void write(long runId, Path report) {
        try {
            Path parent = report.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(parent, ".report-", ".csv.partial");
            try {
                writeTo(partial, runId);
                Files.move(partial, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            finally {
                Files.deleteIfExists(partial);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not write the report " + report + ": " + ex.getMessage(), ex);
        }
    }

    private void writeTo(Path partial, long runId) throws IOException {
        try (OutputStream out = Files.newOutputStream(partial);
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                CSVWriter csv = new CSVWriter(writer, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                        ICSVWriter.DEFAULT_QUOTE_CHARACTER, "\r\n")) {
            writer.write('\uFEFF');
            csv.writeNext(HEADER, false);
            ledger.forEachLine(runId, line -> csv.writeNext(cells(line), false));
        }
    }

    static String[] cells(ReportLine line) {
        return new String[] {text(line.instructionId()), text(line.provider()), text(line.maskedCardId()),
                line.amount() != null ? line.amount().toPlainString() : text(line.amountGiven()), line.status().name(),
                text(line.reasonCode()), text(line.reason()), text(line.providerTransactionId()), money(line.fee()),
                Integer.toString(line.attempts()), Long.toString(line.line()), text(line.currency()), money(line.netAmount()),
                line.notBefore() == null ? "" : line.notBefore().toString(), money(line.balanceBefore()), text(line.termination()),
                text(line.terminationReason()), money(line.terminationRefunded())};
    }

    private static String money(@Nullable BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /** Text from the input or a provider, defused so that no spreadsheet evaluates it. */
    public static String text(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + value : value;
    }
}
