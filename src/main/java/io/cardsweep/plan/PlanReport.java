package io.cardsweep.plan;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.cardsweep.job.Durations;
import io.cardsweep.provider.ProviderName;

/**
 * A plan as an operator reads it before a run: a table like the run's summary (per provider what would be sent, in which
 * currency, what would be refused, and when it would be done), the refusals by reason, and the estimate in words.
 */
public final class PlanReport {

    private static final String FORMAT = "  %-9s %8s %19s %9s %10s %12s%n";
    private static final String MORE = "  %-9s %8s %19s%n";
    private static final String REASON = "  %-9s %-26s %5d  %s%n";

    private PlanReport() {
    }

    /** @param latency the latency assumed for each request, said with the estimate */
    public static String render(Plan plan, Estimate estimate, Duration latency) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(FORMAT, "provider", "accepted", "amount", "rejected", "duplicate", "estimate"));
        Map<String, BigDecimal> amounts = new TreeMap<>();
        long fullBalances = 0;
        for (Plan.Line line : plan.lines()) {
            Estimate.ProviderTime time = ProviderName.fromId(line.provider()).map(estimate.providers()::get).orElse(null);
            line(out, line.provider(), line.accepted(), line.amounts(), line.fullBalances(), line.rejected(), line.duplicates(),
                    time == null ? "-" : Durations.brief(time.finished()));
            line.amounts().forEach((currency, amount) -> amounts.merge(currency, amount, BigDecimal::add));
            fullBalances += line.fullBalances();
        }
        out.append(String.format(FORMAT, "", "--------", "-------------------", "---------", "----------", "------------"));
        line(out, "all", plan.accepted(), amounts, fullBalances, plan.lines().stream().mapToLong(Plan.Line::rejected).sum(),
                plan.lines().stream().mapToLong(Plan.Line::duplicates).sum(), Durations.brief(estimate.makespan()));
        if (!plan.reasons().isEmpty()) {
            out.append(System.lineSeparator()).append("Not executed, by reason (one example each):").append(System.lineSeparator());
            plan.reasons().forEach(r -> out.append(String.format(REASON, r.provider(), r.code(), r.count(), r.example())));
        }
        out.append(System.lineSeparator());
        estimate(out, estimate, latency);
        return out.toString();
    }

    private static void line(StringBuilder out, String provider, long accepted, Map<String, BigDecimal> amounts, long fullBalances, long rejected,
            long duplicates, String estimate) {
        List<String> shown = new ArrayList<>();
        amounts.forEach((currency, amount) -> shown.add(amount.toPlainString() + " " + currency));
        if (fullBalances > 0) {
            shown.add("+ " + fullBalances + " whole balance" + (fullBalances == 1 ? "" : "s"));
        }
        out.append(String.format(FORMAT, provider, accepted, shown.isEmpty() ? "-" : shown.get(0), rejected, duplicates, estimate));
        shown.stream().skip(1).forEach(more -> out.append(String.format(MORE, "", "", more)));
    }

    private static void estimate(StringBuilder out, Estimate estimate, Duration latency) {
        String nl = System.lineSeparator();
        String steps = estimate.terminateStep() == null ? "the execute and deferred steps" : "the execute, deferred and terminate steps";
        out.append("Estimated time: ").append(Durations.brief(estimate.makespan())).append(" to execute (").append(steps)
                .append("; reading the input and writing the report come on top).").append(nl);
        estimate.providers().values().forEach(time -> out.append("  ").append(time.explanation()).append(nl));
        boolean waves = estimate.providers().values().stream().anyMatch(time -> !time.waves().isEmpty());
        if (waves) {
            out.append("Providers run in parallel; withdrawals a cooldown holds back go in waves once all are through (after ")
                    .append(Durations.brief(estimate.executeStep())).append("), one at a time.").append(nl);
        }
        if (estimate.stillDeferred() > 0) {
            out.append(estimate.stillDeferred()).append(" withdrawal(s) would come due after max-wait and stay DEFERRED (exit 3):"
                    + " the next run of the job sends them.").append(nl);
        }
        if (estimate.terminateStep() != null) {
            terminations(out, estimate);
        }
        out.append("Assumed: ").append(latency.toMillis()).append(" ms for each provider request (--latency), HTP's withdrawal settled when"
                + " first looked up, no errors, retries or 429s.").append(nl);
    }

    private static void terminations(StringBuilder out, Estimate estimate) {
        String nl = System.lineSeparator();
        List<Estimate.Termination> terminations = estimate.providers().values().stream().map(Estimate.ProviderTime::termination)
                .filter(Objects::nonNull).toList();
        long requests = terminations.stream().mapToLong(Estimate.Termination::requests).sum();
        out.append("Then the terminate step (after ").append(Durations.brief(Objects.requireNonNull(estimate.terminateStep())))
                .append("), one card at a time for all providers: ").append(requests).append(" termination").append(requests == 1 ? "" : "s")
                .append(", a request each — done after ").append(Durations.brief(estimate.makespan())).append('.').append(nl);
        terminations.forEach(termination -> out.append("  ").append(termination.explanation()).append(nl));
        if (estimate.terminationsStillDeferred() > 0) {
            out.append(estimate.terminationsStillDeferred()).append(" termination(s) would come due after max-wait and stay DEFERRED (exit 3):"
                    + " the next run of the job sends them.").append(nl);
        }
    }
}
