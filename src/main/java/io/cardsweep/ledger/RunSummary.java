package io.cardsweep.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts and sums of a run per provider and state, and the text a person reads at the end of a run. */
public record RunSummary(List<Row> rows) {

    public record Row(String provider, WithdrawalStatus status, long count, BigDecimal amount) {
    }

    public RunSummary {
        rows = List.copyOf(rows);
    }

    public long total() {
        return rows.stream().mapToLong(Row::count).sum();
    }

    public long count(WithdrawalStatus status) {
        return rows.stream().filter(r -> r.status() == status).mapToLong(Row::count).sum();
    }

    public BigDecimal amount(WithdrawalStatus status) {
        return rows.stream().filter(r -> r.status() == status).map(Row::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Items a person or a later run must look at: UNKNOWN, DEFERRED, and anything not yet finished. */
    public long needingAttention() {
        return rows.stream().filter(r -> !r.status().isTerminal()).mapToLong(Row::count).sum();
    }

    /** A fixed-width table: one line per provider and state, then the totals per state. */
    public String render() {
        StringBuilder out = new StringBuilder();
        String format = "  %-9s %-10s %7s %15s%n";
        out.append(String.format(format, "provider", "status", "count", "amount"));
        Map<String, List<Row>> byProvider = new TreeMap<>();
        for (Row row : rows) {
            byProvider.computeIfAbsent(row.provider(), p -> new ArrayList<>()).add(row);
        }
        byProvider.forEach((provider, providerRows) -> providerRows.stream()
                .sorted(Comparator.comparing(Row::status))
                .forEach(r -> out.append(String.format(format, provider, r.status(), r.count(), money(r)))));
        out.append(String.format(format, "", "", "-------", "---------------"));
        for (WithdrawalStatus status : WithdrawalStatus.values()) {
            if (count(status) > 0) {
                out.append(String.format(format, "all", status, count(status), carriesAmount(status) ? amount(status).toPlainString() : "-"));
            }
        }
        out.append(String.format(format, "all", "TOTAL", total(), accepted().toPlainString()));
        return out.toString();
    }

    /** The sum instructed over every row that passed the rules (REJECTED and DUPLICATE rows carry no amount). */
    public BigDecimal accepted() {
        return rows.stream().map(Row::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String money(Row row) {
        return carriesAmount(row.status()) ? row.amount().toPlainString() : "-";
    }

    /** Rejected and duplicate rows were never accepted, so they carry no amount of their own. */
    private static boolean carriesAmount(WithdrawalStatus status) {
        return status != WithdrawalStatus.REJECTED && status != WithdrawalStatus.DUPLICATE;
    }
}
