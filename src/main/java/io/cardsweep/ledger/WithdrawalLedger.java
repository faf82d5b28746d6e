package io.cardsweep.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.cardsweep.provider.WithdrawalOutcome;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The state transitions of the exactly-once protocol. Each one is a single conditional statement committed on its
 * own before the method returns (auto-commit, on a connection no surrounding transaction shares), so that the
 * {@code IN_FLIGHT} mark is durable before the provider is called and the outcome is durable as soon
 * as it is known, whatever happens to the chunk around it. Each appends its event in the same statement.
 */
public class WithdrawalLedger {

    private static final String TRANSITION = """
            WITH w AS (
                UPDATE withdrawal SET status = ?, reason_code = ?, reason = ?, updated_at = now() %s
                WHERE id = ? AND status = ? %s
                RETURNING id)
            INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, from_status, to_status, reason_code, detail)
            SELECT id, ?, ?, ?, ?, ? FROM w
            """;

    /** A provider asking to wait longer than this is taken to mean "not today"; the row is looked at again tomorrow. */
    static final Duration LONGEST_DEFERRAL = Duration.ofDays(1);

    /** A provider asking for no wait at all (Retry-After: 0, a date past) still gets a moment, so nothing spins. */
    static final Duration SHORTEST_DEFERRAL = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final JdbcTemplate committing;
    private final TransactionTemplate ownTransaction;

    public WithdrawalLedger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.committing = new JdbcTemplate(new AutoCommitDataSource(java.util.Objects.requireNonNull(jdbc.getDataSource())));
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * READY (or DEFERRED, once its {@code not_before} has passed) → IN_FLIGHT, counting the attempt and recording
     * which execution claimed it. False when another attempt got there first, or the row is not yet due: then it
     * must not be sent.
     */
    public boolean claim(long withdrawalId, long jobExecutionId, WithdrawalStatus from, Instant now) {
        return claimStatement(committing, withdrawalId, jobExecutionId, from, now);
    }

    private boolean claimStatement(JdbcTemplate on, long withdrawalId, long jobExecutionId, WithdrawalStatus from, Instant now) {
        return from == WithdrawalStatus.DEFERRED
                ? update(on, withdrawalId, jobExecutionId, from, WithdrawalStatus.IN_FLIGHT, null, "claimed before the provider call",
                        ", attempts = attempts + 1, claimed_by = ?", " AND not_before <= ?", jobExecutionId, now.atOffset(ZoneOffset.UTC))
                : update(on, withdrawalId, jobExecutionId, from, WithdrawalStatus.IN_FLIGHT, null, "claimed before the provider call",
                        ", attempts = attempts + 1, claimed_by = ?", "", jobExecutionId);
    }

    /**
     * Claims the row as {@link #claim} does, in one transaction with {@code gate} (a cooldown taken in the same
     * transaction): both commit, or neither. A process that dies between the two can then neither leave a
     * cooldown running for an attempt that never happened nor an attempt without its cooldown.
     *
     * @param gate run first, in the claim's transaction; a time when what it guards is busy until then
     */
    public Claim claimThrough(long withdrawalId, long jobExecutionId, WithdrawalStatus from, Instant now,
            Supplier<Optional<Instant>> gate) {
        return ownTransaction.execute(tx -> {
            Optional<Instant> busyUntil = gate.get();
            if (busyUntil.isPresent()) {
                return new Claim(false, busyUntil.get());
            }
            boolean claimed = claimStatement(jdbc, withdrawalId, jobExecutionId, from, now);
            if (!claimed) {
                tx.setRollbackOnly(); // what the gate took was not used
            }
            return new Claim(claimed, null);
        });
    }

    /**
     * What a claim came to: claimed (send it), or not — because what the gate guards is busy until
     * {@code busyUntil}, or because another attempt got there first or the row is not due ({@code busyUntil} null).
     */
    public record Claim(boolean claimed, @Nullable Instant busyUntil) {
    }

    public boolean deferUnsent(long withdrawalId, long jobExecutionId, WithdrawalStatus from, Instant notBefore, String code,
            String why) {
        return transition(withdrawalId, jobExecutionId, from, WithdrawalStatus.DEFERRED, code, why, ", not_before = ?",
                notBefore.atOffset(ZoneOffset.UTC));
    }

    /** Another attempt of the same claim, after a failure that provably did not execute. */
    public void recordRetry(long withdrawalId, long jobExecutionId, WithdrawalOutcome.Failed failure) {
        transition(withdrawalId, jobExecutionId, WithdrawalStatus.IN_FLIGHT, WithdrawalStatus.IN_FLIGHT, failure.code(),
                "retrying after: " + failure.message(), ", attempts = attempts + 1");
    }

    /**
     * IN_FLIGHT → where it was claimed from (READY, or DEFERRED with its {@code not_before} kept): the call was refused
     * before anything executed (credentials), so a later attempt may send it.
     */
    public void release(long withdrawalId, long jobExecutionId, WithdrawalStatus claimedFrom, String why) {
        transition(withdrawalId, jobExecutionId, WithdrawalStatus.IN_FLIGHT, claimedFrom, "NOT_SENT", why, "");
    }

    /** IN_FLIGHT → the outcome's state, with what the provider told us. */
    public WithdrawalStatus recordOutcome(long withdrawalId, long jobExecutionId, WithdrawalOutcome outcome, Instant now) {
        WithdrawalStatus status = statusOf(outcome);
        boolean recorded;
        if (outcome instanceof WithdrawalOutcome.Succeeded s) {
            recorded = transition(withdrawalId, jobExecutionId, WithdrawalStatus.IN_FLIGHT, status, s.code(), s.message(),
                    ", provider_transaction_id = ?, net_amount = ?, fee = ?, balance_before = ?, balance_after = ?",
                    s.transactionId(), s.netAmount(), s.fee(), s.balanceBefore(), s.balanceAfter());
        }
        else if (outcome instanceof WithdrawalOutcome.Deferred d) {
            recorded = transition(withdrawalId, jobExecutionId, WithdrawalStatus.IN_FLIGHT, status, d.code(), d.message(),
                    ", not_before = ?", now.plus(max(min(d.retryAfter(), LONGEST_DEFERRAL), SHORTEST_DEFERRAL)).atOffset(ZoneOffset.UTC));
        }
        else {
            recorded = transition(withdrawalId, jobExecutionId, WithdrawalStatus.IN_FLIGHT, status, outcome.code(),
                    outcome.message(), "");
        }
        if (!recorded) {
            throw new IllegalStateException("withdrawal " + withdrawalId + " was not IN_FLIGHT when its outcome arrived");
        }
        return status;
    }

    /**
     * Rows left IN_FLIGHT by an execution that is no longer running (its process died between the mark and the
     * outcome, and it was recovered): the call may have executed, so they become UNKNOWN and are never sent again.
     * Rows claimed by a live execution, in this process or another, are left alone.
     */
    public int markInterruptedUnknown(long jobExecutionId) {
        return committing.update("""
                WITH w AS (
                    UPDATE withdrawal SET status = 'UNKNOWN', reason_code = 'INTERRUPTED_IN_FLIGHT',
                        reason = 'the run stopped while this withdrawal was being sent; it may have executed: check with the provider',
                        updated_at = now()
                    WHERE status = 'IN_FLIGHT' AND (claimed_by IS NULL OR claimed_by IN (
                        SELECT job_execution_id FROM batch_job_execution WHERE status NOT IN ('STARTING', 'STARTED', 'STOPPING')))
                    RETURNING id, reason_code, reason)
                INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, from_status, to_status, reason_code, detail)
                SELECT id, ?, 'IN_FLIGHT', 'UNKNOWN', reason_code, reason FROM w
                """, jobExecutionId);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static WithdrawalStatus statusOf(WithdrawalOutcome outcome) {
        if (outcome instanceof WithdrawalOutcome.Succeeded) {
            return WithdrawalStatus.SUCCEEDED;
        }
        if (outcome instanceof WithdrawalOutcome.Declined) {
            return WithdrawalStatus.DECLINED;
        }
        if (outcome instanceof WithdrawalOutcome.Deferred) {
            return WithdrawalStatus.DEFERRED;
        }
        if (outcome instanceof WithdrawalOutcome.Failed) {
            return WithdrawalStatus.FAILED;
        }
        return WithdrawalStatus.UNKNOWN;
    }

    private boolean transition(long id, long jobExecutionId, WithdrawalStatus from, WithdrawalStatus to, @Nullable String code,
            String detail, String extraAssignments, @Nullable Object... extraValues) {
        return update(committing, id, jobExecutionId, from, to, code, detail, extraAssignments, "", extraValues);
    }

    /**
     * The conditional transition and its event, as one statement on {@code on}: committed by itself on {@link #committing},
     * in the caller's transaction on {@link #jdbc}.
     *
     * @param extraCondition appended to the WHERE clause; its parameters come last in {@code extraValues}, after
     *        those of {@code extraAssignments}
     */
    private boolean update(JdbcTemplate on, long id, long jobExecutionId, WithdrawalStatus from, WithdrawalStatus to, @Nullable String code,
            String detail, String extraAssignments, String extraCondition, @Nullable Object... extraValues) {
        boolean intermediate = to == WithdrawalStatus.IN_FLIGHT || to == WithdrawalStatus.READY;
        List<@Nullable Object> args = new ArrayList<>();
        args.add(to.name());
        args.add(intermediate ? null : code);
        args.add(intermediate ? null : detail);
        int assignmentValues = countPlaceholders(extraAssignments);
        args.addAll(Arrays.asList(extraValues).subList(0, assignmentValues));
        args.addAll(Arrays.asList(id, from.name()));
        args.addAll(Arrays.asList(extraValues).subList(assignmentValues, extraValues.length));
        args.addAll(Arrays.asList(jobExecutionId, from.name(), to.name(), code, detail));
        return on.update(TRANSITION.formatted(extraAssignments, extraCondition), args.toArray()) > 0;
    }

    private static int countPlaceholders(String sql) {
        return (int) sql.chars().filter(c -> c == '?').count();
    }
}
