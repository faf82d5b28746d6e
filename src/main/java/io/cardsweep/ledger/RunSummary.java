package io.cardsweep.ledger;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Counts and sums of a run per provider, state and currency, and the text a person reads at the end of a
 * run. Amounts are only ever added up within one currency: pesos are not dollars.
 */
public record RunSummary(List<Row> rows, List<TerminationRow> terminations) {

    /** @param currency null for rows that carry no amount (REJECTED, DUPLICATE) */
    public record Row(String provider, WithdrawalStatus status, @Nullable String currency, long count, BigDecimal amount) {
    }

    /**
     * The card terminations of a run in one state, per provider and currency.
     *
     * @param refunded what the terminations that said so refunded or paid out
     * @param refundsUnknown how many did not say (Plu liquidates to the wallet later): not zero, unknown
     * @param sweptByTermination whether these are cards whose whole balance only their termination reclaims (Plu)
     */
    public record TerminationRow(String provider, String state, String currency, long count, BigDecimal refunded, long refundsUnknown,
            boolean sweptByTermination) {

        /**
         * Whether nothing more will happen to these terminations without a later run or a person — and, for a card
         * only its termination sweeps, whether its balance has gone: one left on the card needs someone.
         */
        boolean isFinal() {
            if (sweptByTermination) {
                return state.equals("TERMINATED") || state.equals("ALREADY_TERMINATED");
            }
            return !List.of("PENDING", "IN_FLIGHT", "DEFERRED", "UNKNOWN").contains(state);
        }

        String refundedText() {
            if (!state.equals("TERMINATED")) {
                return "-";
            }
            if (refundsUnknown == 0) {
                return refunded.toPlainString() + " " + currency;
            }
            if (refundsUnknown == count) {
                return "unknown";
            }
            return refunded.toPlainString() + " " + currency + " + " + refundsUnknown + " unknown";
        }
    }

    public RunSummary(List<Row> rows) {
        this(rows, List.of());
    }

    /** The columns; the status column widens for the longest state shown ({@code NOTHING_TO_RECLAIM}). */
    private static final String FORMAT = "  %%-9s %%-%ds %%7s %%19s%%n";

    public RunSummary {
        rows = List.copyOf(rows);
        terminations = List.copyOf(terminations);
    }

    public long total() {
        return rows.stream().mapToLong(Row::count).sum();
    }

    public long count(WithdrawalStatus status) {
        return rows.stream().filter(r -> r.status() == status).mapToLong(Row::count).sum();
    }

    /** The sum in one currency of the rows in one state. */
    public BigDecimal amount(WithdrawalStatus status, String currency) {
        return rows.stream().filter(r -> r.status() == status && currency.equals(r.currency()))
                .map(Row::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Items a person or a later run must look at: UNKNOWN, DEFERRED, and anything not yet finished — withdrawals, and
     * the terminations of cards.
     */
    public long needingAttention() {
        return rows.stream().filter(r -> !r.status().isTerminal()).mapToLong(Row::count).sum()
                + terminations.stream().filter(t -> !t.isFinal()).mapToLong(TerminationRow::count).sum();
    }

    /** A fixed-width table: one line per provider, state and currency, then the totals per state and currency. */
    public String render() {
        int statusWidth = Math.max(rows.stream().mapToInt(r -> r.status().name().length()).max().orElse(0),
                terminations.stream().mapToInt(t -> t.state().length()).max().orElse(0));
        String format = FORMAT.formatted(Math.max(10, statusWidth));
        StringBuilder out = new StringBuilder();
        out.append(String.format(format, "provider", "status", "count", "amount"));
        rows.stream()
                .sorted(Comparator.comparing((Row r) -> r.provider().startsWith("(")).thenComparing(Row::provider)
                        .thenComparing(Row::status).thenComparing(r -> String.valueOf(r.currency())))
                .forEach(r -> out.append(line(format, r.provider(), r)));
        out.append(String.format(format, "", "", "-------", "-------------------"));
        Map<String, Row> totals = new TreeMap<>();
        for (Row row : rows) {
            String key = String.format("%02d %s", row.status().ordinal(), row.currency());
            totals.merge(key, row, (a, b) -> new Row("all", a.status(), a.currency(), a.count() + b.count(), a.amount().add(b.amount())));
        }
        totals.values().forEach(total -> out.append(line(format, "all", total)));
        Map<String, BigDecimal> accepted = rows.stream().filter(r -> r.currency() != null)
                .collect(Collectors.toMap(Row::currency, Row::amount, BigDecimal::add, TreeMap::new));
        out.append(String.format(format, "all", "TOTAL", total(), accepted.isEmpty() ? "-" : "").stripTrailing()).append(System.lineSeparator());
        accepted.forEach((currency, amount) -> out.append(String.format(format, "", "accepted", "", amount.toPlainString() + " " + currency)));
        if (!terminations.isEmpty()) {
            out.append(System.lineSeparator()).append(String.format(format, "provider", "terminated", "count", "refunded"));
            terminations.forEach(t -> out.append(String.format(format, t.provider(), t.state(), t.count(), t.refundedText())));
        }
        return out.toString();
    }

    private static String line(String format, String provider, Row row) {
        String amount = row.currency() == null ? "-" : row.amount().toPlainString() + " " + row.currency();
        return String.format(format, provider, row.status(), row.count(), amount);
    }
}
