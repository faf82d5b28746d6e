package io.cardsweep.reconcile;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The reconciliation at a glance: per provider, how many withdrawals were settled, confirmed, proposed and left. */
public final class ReconcileSummary {

    /** Withdrawals still in doubt listed one per line; the report has them all. */
    private static final int SHOWN = 20;

    private ReconcileSummary() {
    }

    public static String render(Reconciler.Result result) {
        StringBuilder text = new StringBuilder();
        if (result.orphans() > 0) {
            text.append(result.orphans()).append(" withdrawal(s) left IN_FLIGHT by a run that is gone are now UNKNOWN.\n");
        }
        result.pluProblems().forEach(problem -> text.append("Plu events file, ").append(problem).append('\n'));
        if (result.findings().isEmpty()) {
            return text.toString();
        }
        Map<String, Map<Finding.Action, Integer>> counts = new TreeMap<>();
        result.findings().forEach(finding -> counts.computeIfAbsent(finding.doubt().provider(), p -> new EnumMap<>(Finding.Action.class))
                .merge(finding.action(), 1, Integer::sum));
        text.append(String.format("%-10s %9s %10s %9s %6s%n", "provider", "resolved", "confirmed", "proposed", "left"));
        counts.forEach((provider, byAction) -> text.append(String.format("%-10s %9d %10d %9d %6d%n", provider,
                byAction.getOrDefault(Finding.Action.RESOLVED, 0), byAction.getOrDefault(Finding.Action.CONFIRMED, 0),
                byAction.getOrDefault(Finding.Action.PROPOSED, 0), byAction.getOrDefault(Finding.Action.LEFT, 0))));
        List<Finding> open = result.findings().stream()
                .filter(finding -> finding.action() == Finding.Action.PROPOSED || finding.action() == Finding.Action.LEFT).toList();
        open.stream().limit(SHOWN).forEach(finding -> text.append("  ").append(finding.doubt().provider()).append(' ')
                        .append(finding.doubt().instructionId()).append(": ").append(finding.action() == Finding.Action.PROPOSED
                                ? "proposed " + finding.to() + " — " : "left — ").append(finding.evidence()).append('\n'));
        if (open.size() > SHOWN) {
            text.append("  … and ").append(open.size() - SHOWN).append(" more in the report\n");
        }
        return text.toString();
    }
}
