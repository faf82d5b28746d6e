package io.cardsweep.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.cardsweep.database.SourceDatabase;
import io.cardsweep.instruction.InputFileException;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.TableSource;
import io.cardsweep.instruction.TableSourceException;
import io.cardsweep.job.PlanContext;
import io.cardsweep.job.RunSetup;
import io.cardsweep.plan.DurationEstimate;
import io.cardsweep.plan.Estimate;
import io.cardsweep.plan.Plan;
import io.cardsweep.plan.PlanReport;
import io.cardsweep.plan.PlanTally;
import io.cardsweep.plan.ProviderPace;
import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Runs {@code cardsweep plan}: reads the input file or the table source once with the load step's reader and rules, row
 * by row into a {@link PlanTally} (so a file of a million lines plans in the memory of a few), looks up read-only which
 * instructions the ledger already holds, and prints the plan with its estimate. A table is read read-only too: from the
 * separate source database, or through the connection the ledger is looked at with.
 * <p>
 * Exit codes: 0 when every row would be executed and nothing left deferred; 3 ({@link ExitCodes#NEEDS_ATTENTION}) when
 * some rows would be REJECTED or DUPLICATE, some withdrawals or terminations would outlast {@code max-wait}, or the run
 * would refuse the input's providers — the plan itself succeeded, the input needs a look; 2 for a wrong command line,
 * job definition, input file or table source (as a run); 1 when the plan could not be made (a database that cannot be
 * reached).
 */
final class Planner {

    private Planner() {
    }

    static int plan(PlanCommand command, PrintStream out, PrintStream err) {
        AtomicReference<@Nullable Environment> environment = new AtomicReference<>();
        try (ConfigurableApplicationContext context = start(command, environment)) {
            RunSetup setup = context.getBean(RunSetup.class);
            TableSource table = setup.definition().source();
            JobArguments.requireMatchingSource(command.definition(), table != null, command.input());
            String job = setup.definition().name();
            out.printf("cardsweep plan: %s on %s — nothing is sent and nothing is written to the ledger.%n", job,
                    table != null ? table.shown() : command.input());
            out.println(setup.sandboxStandsIn() ? "Providers: none configured, so the in-process sandbox would play all five."
                    : "Providers: " + setup.providers().stream().map(ProviderName::id).collect(Collectors.joining(", "))
                            + (setup.providers().size() < ProviderName.values().length ? " (rows for the others are rejected)." : "."));
            Map<ProviderName, ProviderPace> paces = new EnumMap<>(ProviderName.class);
            setup.providers().forEach(p -> paces.put(p, ProviderPace.of(p, setup.settings(p), setup.concurrency(p))));
            Plan plan;
            try (ReadOnlyDatabase database = ReadOnlyDatabase.open(context.getEnvironment());
                    SourceDatabase source = table == null ? null : setup.sourceDatabase(() -> database.forTable(table))) {
                LedgerLookup ledger = new LedgerLookup(database);
                plan = tally(setup.reader(command.input(), () -> Objects.requireNonNull(source)), setup,
                        new PlanTally(job, paces, setup.definition().terminate(), ledger));
                out.println(ledger.said(plan.lines().stream().mapToLong(Plan.Line::duplicates).sum()));
            }
            Duration maxWait = command.maxWait() != null ? command.maxWait() : setup.definition().maxWait();
            Estimate estimate = DurationEstimate.of(plan.workloads(), paces, command.latency(), maxWait);
            out.printf("%d row(s) read.%n%n", plan.rows());
            out.print(PlanReport.render(plan, estimate, command.latency()));
            return verdict(plan, estimate, setup.refusal(plan.providersNamed()), out, err);
        }
        catch (RunCommand.UsageException ex) {
            err.println(ex.getMessage());
            err.println(PlanCommand.USAGE);
            return ExitCodes.USAGE;
        }
        catch (InputFileException ex) {
            err.println(ex.getMessage());
            return ExitCodes.USAGE;
        }
        catch (TableSourceException ex) {
            err.println(ex.getMessage());
            return ex.misconfigured() ? ExitCodes.USAGE : ExitCodes.FAILED;
        }
        catch (RuntimeException ex) {
            err.println(StartupFailures.describe(ex, command.definition(), environment.get()));
            return StartupFailures.exitCode(ex);
        }
    }

    private static Plan tally(ItemStreamReader<InstructionRow> reader, RunSetup setup, PlanTally tally) {
        reader.open(new ExecutionContext());
        try {
            for (InstructionRow row = read(reader); row != null; row = read(reader)) {
                tally.add(setup.screen().screen(row));
            }
        }
        finally {
            reader.close();
        }
        return tally.finish();
    }

    private static @Nullable InstructionRow read(ItemStreamReader<InstructionRow> reader) {
        try {
            return reader.read();
        }
        catch (RuntimeException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new IllegalStateException("The instructions could not be read: " + ex.getMessage(), ex);
        }
    }

    private static int verdict(Plan plan, Estimate estimate, Optional<String> refusal, PrintStream out, PrintStream err) {
        out.println();
        if (refusal.isPresent()) {
            err.println("The run would stop before loading anything: " + refusal.get());
        }
        if (plan.refused() > 0) {
            out.printf("%d row(s) would not be executed (see the reasons above); the other %d would.%n", plan.refused(), plan.accepted());
        }
        if (refusal.isPresent() || plan.refused() > 0 || estimate.stillDeferred() > 0 || estimate.terminationsStillDeferred() > 0) {
            return ExitCodes.NEEDS_ATTENTION;
        }
        out.println(plan.accepted() == 0 ? "The input has no instructions." : "Every row would be executed.");
        return ExitCodes.COMPLETED;
    }

    /** The run's settings, read as a run reads them, and nothing started with them. */
    private static ConfigurableApplicationContext start(PlanCommand command, AtomicReference<@Nullable Environment> environment) {
        java.util.List<String> args = new java.util.ArrayList<>();
        args.add("--spring.config.import=file:" + command.definition().toAbsolutePath());
        args.addAll(command.propertyArgs());
        return new SpringApplicationBuilder(PlanContext.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .listeners((ApplicationListener<ApplicationEvent>) event -> {
                    if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
                        environment.set(prepared.getEnvironment());
                    }
                })
                .run(args.toArray(String[]::new));
    }
}
