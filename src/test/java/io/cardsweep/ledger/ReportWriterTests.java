package io.cardsweep.ledger;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTests {

    @Test
    void defusesCellsASpreadsheetWouldEvaluate() {
        assertThat(ReportWriter.text("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(ReportWriter.text("+1")).isEqualTo("'+1");
        assertThat(ReportWriter.text("-5")).isEqualTo("'-5");
        assertThat(ReportWriter.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ReportWriter.text("\t=1+1")).isEqualTo("'\t=1+1");
        assertThat(ReportWriter.text("\r=1+1")).isEqualTo("'\r=1+1");
        assertThat(ReportWriter.text("PD-1")).isEqualTo("PD-1");
    }

    @Test
    void showsAmountsAsPlainDecimalsAndTheGivenTextForRejectedRows() {
        // given
        ReportLine accepted = line(new BigDecimal("1.5E+3").setScale(2), null, WithdrawalStatus.SUCCEEDED);
        ReportLine rejected = line(null, "1e3", WithdrawalStatus.REJECTED);

        // when
        String[] acceptedCells = ReportWriter.cells(accepted);
        String[] rejectedCells = ReportWriter.cells(rejected);

        // then
        assertThat(acceptedCells[3]).isEqualTo("1500.00");
        assertThat(rejectedCells[3]).isEqualTo("1e3");
        assertThat(acceptedCells).hasSameSizeAs(ReportWriter.HEADER);
    }

    private static ReportLine line(BigDecimal amount, String given, WithdrawalStatus status) {
        return new ReportLine(2, "PD-1", "cartevo", "6513****b438", amount, given, "USD", status, null, null, null, null, null, 1, null);
    }
}
