package io.cardsweep.ledger;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.TerminationOutcome;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The card terminations of a sweep, as the withdrawal's protocol has them: each a conditional transition of the row's
 * {@code termination} column with its event (subject {@code termination}), committed on its own before the method
 * returns — the {@code IN_FLIGHT} mark before the provider is called, the outcome as soon as it is known. A termination
 * that may have executed is never sent again.
 */
public class TerminationLedger {

    private static final String TRANSITION = """
            WITH w AS (
                UPDATE withdrawal SET termination = ?, termination_code = ?, termination_reason = ?, updated_at = now() %s
                WHERE id = ? AND termination = ?
                RETURNING id)
            INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, subject, from_status, to_status, reason_code, detail)
            SELECT id, ?, 'termination', ?, ?, ?, ? FROM w
            """;

    /**
     * PENDING (or DEFERRED and due) → IN_FLIGHT, starting the provider's cooldown with it when it has one. Every row of
     * the job for the same card is locked first, in id order, and the row is claimed only if no other of them has sent
     * the card's termination (in flight, done, or in doubt): two instructions for one card terminate it once, whichever
     * process claims first. The cooldown is taken only for a row this statement claims, and the row claimed only if the
     * cooldown could be taken. Answers whether it was claimed and, when a cooldown held it, until when.
     */
    private static final String CLAIM = """
            WITH card AS (
                SELECT o.id, o.termination FROM withdrawal o JOIN withdrawal w ON w.id = ?
                WHERE o.job_name = w.job_name AND o.provider = w.provider AND o.termination IS NOT NULL
                    AND coalesce(o.card_hash, o.card_id) = coalesce(w.card_hash, w.card_id)
                ORDER BY o.id
                FOR UPDATE OF o),
            row AS (
                SELECT id FROM withdrawal WHERE id = ? AND termination = ? AND (termination = 'PENDING' OR termination_not_before <= ?)
                    AND NOT EXISTS (SELECT 1 FROM card WHERE card.id <> withdrawal.id
                        AND card.termination IN ('IN_FLIGHT', 'TERMINATED', 'ALREADY_TERMINATED', 'UNKNOWN'))
                    AND EXISTS (SELECT 1 FROM card WHERE card.id = withdrawal.id)
                FOR UPDATE),
            started AS (
                INSERT INTO cooldown (provider, scope_key, available_at)
                SELECT ?::text, ?::text, ?::timestamptz FROM row WHERE ?::text IS NOT NULL
                ON CONFLICT (provider, scope_key) DO UPDATE SET available_at = EXCLUDED.available_at
                WHERE cooldown.available_at <= ?
                RETURNING provider),
            w AS (
                UPDATE withdrawal SET termination = 'IN_FLIGHT', termination_code = NULL, termination_reason = NULL,
                    termination_not_before = NULL, termination_claimed_by = ?, updated_at = now()
                WHERE id IN (SELECT id FROM row) AND (?::text IS NULL OR EXISTS (SELECT 1 FROM started))
                RETURNING id),
            e AS (
                INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, subject, from_status, to_status, reason_code, detail)
                SELECT id, ?, 'termination', ?, 'IN_FLIGHT', NULL, 'claimed before the provider call' FROM w)
            SELECT EXISTS (SELECT 1 FROM w),
                CASE WHEN EXISTS (SELECT 1 FROM row) AND NOT EXISTS (SELECT 1 FROM w) THEN
                    (SELECT available_at FROM cooldown WHERE provider = ? AND scope_key = ?) END
            """;

    /** The withdrawal states after which a card may be terminated: its money is out, or there was none to take. */
    private static final Set<WithdrawalStatus> SWEPT = Set.of(WithdrawalStatus.SUCCEEDED, WithdrawalStatus.NOTHING_TO_RECLAIM,
            WithdrawalStatus.BY_TERMINATION);

    /** Whether a card whose withdrawal ended so may be terminated. */
    public static boolean isSwept(WithdrawalStatus withdrawal) {
        return SWEPT.contains(withdrawal);
    }

    private final JdbcTemplate committing;

    public TerminationLedger(JdbcTemplate jdbc) {
        this.committing = new JdbcTemplate(new AutoCommitDataSource(Objects.requireNonNull(jdbc.getDataSource())));
    }

    /**
     * A termination to make: its withdrawal has ended, and no other instruction of the job for the same card is still
     * to be sent or in doubt (a card is closed only once nothing else is to be taken from it).
     *
     * @param from PENDING, or DEFERRED and due
     * @param terminatedWith the instruction id of another instruction of the job whose termination of the same card was
     *        made or sent; null when none
     */
    public record Due(long id, String from, WithdrawalStatus withdrawal, String instructionId, String instructionKey,
            ProviderName provider, String cardId, @Nullable String sealedCardNumber, @Nullable BigDecimal latitude,
            @Nullable BigDecimal longitude, @Nullable String terminatedWith) {

        /** Never the sealed card number; the card id masked. */
        @Override
        public String toString() {
            return "Due[id=" + id + ", instructionKey=" + instructionKey + ", provider=" + provider + ", from=" + from + "]";
        }
    }

    /** Up to {@code limit} terminations of the job that are due at {@code now}, in the order they were loaded. */
    public List<Due> due(String jobName, Set<ProviderName> providers, Instant now, int limit) {
        String[] ids = providers.stream().map(ProviderName::id).toArray(String[]::new);
        return committing.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT w.id, w.termination, w.status, w.instruction_id, w.instruction_key, w.provider, w.card_id,
                        w.sealed_card_number, w.latitude, w.longitude,
                        (SELECT o.instruction_id FROM withdrawal o
                            WHERE o.job_name = w.job_name AND o.provider = w.provider AND o.id <> w.id AND o.termination IS NOT NULL
                                AND coalesce(o.card_hash, o.card_id) = coalesce(w.card_hash, w.card_id)
                                AND o.termination IN ('IN_FLIGHT', 'TERMINATED', 'ALREADY_TERMINATED', 'UNKNOWN')
                            ORDER BY o.id LIMIT 1) AS terminated_with
                    FROM withdrawal w
                    WHERE w.job_name = ? AND w.provider = ANY (?)
                        AND (w.termination = 'PENDING' OR (w.termination = 'DEFERRED' AND w.termination_not_before <= ?))
                        AND w.status NOT IN ('READY', 'IN_FLIGHT', 'DEFERRED', 'UNKNOWN')
                        AND NOT EXISTS (SELECT 1 FROM withdrawal o
                            WHERE o.job_name = w.job_name AND o.provider = w.provider AND o.id <> w.id AND o.termination IS NOT NULL
                                AND coalesce(o.card_hash, o.card_id) = coalesce(w.card_hash, w.card_id)
                                AND o.status IN ('READY', 'IN_FLIGHT', 'DEFERRED', 'UNKNOWN'))
                    ORDER BY w.id LIMIT ?""");
            statement.setString(1, jobName);
            statement.setArray(2, connection.createArrayOf("text", ids));
            statement.setObject(3, utc(now));
            statement.setInt(4, limit);
            return statement;
        }, (rs, n) -> new Due(rs.getLong("id"), rs.getString("termination"), WithdrawalStatus.valueOf(rs.getString("status")),
                rs.getString("instruction_id"), rs.getString("instruction_key"), ProviderName.fromId(rs.getString("provider")).orElseThrow(),
                rs.getString("card_id"), rs.getString("sealed_card_number"), rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"),
                rs.getString("terminated_with")));
    }

    /** How many of the job's terminations wait for a cooldown, and when the first is due (null when none waits). */
    public record Waiting(int count, @Nullable Instant nextDue) {
    }

    public Waiting waiting(String jobName, Set<ProviderName> providers) {
        String[] ids = providers.stream().map(ProviderName::id).toArray(String[]::new);
        return Objects.requireNonNull(committing.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT count(*), min(termination_not_before) FROM withdrawal
                    WHERE job_name = ? AND termination = 'DEFERRED' AND provider = ANY (?)""");
            statement.setString(1, jobName);
            statement.setArray(2, connection.createArrayOf("text", ids));
            return statement;
        }, (ResultSet rs) -> {
            rs.next();
            OffsetDateTime next = rs.getObject(2, OffsetDateTime.class);
            return new Waiting(rs.getInt(1), next == null ? null : next.toInstant());
        }));
    }

    /**
     * Claims the termination (PENDING, or DEFERRED and due → IN_FLIGHT), starting {@code cooldown} with it in the same
     * statement: both commit, or neither.
     *
     * @param cooldown the cooldown the attempt starts (Uncash counts a close as a withdrawal attempt), or null
     */
    public WithdrawalLedger.Claim claim(long id, long jobExecutionId, String from, Instant now,
            WithdrawalLedger.@Nullable CooldownStart cooldown) {
        return Objects.requireNonNull(committing.execute((ConnectionCallback<WithdrawalLedger.Claim>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
                String provider = cooldown == null ? null : cooldown.provider();
                String scope = cooldown == null ? null : cooldown.scopeKey();
                Object[] args = {id, id, from, utc(now), provider, scope, cooldown == null ? null : utc(cooldown.until()), provider, utc(now),
                    jobExecutionId, provider, jobExecutionId, from, provider, scope};
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    OffsetDateTime busyUntil = result.getObject(2, OffsetDateTime.class);
                    return new WithdrawalLedger.Claim(result.getBoolean(1), busyUntil == null ? null : busyUntil.toInstant());
                }
            }
        }));
    }

    /** PENDING or DEFERRED → DEFERRED, unsent: a cooldown runs until {@code notBefore}. */
    public boolean deferUnsent(long id, long jobExecutionId, String from, Instant notBefore, String code, String why) {
        return transition(id, jobExecutionId, from, "DEFERRED", code, why, ", termination_not_before = ?", utc(notBefore));
    }

    /** PENDING or DEFERRED → SKIPPED: the card is left as it is, for the reason given. */
    public boolean skip(long id, long jobExecutionId, String from, String code, String why) {
        return transition(id, jobExecutionId, from, "SKIPPED", code, why, ", termination_not_before = NULL");
    }

    /** IN_FLIGHT → where it was claimed from: the call was refused before anything executed (credentials). */
    public void release(long id, long jobExecutionId, String claimedFrom, String why, WithdrawalLedger.@Nullable CooldownStart started) {
        transition(id, jobExecutionId, "IN_FLIGHT", claimedFrom, "NOT_SENT", why,
                claimedFrom.equals("DEFERRED") ? ", termination_not_before = now()" : "");
        if (started != null) {
            committing.update("DELETE FROM cooldown WHERE provider = ? AND scope_key = ? AND available_at = ?", started.provider(),
                    started.scopeKey(), utc(started.until()));
        }
    }

    /** IN_FLIGHT → the outcome's state, with what the provider told us; the state written. */
    public String record(long id, long jobExecutionId, TerminationOutcome outcome, Instant now) {
        String state = stateOf(outcome);
        boolean recorded;
        if (outcome instanceof TerminationOutcome.Terminated terminated) {
            recorded = transition(id, jobExecutionId, "IN_FLIGHT", state, outcome.code(), outcome.message(), ", termination_refunded = ?",
                    terminated.refunded());
        }
        else if (outcome instanceof TerminationOutcome.Deferred deferred) {
            recorded = transition(id, jobExecutionId, "IN_FLIGHT", state, outcome.code(), outcome.message(), ", termination_not_before = ?",
                    utc(now.plus(max(deferred.retryAfter(), WithdrawalLedger.SHORTEST_DEFERRAL))));
        }
        else {
            recorded = transition(id, jobExecutionId, "IN_FLIGHT", state, outcome.code(), outcome.message(), "");
        }
        if (!recorded) {
            throw new IllegalStateException("termination of withdrawal " + id + " was not IN_FLIGHT when its outcome arrived");
        }
        return state;
    }

    /**
     * Terminations left IN_FLIGHT by an execution that is no longer running: the call may have executed, so they
     * become UNKNOWN and are never sent again.
     */
    public int markInterruptedUnknown(long jobExecutionId) {
        return committing.update("""
                WITH w AS (
                    UPDATE withdrawal SET termination = 'UNKNOWN', termination_code = 'INTERRUPTED_IN_FLIGHT',
                        termination_reason = 'the run stopped while this card''s termination was being sent; it may have executed:'
                            || ' check the card with the provider',
                        updated_at = now()
                    WHERE termination = 'IN_FLIGHT' AND (termination_claimed_by IS NULL OR termination_claimed_by IN (
                        SELECT job_execution_id FROM batch_job_execution WHERE status NOT IN ('STARTING', 'STARTED', 'STOPPING')))
                    RETURNING id, termination_code, termination_reason)
                INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, subject, from_status, to_status, reason_code, detail)
                SELECT id, ?, 'termination', 'IN_FLIGHT', 'UNKNOWN', termination_code, termination_reason FROM w
                """, jobExecutionId);
    }

    /**
     * An operator settles a termination in doubt (UNKNOWN), having checked the card with the provider: {@code terminated}
     * → TERMINATED, with the refund the provider shows if the operator gives one; otherwise → PENDING, so that the next
     * run of the job sends it (a card that was closed after all is then refused as already terminated, not closed
     * twice). The operator's note is the reason and the event's detail. Only an UNKNOWN termination is settled.
     *
     * @return the termination's state before (unchanged when it was not UNKNOWN; empty text when the instruction asks for
     *         none), or empty when there is no such instruction
     */
    public Optional<String> resolve(String jobName, String instructionId, boolean terminated, String note, @Nullable BigDecimal refunded) {
        if (!terminated && refunded != null) {
            throw new IllegalArgumentException("a refund goes with a card that was terminated");
        }
        String key = InstructionKeys.of(jobName, instructionId);
        List<String> before = committing.queryForList("SELECT coalesce(termination, '') FROM withdrawal WHERE instruction_key = ?",
                String.class, key);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        String to = terminated ? "TERMINATED" : "PENDING";
        String detail = "resolved by an operator: " + note + (terminated ? "" : "; the next run of the job sends the termination");
        int resolved = committing.update("""
                WITH w AS (
                    UPDATE withdrawal SET termination = ?, termination_code = 'RESOLVED_BY_OPERATOR', termination_reason = ?,
                        termination_refunded = ?, termination_not_before = NULL, updated_at = now()
                    WHERE instruction_key = ? AND termination = 'UNKNOWN'
                    RETURNING id)
                INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, subject, from_status, to_status, reason_code, detail)
                SELECT id, NULL, 'termination', 'UNKNOWN', ?, 'RESOLVED_BY_OPERATOR', ? FROM w
                """, to, detail, refunded, key, to, detail);
        return Optional.of(resolved == 1 ? "UNKNOWN" : before.get(0));
    }

    /** The state an outcome leaves the termination in: the outcome's own name, as the withdrawal's are. */
    static String stateOf(TerminationOutcome outcome) {
        if (outcome instanceof TerminationOutcome.Terminated) {
            return "TERMINATED";
        }
        if (outcome instanceof TerminationOutcome.AlreadyTerminated) {
            return "ALREADY_TERMINATED";
        }
        if (outcome instanceof TerminationOutcome.Declined) {
            return "DECLINED";
        }
        if (outcome instanceof TerminationOutcome.Deferred) {
            return "DEFERRED";
        }
        if (outcome instanceof TerminationOutcome.Failed) {
            return "FAILED";
        }
        return "UNKNOWN";
    }

    private boolean transition(long id, long jobExecutionId, String from, String to, @Nullable String code, String detail,
            String extraAssignments, @Nullable Object... extraValues) {
        List<@Nullable Object> args = new ArrayList<>();
        args.add(to);
        args.add(code);
        args.add(detail);
        args.addAll(Arrays.asList(extraValues));
        args.addAll(Arrays.asList(id, from));
        args.addAll(Arrays.asList(jobExecutionId, from, to, code, detail));
        return committing.update(TRANSITION.formatted(extraAssignments), args.toArray()) > 0;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
