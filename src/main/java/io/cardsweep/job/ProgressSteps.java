package io.cardsweep.job;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.cardsweep.progress.ProgressReporter;
import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * When the steps that call providers tell their progress, and what they count against: per provider, the rows each will
 * handle, read from the ledger once as it starts; for the steps that wait, when each provider's next waiting row comes
 * due, read once a tick (the ledger's small index of waiting rows answers it).
 */
final class ProgressSteps {

    private static final Logger log = LoggerFactory.getLogger(ProgressSteps.class);

    private final ProgressReporter progress;
    private final JdbcTemplate jdbc;
    private final String jobName;
    private final String[] providers;

    ProgressSteps(ProgressReporter progress, JdbcTemplate jdbc, String jobName, Set<ProviderName> providers) {
        this.progress = progress;
        this.jdbc = jdbc;
        this.jobName = jobName;
        this.providers = providers.stream().map(ProviderName::id).toArray(String[]::new);
    }

    /** The execute step: this run's READY withdrawals, none of which waits. */
    StepExecutionListener execute() {
        return listener(step -> {
            long runId = step.getJobExecution().getJobInstanceId();
            progress.start("", counts("SELECT provider, count(*) FROM withdrawal WHERE run_id = ? AND status = 'READY' AND provider = ANY (?)"
                    + " GROUP BY provider", runId), Map::of);
        });
    }

    /** The deferred step: the job's DEFERRED withdrawals, each waiting for its not_before. */
    StepExecutionListener deferred() {
        // not_before IS NOT NULL, which every DEFERRED row has, lets both use the ledger's index of waiting rows.
        return listener(step -> progress.start("deferred", counts("SELECT provider, count(*) FROM withdrawal WHERE job_name = ?"
                + " AND not_before IS NOT NULL AND status = 'DEFERRED' AND provider = ANY (?) GROUP BY provider", jobName), () -> firstDue("""
                SELECT provider, min(not_before) FROM withdrawal WHERE job_name = ? AND not_before IS NOT NULL AND status = 'DEFERRED'
                    AND provider = ANY (?) GROUP BY provider""")));
    }

    /** The terminate step: the job's terminations waiting to be sent whose withdrawal has ended. */
    StepExecutionListener terminate() {
        return listener(step -> progress.start("terminations", counts("""
                SELECT provider, count(*) FROM withdrawal WHERE job_name = ? AND termination IN ('PENDING', 'DEFERRED')
                    AND status NOT IN ('READY', 'IN_FLIGHT', 'DEFERRED', 'UNKNOWN') AND provider = ANY (?) GROUP BY provider""", jobName),
                () -> firstDue("""
                        SELECT provider, min(termination_not_before) FROM withdrawal WHERE job_name = ? AND termination = 'DEFERRED'
                            AND provider = ANY (?) GROUP BY provider""")));
    }

    private StepExecutionListener listener(Consumer<StepExecution> start) {
        return new StepExecutionListener() {
            @Override
            public void beforeStep(StepExecution stepExecution) {
                if (!progress.isOn()) {
                    return;
                }
                try {
                    start.accept(stepExecution);
                }
                catch (RuntimeException ex) {
                    // Progress is told, never what a step depends on: the step itself meets the database as it may.
                    log.info("The {} step's progress could not be counted; it runs without progress lines", stepExecution.getStepName(), ex);
                }
            }

            @Override
            public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
                progress.finish();
                return null;
            }
        };
    }

    private Map<ProviderName, Long> counts(String sql, Object scope) {
        Map<ProviderName, Long> counts = new EnumMap<>(ProviderName.class);
        query(sql, scope, rs -> counts.put(provider(rs), rs.getLong(2)));
        return counts;
    }

    private Map<ProviderName, Instant> firstDue(String sql) {
        Map<ProviderName, Instant> due = new EnumMap<>(ProviderName.class);
        query(sql, jobName, rs -> {
            OffsetDateTime first = rs.getObject(2, OffsetDateTime.class);
            if (first != null) {
                due.put(provider(rs), first.toInstant());
            }
        });
        return due;
    }

    private void query(String sql, Object scope, RowCallbackHandler row) {
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setObject(1, scope);
            statement.setArray(2, connection.createArrayOf("text", providers));
            return statement;
        }, row);
    }

    private static ProviderName provider(ResultSet rs) throws SQLException {
        return ProviderName.fromId(rs.getString(1)).orElseThrow();
    }
}
