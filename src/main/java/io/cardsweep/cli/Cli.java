package io.cardsweep.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.cardsweep.CardsweepApplication;
import io.cardsweep.database.EmbeddedPostgresDatabase;
import io.cardsweep.job.JobDefinition;
import io.cardsweep.job.RunParameters;
import io.cardsweep.ledger.TerminationLedger;
import io.cardsweep.ledger.WithdrawalLedger;
import io.cardsweep.provider.CardMask;
import io.cardsweep.ledger.WithdrawalStatus;
import io.cardsweep.reconcile.Finding;
import io.cardsweep.reconcile.Proposals;
import io.cardsweep.reconcile.ReconcileReport;
import io.cardsweep.reconcile.ReconcileSummary;
import io.cardsweep.reconcile.Reconciler;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.datasource.init.ScriptException;

/**
 * The command line. Parses and checks the arguments before anything starts, so a typo costs a
 * sentence, not a database start; then runs the command inside Spring Boot and turns whatever
 * happens into a summary, a sentence and an exit code — never a stack trace (those go to the log file).
 */
public final class Cli {

    private Cli() {
    }

    /**
     * How long a stop request (SIGTERM) waits for the run to reach a chunk boundary before the process ends as a kill would;
     * under Kubernetes' default grace period, so the pod ends on its own terms.
     */
    static final Duration STOP_GRACE = Duration.ofSeconds(25);

    /** Said on standard output after a failure, whose cause standard error tells in one sentence. */
    static String resumeAdvice(Environment environment) {
        String logFile = environment.getProperty("logging.file.name");
        return "Fix the cause and run the same command again: the run resumes where it stopped."
                + (logFile == null ? "" : " Details: " + Path.of(logFile).toAbsolutePath().normalize());
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> arguments = Arrays.asList(args);
        if (arguments.isEmpty() || arguments.contains("--help") || arguments.contains("-h") || arguments.get(0).equals("help")) {
            out.println(RunCommand.USAGE);
            out.println(PlanCommand.USAGE);
            out.println(ReconcileCommand.USAGE);
            out.println(ResolveCommand.USAGE);
            out.println(LOAD_SQL_USAGE);
            return arguments.isEmpty() ? ExitCodes.USAGE : ExitCodes.COMPLETED;
        }
        if (arguments.get(0).equals("resolve")) {
            return resolve(arguments.subList(1, arguments.size()), out, err);
        }
        if (arguments.get(0).equals("plan")) {
            PlanCommand plan = parsed(() -> PlanCommand.parse(arguments.subList(1, arguments.size())), PlanCommand.USAGE, err);
            return plan == null ? ExitCodes.USAGE : Planner.plan(plan, out, err);
        }
        if (arguments.get(0).equals("reconcile")) {
            return reconcile(arguments.subList(1, arguments.size()), out, err);
        }
        if (arguments.get(0).equals("load-sql")) {
            return loadSql(arguments.subList(1, arguments.size()), out, err);
        }
        if (!arguments.get(0).equals("run")) {
            err.println("Unknown command '" + arguments.get(0) + "'.");
            err.println(RunCommand.USAGE);
            err.println(PlanCommand.USAGE);
            err.println(ReconcileCommand.USAGE);
            err.println(ResolveCommand.USAGE);
            err.println(LOAD_SQL_USAGE);
            return ExitCodes.USAGE;
        }
        RunCommand command = parsed(() -> RunCommand.parse(arguments.subList(1, arguments.size())), RunCommand.USAGE, err);
        return command == null ? ExitCodes.USAGE : execute(command, out, err);
    }

    private static int execute(RunCommand command, PrintStream out, PrintStream err) {
        String sha256 = null;
        try {
            sha256 = command.input() == null ? null : sha256(command.input());
        }
        catch (RunCommand.UsageException ex) {
            err.println(ex.getMessage());
            return ExitCodes.USAGE;
        }
        ConfigurableApplicationContext context;
        AtomicReference<@Nullable Environment> environment = new AtomicReference<>();
        try {
            context = start(command.definition(), command.propertyArgs(), environment);
        }
        catch (RuntimeException ex) {
            err.println(StartupFailures.describe(ex, command.definition(), environment.get()));
            return StartupFailures.exitCode(ex);
        }
        GracefulStop stop = GracefulStop.install(context, out, STOP_GRACE);
        int exitCode = ExitCodes.FAILED;
        try (context) {
            String definitionName = context.getEnvironment().getProperty("cardsweep.job.name", command.definition().toString());
            RunOutcome outcome = null;
            try {
                RunParameters parameters = command.parameters(definitionName, context.getBean(JobDefinition.class), sha256);
                out.printf("cardsweep: %s on %s%s, run date %s%s%n", definitionName, parameters.source().shown(),
                        sha256 == null ? "" : " (sha256 " + sha256.substring(0, 12) + "…)", parameters.runDate(),
                        command.shard().isWhole() ? "" : ", shard " + command.shard());
                context.getBeanProvider(EmbeddedPostgresDatabase.class)
                        .ifAvailable(db -> out.println("Ledger: embedded PostgreSQL in " + db.dataDirectory()));
                outcome = context.getBean(RunLauncher.class).launch(parameters, command.definition(), out);
                report(outcome, parameters.report(), context.getEnvironment(), out, err);
                exitCode = outcome.exitCode();
            }
            catch (RunCommand.UsageException ex) {
                err.println(ex.getMessage());
                err.println(RunCommand.USAGE);
                exitCode = ExitCodes.USAGE;
            }
            catch (Exception ex) {
                err.println(StartupFailures.describe(ex, command.definition(), context.getEnvironment()));
                out.println(resumeAdvice(context.getEnvironment()));
            }
            // Once the exit code is final, and before the context closes: the metrics say how the run ended.
            RunEndMetrics.push(context, definitionName, command.shard(), exitCode, err);
        }
        catch (Exception ex) {
            // Closing the application failed after the run was told.
            err.println(StartupFailures.describe(ex, command.definition(), context.getEnvironment()));
            out.println(resumeAdvice(context.getEnvironment()));
        }
        finally {
            stop.mainFinished(exitCode);
        }
        return exitCode;
    }

    /** The command the arguments make, or null once what is wrong with them and the usage have been said. */
    private static <C> @Nullable C parsed(java.util.function.Supplier<C> parse, String usage, PrintStream err) {
        try {
            return parse.get();
        }
        catch (RunCommand.UsageException ex) {
            err.println(ex.getMessage());
            err.println(usage);
            return null;
        }
    }

    /**
     * The application with the job definition's settings (if any), and any {@code --property=value} given after them.
     *
     * @param environment gets the application's settings as soon as they are known, so a failed start can still be
     *        told in their terms (which database it could not reach)
     */
    private static ConfigurableApplicationContext start(@Nullable Path definition, List<String> propertyArgs,
            AtomicReference<@Nullable Environment> environment) {
        List<String> springArgs = new ArrayList<>();
        if (definition != null) {
            springArgs.add("--spring.config.import=file:" + definition.toAbsolutePath());
        }
        springArgs.addAll(propertyArgs);
        return new SpringApplicationBuilder(CardsweepApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false) // GracefulStop closes the context, once a stopping run has let go of it
                .listeners((ApplicationListener<ApplicationEvent>) event -> {
                    if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
                        environment.set(prepared.getEnvironment());
                    }
                })
                .run(springArgs.toArray(String[]::new));
    }

    /** An operator settles a withdrawal in doubt; every resolution is an event with the operator's note. */
    private static int resolve(List<String> arguments, PrintStream out, PrintStream err) {
        ResolveCommand command = parsed(() -> ResolveCommand.parse(arguments), ResolveCommand.USAGE, err);
        if (command == null) {
            return ExitCodes.USAGE;
        }
        if (command.accept() != null) {
            return acceptProposals(command, out, err);
        }
        List<String> properties = new ArrayList<>(command.propertyArgs());
        if (command.jobName() != null) {
            properties.add("--cardsweep.job.name=" + command.jobName());
        }
        Path named = command.definition() != null ? command.definition() : Path.of(command.jobName());
        AtomicReference<@Nullable Environment> environment = new AtomicReference<>();
        try (ConfigurableApplicationContext context = start(command.definition(), properties, environment)) {
            String job = context.getEnvironment().getProperty("cardsweep.job.name", named.toString());
            if (command.termination() != null) {
                return resolveTermination(context.getBean(TerminationLedger.class), job, command, out, err);
            }
            Optional<WithdrawalStatus> before = context.getBean(WithdrawalLedger.class)
                    .resolve(job, command.instructionId(), command.as(), command.note(), command.transactionId());
            if (before.isEmpty()) {
                err.printf("No instruction %s in %s's ledger.%n", command.instructionId(), job);
                return ExitCodes.USAGE;
            }
            if (before.get() != WithdrawalStatus.UNKNOWN) {
                err.printf("Instruction %s of %s is %s, not UNKNOWN: only a withdrawal in doubt is resolved by hand.%n",
                        command.instructionId(), job, before.get());
                return ExitCodes.USAGE;
            }
            out.printf("Instruction %s of %s: UNKNOWN → %s (resolved by an operator: %s). The next report shows it.%n",
                    command.instructionId(), job, command.as(), command.note());
            return ExitCodes.COMPLETED;
        }
        catch (RuntimeException ex) {
            err.println(StartupFailures.describe(ex, named, environment.get()));
            return StartupFailures.exitCode(ex);
        }
    }

    /** An operator settles a card termination in doubt: terminated after all, or not, and then sent by the job's next run. */
    private static int resolveTermination(TerminationLedger ledger, String job, ResolveCommand command, PrintStream out, PrintStream err) {
        boolean terminated = command.termination() == ResolveCommand.Termination.TERMINATED;
        Optional<String> before = ledger.resolve(job, command.instructionId(), terminated, command.note(), command.refunded());
        if (before.isEmpty()) {
            err.printf("No instruction %s in %s's ledger.%n", command.instructionId(), job);
            return ExitCodes.USAGE;
        }
        if (!before.get().equals("UNKNOWN")) {
            err.printf("The card termination of instruction %s of %s is %s, not UNKNOWN: only a termination in doubt is resolved by hand.%n",
                    command.instructionId(), job, before.get().isEmpty() ? "not asked for" : before.get());
            return ExitCodes.USAGE;
        }
        out.printf("Instruction %s of %s: card termination UNKNOWN → %s (resolved by an operator: %s).%s%n", command.instructionId(), job,
                terminated ? "TERMINATED" : "PENDING", command.note(),
                terminated ? " The next report shows it." : " The next run of the job sends the termination.");
        return ExitCodes.COMPLETED;
    }

    /**
     * Accepts every proposal of a reconciliation report the operator has read (and pruned): each settled as proposed, with
     * the operator's note and the proposal's evidence. A withdrawal no longer in doubt is skipped, never changed.
     */
    private static int acceptProposals(ResolveCommand command, PrintStream out, PrintStream err) {
        List<Proposals.Proposal> proposals;
        try {
            proposals = Proposals.read(command.accept());
        }
        catch (IllegalArgumentException ex) {
            err.println(ex.getMessage());
            return ExitCodes.USAGE;
        }
        // The report names each proposal's job; the application only needs a name of its own to start.
        List<String> properties = new ArrayList<>(command.propertyArgs());
        properties.add("--cardsweep.job.name=resolve");
        AtomicReference<@Nullable Environment> environment = new AtomicReference<>();
        try (ConfigurableApplicationContext context = start(null, properties, environment)) {
            WithdrawalLedger ledger = context.getBean(WithdrawalLedger.class);
            int accepted = 0;
            List<String> skipped = new ArrayList<>();
            for (Proposals.Proposal proposal : proposals) {
                Optional<WithdrawalStatus> before = ledger.resolve(proposal.job(), proposal.instructionId(), proposal.as(),
                        command.note() + " (" + proposal.evidence() + ")", null);
                if (before.isPresent() && before.get() == WithdrawalStatus.UNKNOWN) {
                    accepted++;
                }
                else {
                    skipped.add(proposal.job() + " " + proposal.instructionId() + (before.isEmpty() ? " (no such instruction)" : " (" + before.get() + ")"));
                }
            }
            out.printf("Accepted %d of %d proposal(s) in %s.%n", accepted, proposals.size(), command.accept());
            if (!skipped.isEmpty()) {
                out.println("Not in doubt any more, left as they are: " + String.join(", ", skipped));
            }
            return ExitCodes.COMPLETED;
        }
        catch (RuntimeException ex) {
            err.println(StartupFailures.describe(ex, command.accept(), environment.get()));
            return StartupFailures.exitCode(ex);
        }
    }

    static final String LOAD_SQL_USAGE = "usage: cardsweep load-sql FILE.sql [--<property>=<value> ...]";

    /**
     * Runs a SQL file against the ledger's database — the embedded one where none is configured, which no {@code psql}
     * reaches — after the ledger's schema is in place: how the sample termination queue gets beside the ledger for the
     * nightly sweep to read ({@code cardsweep load-sql sample-input/termination-queue.sql}).
     */
    private static int loadSql(List<String> arguments, PrintStream out, PrintStream err) {
        List<String> files = arguments.stream().filter(argument -> !argument.startsWith("--")).toList();
        if (files.size() != 1 || !files.get(0).endsWith(".sql")) {
            err.println("Name one SQL file to load, e.g. sample-input/termination-queue.sql.");
            err.println(LOAD_SQL_USAGE);
            return ExitCodes.USAGE;
        }
        Path file = Path.of(files.get(0));
        if (!Files.isReadable(file)) {
            err.println("SQL file " + file + " does not exist or cannot be read.");
            return ExitCodes.USAGE;
        }
        List<String> properties = new ArrayList<>(arguments.stream().filter(argument -> argument.startsWith("--")).toList());
        properties.add("--cardsweep.job.name=load-sql");
        AtomicReference<@Nullable Environment> environment = new AtomicReference<>();
        try (ConfigurableApplicationContext context = start(null, properties, environment)) {
            new ResourceDatabasePopulator(new FileSystemResource(file)).execute(context.getBean(DataSource.class));
            out.printf("Loaded %s into the ledger's database.%n", file);
            return ExitCodes.COMPLETED;
        }
        catch (ScriptException ex) {
            err.println("SQL file " + file + " failed: " + CardMask.redactCardNumbers(ex.getMostSpecificCause().getMessage().lines().findFirst().orElse("")));
            return ExitCodes.USAGE;
        }
        catch (RuntimeException ex) {
            err.println(StartupFailures.describe(ex, file, environment.get()));
            return StartupFailures.exitCode(ex);
        }
    }

    /** Settles withdrawals in doubt from the providers' own records; what is left, or only proposed, needs an operator. */
    private static int reconcile(List<String> arguments, PrintStream out, PrintStream err) {
        ReconcileCommand command = parsed(() -> ReconcileCommand.parse(arguments), ReconcileCommand.USAGE, err);
        if (command == null) {
            return ExitCodes.USAGE;
        }
        AtomicReference<@Nullable Environment> environment = new AtomicReference<>();
        try (ConfigurableApplicationContext context = start(command.definition(), command.propertyArgs(), environment)) {
            Binder settings = Binder.get(context.getEnvironment());
            List<String> jobs = !command.jobs().isEmpty() ? command.jobs()
                    : settings.bind("cardsweep.reconcile.jobs", Bindable.listOf(String.class)).orElse(List.of());
            Path pluEvents = command.pluEvents() != null ? command.pluEvents()
                    : settings.bind("cardsweep.reconcile.plu-events", Path.class).orElse(null);
            Duration orphanedAfter = settings.bind("cardsweep.reconcile.orphaned-after", Duration.class).orElse(Duration.ofMinutes(15));
            out.printf("cardsweep: reconciling %s%n", jobs.isEmpty() ? "every job in the ledger" : String.join(", ", jobs));
            Reconciler.Result result = context.getBean(Reconciler.class).reconcile(jobs, pluEvents, orphanedAfter);
            ReconcileReport.write(command.report(), result.findings());
            out.print(ReconcileSummary.render(result));
            out.println("Report: " + command.report());
            long open = result.count(Finding.Action.PROPOSED) + result.count(Finding.Action.LEFT);
            if (open == 0) {
                out.println(result.findings().isEmpty() ? "Nothing was in doubt." : "Nothing is left in doubt.");
                return ExitCodes.COMPLETED;
            }
            out.printf("%d withdrawal(s) still in doubt: accept a proposal with its resolve command (in the report), or check with the"
                    + " provider and settle it with cardsweep resolve.%n", open);
            return ExitCodes.NEEDS_ATTENTION;
        }
        catch (RuntimeException ex) {
            err.println(StartupFailures.describe(ex, command.definition(), environment.get()));
            return StartupFailures.exitCode(ex);
        }
    }

    private static void report(RunOutcome outcome, Path report, Environment environment, PrintStream out, PrintStream err) {
        if (outcome.summary() != null && outcome.summary().total() > 0) {
            out.println();
            out.print(outcome.summary().render());
            out.println();
        }
        if (outcome.completed()) {
            out.println("Report: " + report);
        }
        if (outcome.failure() != null) {
            err.println(outcome.failure());
            if (outcome.exitCode() == ExitCodes.FAILED) {
                out.println(resumeAdvice(environment));
            }
        }
        else if (outcome.exitCode() == ExitCodes.NEEDS_ATTENTION) {
            out.printf("%d instruction(s) need attention (UNKNOWN or DEFERRED, or a card not yet terminated): see the report.%n", outcome.summary().needingAttention());
        }
        else {
            out.println("Every instruction ended in a final state.");
        }
    }

    static String sha256(Path file) {
        try {
            return RunParameters.sha256(file);
        }
        catch (UncheckedIOException ex) {
            throw new RunCommand.UsageException("Input file " + file + " cannot be read: " + ex.getCause().getMessage());
        }
    }
}
