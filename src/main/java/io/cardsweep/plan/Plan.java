package io.cardsweep.plan;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.cardsweep.provider.ProviderName;

/**
 * What a run would make of an input: per provider what it would send and what it would refuse, and why.
 *
 * @param rows the rows read
 * @param lines one per provider named by a row (and {@code (invalid)} for rows naming none), in that order
 * @param reasons the refusals, by provider and reason code, each with one example
 * @param workloads what each provider would be sent, for the estimate
 * @param providersNamed every provider some row names, accepted or not
 */
public record Plan(long rows, List<Line> lines, List<Reasons> reasons, Map<ProviderName, Workload> workloads,
        Set<ProviderName> providersNamed) {

    public Plan {
        lines = List.copyOf(lines);
        reasons = List.copyOf(reasons);
        workloads = Map.copyOf(workloads);
        providersNamed = Set.copyOf(providersNamed);
    }

    /**
     * @param provider the provider's id, or {@code (invalid)}
     * @param amounts the sum of the accepted amounts per currency, whole balances left out
     * @param fullBalances accepted instructions for a card's whole balance, whose amount is known only when it is read
     * @param rejected rows the rules (or a repeated instruction id) refuse
     * @param duplicates rows whose instruction an earlier run loaded
     */
    public record Line(String provider, long accepted, Map<String, BigDecimal> amounts, long fullBalances, long rejected, long duplicates) {

        public Line {
            amounts = Collections.unmodifiableSortedMap(new TreeMap<>(amounts));
        }
    }

    /**
     * @param duplicate whether these rows would be DUPLICATE rather than REJECTED
     * @param example the first such row's reason
     */
    public record Reasons(String provider, String code, boolean duplicate, long count, String example) {
    }

    public long accepted() {
        return lines.stream().mapToLong(Line::accepted).sum();
    }

    /** Rows a run would not execute: rejected or duplicate. */
    public long refused() {
        return reasons.stream().mapToLong(Reasons::count).sum();
    }
}
