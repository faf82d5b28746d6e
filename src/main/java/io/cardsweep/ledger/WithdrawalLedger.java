package io.cardsweep.ledger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.cardsweep.provider.WithdrawalOutcome;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The state transitions of the exactly-once protocol. Each one is a single conditional statement in
 * a transaction of its own ({@code REQUIRES_NEW}), committed before the method returns, so that the
 * {@code IN_FLIGHT} mark is durable before the provider is called and the outcome is durable as soon
 * as it is known, whatever happens to the chunk around it. Each appends its event in the same statement.
 */
public class WithdrawalLedger {

    private static final String TRANSITION = """
            WITH w AS (
                UPDATE withdrawal SET status = ?, reason_code = ?, reason = ?, updated_at = now() %s
                WHERE id = ? AND status = ?
                RETURNING id)
            INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, from_status, to_status, reason_code, detail)
            SELECT id, ?, ?, ?, ?, ? FROM w
            """;

    /** A provider asking to wait longer than this is taken to mean "not today"; the row is looked at again tomorrow. */
    static final Duration LONGEST_DEFERRAL = Duration.ofDays(1);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public WithdrawalLedger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * READY (or DEFERRED, when its time has come) → IN_FLIGHT, counting the attempt. False when another attempt got
     * there first: then it must not be sent.
     */
    public boolean claim(long withdrawalId, long jobExecutionId, WithdrawalStatus from) {
        return transition(withdrawalId, jobExecutionId, from, WithdrawalStatus.IN_FLIGHT, null,
                "claimed before the provider call", ", attempts = attempts + 1");
    }

    /** READY or DEFERRED → DEFERRED until {@code notBefore}, without any call: a cooldown or limit of ours said wait. */
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

    /** IN_FLIGHT → READY: the call was refused before anything executed (credentials), so a restart may send it. */
    public void release(long withdrawalId, long jobExecutionId, String why) {
        transition(withdrawalId, jobExecutionId, WithdrawalStatus.IN_FLIGHT, WithdrawalStatus.READY, "NOT_SENT", why, "");
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
                    ", not_before = ?", now.plus(min(d.retryAfter(), LONGEST_DEFERRAL)).atOffset(ZoneOffset.UTC));
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
     * Rows of this run and provider left IN_FLIGHT by a process that died between the mark and the outcome: the
     * call may have executed, so they become UNKNOWN and are never sent again.
     */
    public int markInterruptedUnknown(long runId, String provider, long jobExecutionId) {
        return ownTransaction.execute(tx -> jdbc.update("""
                WITH w AS (
                    UPDATE withdrawal SET status = 'UNKNOWN', reason_code = 'INTERRUPTED_IN_FLIGHT',
                        reason = 'the run stopped while this withdrawal was being sent; it may have executed: check with the provider',
                        updated_at = now()
                    WHERE run_id = ? AND provider = ? AND status = 'IN_FLIGHT'
                    RETURNING id, reason_code, reason)
                INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, from_status, to_status, reason_code, detail)
                SELECT id, ?, 'IN_FLIGHT', 'UNKNOWN', reason_code, reason FROM w
                """, runId, provider, jobExecutionId));
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
        boolean intermediate = to == WithdrawalStatus.IN_FLIGHT || to == WithdrawalStatus.READY;
        List<@Nullable Object> args = new ArrayList<>();
        args.add(to.name());
        args.add(intermediate ? null : code);
        args.add(intermediate ? null : detail);
        args.addAll(Arrays.asList(extraValues));
        args.addAll(Arrays.asList(id, from.name(), jobExecutionId, from.name(), to.name(), code, detail));
        Integer rows = ownTransaction.execute(tx -> jdbc.update(TRANSITION.formatted(extraAssignments), args.toArray()));
        return rows != null && rows > 0;
    }
}
