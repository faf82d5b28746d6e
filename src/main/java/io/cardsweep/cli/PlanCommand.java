package io.cardsweep.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * {@code plan JOB.yml [--input FILE] [--latency 300ms] [--max-wait 30m]}, plus the property overrides a run would be given:
 * what that run would do and how long it would take, without sending or writing anything. Like a run, a job definition
 * that names a table source takes no input file, and any other needs one.
 *
 * @param input the input file; null for a job that reads a table
 * @param latency how long each provider request is assumed to take
 * @param maxWait the run's {@code --max-wait}, when it would be given one
 */
record PlanCommand(Path definition, @Nullable Path input, Duration latency, @Nullable Duration maxWait, List<String> propertyArgs) {

    static final String USAGE = "usage: cardsweep plan JOB.yml [--input FILE] [--latency 300ms] [--max-wait 30m] [--<property>=<value> ...]";

    /** A provider's answer within a few hundred milliseconds is usual for card APIs; say it otherwise. */
    static final Duration DEFAULT_LATENCY = Duration.ofMillis(300);

    static PlanCommand parse(List<String> args) {
        JobArguments arguments = JobArguments.parse(args, Set.of("--latency", "--max-wait"), "plan");
        String latency = arguments.option("--latency");
        String maxWait = arguments.option("--max-wait");
        return new PlanCommand(arguments.definition(), arguments.input(),
                latency == null ? DEFAULT_LATENCY : JobArguments.duration("--latency", latency, "300ms, 2s or PT1M"),
                maxWait == null ? null : JobArguments.duration("--max-wait", maxWait, RunCommand.MAX_WAIT_EXAMPLES), arguments.propertyArgs());
    }
}
