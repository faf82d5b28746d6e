package io.cardsweep.ledger;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunSummaryTests {

    final RunSummary summary = new RunSummary(List.of(
            new RunSummary.Row("cartevo", WithdrawalStatus.SUCCEEDED, "USD", 2, new BigDecimal("30.50")),
            new RunSummary.Row("uncash", WithdrawalStatus.SUCCEEDED, "USD", 1, new BigDecimal("10.00")),
            new RunSummary.Row("nueve09", WithdrawalStatus.SUCCEEDED, "MXN", 1, new BigDecimal("500.00")),
            new RunSummary.Row("uncash", WithdrawalStatus.UNKNOWN, "USD", 1, new BigDecimal("7.25")),
            new RunSummary.Row("(invalid)", WithdrawalStatus.REJECTED, null, 2, BigDecimal.ZERO)));

    @Test
    void neverAddsUpAmountsOfDifferentCurrencies() {
        // when
        String text = summary.render();

        // then
        assertThat(text).contains("  all       SUCCEEDED        3           40.50 USD")
                .contains("  all       SUCCEEDED        1          500.00 MXN")
                .contains("            accepted                     47.75 USD")
                .contains("            accepted                    500.00 MXN")
                .doesNotContain("540.50").doesNotContain("547.75");
        assertThat(summary.amount(WithdrawalStatus.SUCCEEDED, "USD")).isEqualByComparingTo("40.50");
    }

    @Test
    void showsNoAmountForRowsThatWereNeverAccepted() {
        assertThat(summary.render()).contains("  (invalid) REJECTED         2                   -");
    }

    @Test
    void countsWhatNeedsAttention() {
        assertThat(summary.needingAttention()).isEqualTo(1);
        assertThat(summary.total()).isEqualTo(7);
    }

    @Test
    void widensTheStatusColumnForTheLongestStateShown() {
        String text = new RunSummary(List.of(new RunSummary.Row("cartevo", WithdrawalStatus.SUCCEEDED, "USD", 2, new BigDecimal("290.00")),
                new RunSummary.Row("cartevo", WithdrawalStatus.NOTHING_TO_RECLAIM, "USD", 1, BigDecimal.ZERO))).render();

        assertThat(text).contains("  cartevo   SUCCEEDED                2          290.00 USD")
                .contains("  cartevo   NOTHING_TO_RECLAIM       1               0 USD");
    }

    @Test
    void showsTerminationsWithRefundsNobodyToldAsUnknownAndAPluCardItsTerminationDidNotSweepAsNeedingAttention() {
        List<RunSummary.Row> withdrawals = List.of(new RunSummary.Row("plu", WithdrawalStatus.BY_TERMINATION, "USD", 2, BigDecimal.ZERO));
        RunSummary swept = new RunSummary(withdrawals, List.of(
                new RunSummary.TerminationRow("cartevo", "TERMINATED", "USD", 2, new BigDecimal("0.80"), 0, false),
                new RunSummary.TerminationRow("plu", "TERMINATED", "USD", 2, BigDecimal.ZERO, 2, true),
                new RunSummary.TerminationRow("htp", "SKIPPED", "USD", 1, BigDecimal.ZERO, 0, false)));
        RunSummary stranded = new RunSummary(withdrawals, List.of(new RunSummary.TerminationRow("plu", "DECLINED", "USD", 2, BigDecimal.ZERO, 0, true)));

        assertThat(swept.render()).contains("  cartevo   TERMINATED           2            0.80 USD")
                .contains("  plu       TERMINATED           2             unknown")
                .contains("  htp       SKIPPED              1                   -");
        assertThat(swept.needingAttention()).isZero();
        assertThat(stranded.needingAttention()).as("a Plu balance still on its card").isEqualTo(2);
    }
}
