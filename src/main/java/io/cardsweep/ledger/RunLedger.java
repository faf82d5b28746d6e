package io.cardsweep.ledger;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;

import io.cardsweep.provider.CardMask;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Read side of one run's ledger rows: the report lines and the summary. */
public class RunLedger {

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    public RunLedger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(1_000);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Streams the run's rows in source order, so a report of any size fits in memory: PostgreSQL's driver
     * only streams with a fetch size inside a transaction.
     */
    public void forEachLine(long runId, Consumer<ReportLine> consumer) {
        readOnly.executeWithoutResult(tx -> streaming.query("""
                SELECT source_line, instruction_id, provider, card_id, amount, amount_given, currency, status, reason_code,
                       reason, provider_transaction_id, fee, net_amount, attempts, not_before, balance_before, termination,
                       termination_reason, termination_refunded
                FROM withdrawal WHERE run_id = ? ORDER BY source_line
                """, rs -> {
            consumer.accept(line(rs));
        }, runId));
    }

    public RunSummary summary(long runId) {
        List<RunSummary.Row> rows = jdbc.query("""
                SELECT CASE WHEN lower(provider) IN ('plu', 'cartevo', 'uncash', 'htp', 'nueve09') THEN lower(provider)
                            ELSE '(invalid)' END AS provider,
                       status, CASE WHEN status IN ('REJECTED', 'DUPLICATE') THEN NULL ELSE currency END AS currency,
                       count(*) AS n, coalesce(sum(amount), 0) AS total
                FROM withdrawal WHERE run_id = ?
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                """, (rs, n) -> new RunSummary.Row(rs.getString("provider"), WithdrawalStatus.valueOf(rs.getString("status")),
                rs.getString("currency"), rs.getLong("n"), rs.getBigDecimal("total")), runId);
        List<RunSummary.TerminationRow> terminations = jdbc.query("""
                SELECT provider, termination, currency, status = 'BY_TERMINATION' AS swept, count(*) AS n,
                       coalesce(sum(termination_refunded), 0) AS refunded,
                       count(*) FILTER (WHERE termination = 'TERMINATED' AND termination_refunded IS NULL) AS unknown
                FROM withdrawal WHERE run_id = ? AND termination IS NOT NULL
                GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                """, (rs, n) -> new RunSummary.TerminationRow(rs.getString("provider"), rs.getString("termination"), rs.getString("currency"),
                rs.getLong("n"), rs.getBigDecimal("refunded"), rs.getLong("unknown"), rs.getBoolean("swept")), runId);
        return new RunSummary(rows, terminations);
    }

    private static ReportLine line(ResultSet rs) throws SQLException {
        OffsetDateTime notBefore = rs.getObject("not_before", OffsetDateTime.class);
        BigDecimal amount = rs.getBigDecimal("amount");
        return new ReportLine(rs.getLong("source_line"), rs.getString("instruction_id"), rs.getString("provider"),
                CardMask.mask(rs.getString("card_id")), amount, rs.getString("amount_given"), rs.getString("currency"),
                WithdrawalStatus.valueOf(rs.getString("status")), rs.getString("reason_code"), rs.getString("reason"),
                rs.getString("provider_transaction_id"), rs.getBigDecimal("fee"), rs.getBigDecimal("net_amount"),
                rs.getInt("attempts"), notBefore == null ? null : notBefore.toInstant(), rs.getBigDecimal("balance_before"),
                rs.getString("termination"), rs.getString("termination_reason"), rs.getBigDecimal("termination_refunded"));
    }
}
