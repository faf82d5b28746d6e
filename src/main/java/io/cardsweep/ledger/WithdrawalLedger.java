package io.cardsweep.ledger;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.cardsweep.provider.AnswerClassification;
import io.cardsweep.provider.WithdrawalOutcome;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

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
                WHERE id = ? AND status = ?
                RETURNING id)
            INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, from_status, to_status, reason_code, detail)
            SELECT id, ?, ?, ?, ?, ? FROM w
            """;

    /** A provider asking to wait longer than this is taken to mean "not today"; the row is looked at again tomorrow. */
    static final Duration LONGEST_DEFERRAL = Duration.ofDays(1);

    /** A provider asking for no wait at all (Retry-After: 0, a date past) still gets a moment, so nothing spins. */
    static final Duration SHORTEST_DEFERRAL = Duration.ofSeconds(5);

    /**
     * Claims of several rows as one statement, each with the cooldown its attempt starts, if any. A row that starts a
     * cooldown is locked first, so the cooldown is taken only for a row this statement claims, and the claim is made
     * only if the cooldown could be taken: both commit, or neither. Two rows of one cooldown scope in a batch start it
     * once (the first); the other waits for it. A row is answered by its position in the arrays; a row that could be
     * claimed but whose cooldown runs says until when.
     */
    private static final String CLAIM_ROWS = """
            WITH v AS (
                SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::timestamptz[],
                        ?::numeric[], ?::numeric[])
                    WITH ORDINALITY AS t (id, execution, from_status, at, cooldown_provider, scope_key, cooldown_until, balance_before,
                        amount, position)),
            locked AS (
                SELECT withdrawal.id, withdrawal.status, withdrawal.not_before FROM withdrawal
                WHERE withdrawal.id IN (SELECT id FROM v WHERE scope_key IS NOT NULL)
                ORDER BY withdrawal.id
                FOR UPDATE),
            cooling AS (
                SELECT DISTINCT ON (v.id) v.* FROM v JOIN locked ON locked.id = v.id
                WHERE locked.status = v.from_status AND (v.from_status = 'READY' OR locked.not_before <= v.at)
                ORDER BY v.id, v.position),
            starting AS (
                SELECT DISTINCT ON (cooldown_provider, scope_key) * FROM cooling ORDER BY cooldown_provider, scope_key, position),
            started AS (
                INSERT INTO cooldown (provider, scope_key, available_at)
                SELECT cooldown_provider, scope_key, cooldown_until FROM starting
                ON CONFLICT (provider, scope_key) DO UPDATE SET available_at = EXCLUDED.available_at
                WHERE cooldown.available_at <= ?
                RETURNING provider, scope_key),
            allowed AS (
                SELECT starting.* FROM starting
                JOIN started ON started.provider = starting.cooldown_provider AND started.scope_key = starting.scope_key),
            w AS (
                UPDATE withdrawal SET status = 'IN_FLIGHT', reason_code = NULL, reason = NULL, updated_at = now(),
                    attempts = withdrawal.attempts + 1, claimed_by = v.execution, not_before = NULL, balance_before = v.balance_before,
                    amount = CASE WHEN withdrawal.full_balance THEN v.amount ELSE withdrawal.amount END
                FROM v
                WHERE withdrawal.id = v.id AND withdrawal.status = v.from_status
                    AND (v.from_status = 'READY' OR withdrawal.not_before <= v.at)
                    AND (v.scope_key IS NULL OR v.position IN (SELECT position FROM allowed))
                RETURNING withdrawal.id, v.execution, v.from_status, v.position),
            e AS (
                INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, from_status, to_status, reason_code, detail)
                SELECT id, execution, from_status, 'IN_FLIGHT', NULL, 'claimed before the provider call' FROM w)
            SELECT v.position, w.position IS NOT NULL,
                CASE WHEN w.position IS NULL AND cooling.position IS NOT NULL THEN coalesce(
                    (SELECT allowed.cooldown_until FROM allowed
                        WHERE allowed.cooldown_provider = v.cooldown_provider AND allowed.scope_key = v.scope_key),
                    (SELECT cooldown.available_at FROM cooldown
                        WHERE cooldown.provider = v.cooldown_provider AND cooldown.scope_key = v.scope_key AND cooldown.available_at > v.at),
                    v.cooldown_until) END
            FROM v LEFT JOIN w ON w.position = v.position LEFT JOIN cooling ON cooling.position = v.position
            """;

    /**
     * Outcomes of several rows as one statement (or of one row: a batch of one): the state, the reason, and the columns
     * only a success fills (what the provider reports) or only a deferral does (when it ends). Answered by position.
     */
    private static final String RECORD_OUTCOMES = """
            WITH v AS (
                SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[],
                        ?::numeric[], ?::numeric[], ?::numeric[], ?::timestamptz[])
                    WITH ORDINALITY AS t (id, execution, status, code, detail, transaction_id, net_amount, fee, balance_before,
                        balance_after, not_before, position)),
            w AS (
                UPDATE withdrawal SET status = v.status, reason_code = v.code, reason = v.detail, updated_at = now(),
                    provider_transaction_id = CASE WHEN v.status = 'SUCCEEDED' THEN v.transaction_id ELSE withdrawal.provider_transaction_id END,
                    net_amount = CASE WHEN v.status = 'SUCCEEDED' THEN v.net_amount ELSE withdrawal.net_amount END,
                    fee = CASE WHEN v.status = 'SUCCEEDED' THEN v.fee ELSE withdrawal.fee END,
                    balance_before = CASE WHEN v.status = 'SUCCEEDED' THEN coalesce(v.balance_before, withdrawal.balance_before)
                        ELSE withdrawal.balance_before END,
                    balance_after = CASE WHEN v.status = 'SUCCEEDED' THEN v.balance_after ELSE withdrawal.balance_after END,
                    not_before = CASE WHEN v.status = 'DEFERRED' THEN v.not_before ELSE withdrawal.not_before END
                FROM v WHERE withdrawal.id = v.id AND withdrawal.status = 'IN_FLIGHT'
                RETURNING withdrawal.id, v.execution, v.status, v.code, v.detail, v.position),
            e AS (
                INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, from_status, to_status, reason_code, detail)
                SELECT id, execution, 'IN_FLIGHT', status, code, detail FROM w)
            SELECT position FROM w
            """;

    /**
     * A full-balance row that ends unsent carries no amount: one an earlier attempt fixed with its claim (and that was
     * deferred, or released) was never withdrawn, and the summary must not count it.
     */
    private static final String NO_AMOUNT_SENT = ", amount = CASE WHEN full_balance THEN NULL ELSE amount END";

    /** Rows written together at most: one statement's arrays, and one group of threads waiting for it. */
    private static final int MAX_BATCH = 64;

    private final JdbcTemplate committing;
    private final Coalescer<ClaimInput, Claim> claims;
    private final Coalescer<OutcomeInput, Boolean> outcomes;

    public WithdrawalLedger(JdbcTemplate jdbc) {
        this.committing = new JdbcTemplate(new AutoCommitDataSource(Objects.requireNonNull(jdbc.getDataSource())));
        // Withdrawal threads claiming or recording at the same moment share one statement (group commit).
        this.claims = new Coalescer<>(this::claimTogether, input -> claimTogether(List.of(input)).get(0),
                DataIntegrityViolationException.class::isInstance, MAX_BATCH);
        this.outcomes = new Coalescer<>(this::recordTogether, input -> recordTogether(List.of(input)).get(0),
                DataIntegrityViolationException.class::isInstance, MAX_BATCH);
    }

    /**
     * READY (or DEFERRED, once its {@code not_before} has passed) → IN_FLIGHT, counting the attempt and recording
     * which execution claimed it. False when another attempt got there first, or the row is not yet due: then it
     * must not be sent.
     */
    public boolean claim(long withdrawalId, long jobExecutionId, WithdrawalStatus from, Instant now) {
        return claim(withdrawalId, jobExecutionId, from, now, null).claimed();
    }

    /**
     * Claims the row as {@link #claim(long, long, WithdrawalStatus, Instant)} does, and starts {@code cooldown} with
     * it, in one statement: both commit, or neither. A process that dies around the claim can then neither leave a
     * cooldown running for an attempt that never happened nor an attempt without its cooldown. Claims made by
     * several withdrawal threads at the same moment share one statement (group commit).
     *
     * @param cooldown the cooldown the attempt starts, or null when its provider has none
     */
    public Claim claim(long withdrawalId, long jobExecutionId, WithdrawalStatus from, Instant now, @Nullable CooldownStart cooldown) {
        return claim(withdrawalId, jobExecutionId, from, now, cooldown, null);
    }

    /**
     * Claims the row as {@link #claim(long, long, WithdrawalStatus, Instant, CooldownStart)} does, keeping the card's
     * balance read just before: what reconciliation compares the card's balance with, should no answer come.
     *
     * @param balanceBefore the card's balance before this attempt, or null when none was read
     */
    public Claim claim(long withdrawalId, long jobExecutionId, WithdrawalStatus from, Instant now, @Nullable CooldownStart cooldown,
            @Nullable BigDecimal balanceBefore) {
        return claim(withdrawalId, jobExecutionId, from, now, cooldown, balanceBefore, null);
    }

    /**
     * Claims the row as {@link #claim(long, long, WithdrawalStatus, Instant, CooldownStart, BigDecimal)} does and, for a
     * full-balance instruction, fixes the amount this attempt sends in the same statement: the amount is on record
     * before anything is sent, as every IN_FLIGHT row's is (the table refuses one without).
     *
     * @param fullBalanceAmount what a full-balance instruction withdraws in this attempt; ignored for an instruction with
     *        its own amount
     */
    public Claim claim(long withdrawalId, long jobExecutionId, WithdrawalStatus from, Instant now, @Nullable CooldownStart cooldown,
            @Nullable BigDecimal balanceBefore, @Nullable BigDecimal fullBalanceAmount) {
        return claims.submit(new ClaimInput(withdrawalId, jobExecutionId, from, now, cooldown, balanceBefore, fullBalanceAmount));
    }

    /**
     * READY (or DEFERRED) → NOTHING_TO_RECLAIM, unsent: the card's balance, kept with the row, is below what the
     * provider lets one withdrawal take.
     */
    public boolean nothingToReclaim(long withdrawalId, long jobExecutionId, WithdrawalStatus from, BigDecimal balance, String why) {
        return transition(withdrawalId, jobExecutionId, from, WithdrawalStatus.NOTHING_TO_RECLAIM, "BELOW_MINIMUM", why,
                ", balance_before = ?, not_before = NULL" + NO_AMOUNT_SENT, balance);
    }

    /**
     * READY → BY_TERMINATION, unsent: the card's whole balance cannot be read (Plu), so it is left for the card's
     * termination to liquidate.
     */
    public boolean byTermination(long withdrawalId, long jobExecutionId, WithdrawalStatus from, String why) {
        return transition(withdrawalId, jobExecutionId, from, WithdrawalStatus.BY_TERMINATION, "SWEPT_BY_TERMINATION", why,
                ", not_before = NULL");
    }

    /**
     * READY (or DEFERRED) → FAILED, unsent: what the withdrawal needed before it could be sent could not be had (a
     * full-balance instruction's balance could not be read), after its retries.
     */
    public boolean failUnsent(long withdrawalId, long jobExecutionId, WithdrawalStatus from, String code, String why) {
        return transition(withdrawalId, jobExecutionId, from, WithdrawalStatus.FAILED, code, why, ", not_before = NULL" + NO_AMOUNT_SENT);
    }

    /**
     * A cooldown an attempt starts: none may be running for the provider's scope (a card, or the account) when the
     * row is claimed, and the next attempt in that scope may start at {@code until}.
     */
    public record CooldownStart(String provider, String scopeKey, Instant until) {
    }

    /**
     * What a claim came to: claimed (send it), or not — because the cooldown runs until {@code busyUntil}, or
     * because another attempt got there first or the row is not due ({@code busyUntil} null).
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
     * IN_FLIGHT → where it was claimed from (READY, or DEFERRED due at once: it was due when claimed): the call was
     * refused before anything executed (credentials), so a later attempt may send it.
     */
    public void release(long withdrawalId, long jobExecutionId, WithdrawalStatus claimedFrom, String why) {
        release(withdrawalId, jobExecutionId, claimedFrom, why, null);
    }

    /**
     * Releases the claim as {@link #release(long, long, WithdrawalStatus, String)} does and, in the same statement, ends
     * the cooldown the claim started: a refused call was no attempt on the card (Uncash checks its key before anything
     * else), so the attempt after the fix need not wait 15 minutes for one that never happened. Only that cooldown ends,
     * the one running until {@code started.until()}; none other could have started while it ran.
     *
     * @param started the cooldown the claim started, or null when its provider has none
     */
    public void release(long withdrawalId, long jobExecutionId, WithdrawalStatus claimedFrom, String why, @Nullable CooldownStart started) {
        if (started == null) {
            transition(withdrawalId, jobExecutionId, WithdrawalStatus.IN_FLIGHT, claimedFrom, "NOT_SENT", why,
                    claimedFrom == WithdrawalStatus.DEFERRED ? ", not_before = now()" : "");
            return;
        }
        committing.update("""
                WITH w AS (
                    UPDATE withdrawal SET status = ?, reason_code = NULL, reason = NULL, updated_at = now(),
                        not_before = CASE WHEN ? = 'DEFERRED' THEN now() ELSE not_before END
                    WHERE id = ? AND status = 'IN_FLIGHT'
                    RETURNING id),
                c AS (
                    DELETE FROM cooldown WHERE provider = ? AND scope_key = ? AND available_at = ? AND EXISTS (SELECT 1 FROM w))
                INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, from_status, to_status, reason_code, detail)
                SELECT id, ?, 'IN_FLIGHT', ?, 'NOT_SENT', ? FROM w
                """, claimedFrom.name(), claimedFrom.name(), withdrawalId, started.provider(), started.scopeKey(), utc(started.until()),
                jobExecutionId, claimedFrom.name(), why);
    }

    /** IN_FLIGHT → the outcome's state, with what the provider told us. */
    public WithdrawalStatus recordOutcome(long withdrawalId, long jobExecutionId, WithdrawalOutcome outcome, Instant now) {
        WithdrawalStatus status = statusOf(outcome);
        if (!outcomes.submit(new OutcomeInput(withdrawalId, jobExecutionId, outcome, now))) {
            throw new IllegalStateException("withdrawal " + withdrawalId + " was not IN_FLIGHT when its outcome arrived");
        }
        return status;
    }

    private static @Nullable OffsetDateTime notBefore(OutcomeInput input) {
        return input.outcome() instanceof WithdrawalOutcome.Deferred d
                ? input.now().plus(max(min(d.retryAfter(), LONGEST_DEFERRAL), SHORTEST_DEFERRAL)).atOffset(ZoneOffset.UTC)
                : null;
    }

    record ClaimInput(long withdrawalId, long jobExecutionId, WithdrawalStatus from, Instant now, @Nullable CooldownStart cooldown,
            @Nullable BigDecimal balanceBefore, @Nullable BigDecimal fullBalanceAmount) {
    }

    record OutcomeInput(long withdrawalId, long jobExecutionId, WithdrawalOutcome outcome, Instant now) {
    }

    /** Claims by several withdrawal threads at once, as one statement; each answered as its own claim would be. */
    List<Claim> claimTogether(List<ClaimInput> inputs) {
        String[] types = {"int8", "int8", "text", "timestamptz", "text", "text", "timestamptz", "numeric", "numeric"};
        Instant latest = inputs.stream().map(ClaimInput::now).max(Instant::compareTo).orElseThrow();
        return committing.execute((ConnectionCallback<List<Claim>>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(CLAIM_ROWS)) {
                ColumnArrays.bind(statement, connection, types, inputs, input -> {
                    CooldownStart cooldown = input.cooldown();
                    return new Object[] {input.withdrawalId(), input.jobExecutionId(), input.from().name(), utc(input.now()),
                            cooldown == null ? null : cooldown.provider(), cooldown == null ? null : cooldown.scopeKey(),
                            cooldown == null ? null : utc(cooldown.until()), input.balanceBefore(), input.fullBalanceAmount()};
                });
                // A cooldown has ended for the batch when it ended by the latest of its claims' times.
                statement.setObject(types.length + 1, utc(latest));
                Claim[] claims = new Claim[inputs.size()];
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        OffsetDateTime busyUntil = result.getObject(3, OffsetDateTime.class);
                        claims[result.getInt(1) - 1] = new Claim(result.getBoolean(2), busyUntil == null ? null : busyUntil.toInstant());
                    }
                }
                return Arrays.asList(claims);
            }
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Outcomes from several withdrawal threads at once, as one statement; true for each row recorded. */
    List<Boolean> recordTogether(List<OutcomeInput> inputs) {
        String[] types = {"int8", "int8", "text", "text", "text", "text", "numeric", "numeric", "numeric", "numeric", "timestamptz"};
        Set<Long> recorded = returnedPositions(RECORD_OUTCOMES, inputs.size(), (statement, connection) ->
                ColumnArrays.bind(statement, connection, types, inputs, input -> {
                    WithdrawalOutcome outcome = input.outcome();
                    WithdrawalOutcome.Succeeded s = outcome instanceof WithdrawalOutcome.Succeeded succeeded ? succeeded : null;
                    return new Object[] {input.withdrawalId(), input.jobExecutionId(), statusOf(outcome).name(), outcome.code(),
                            outcome.message(), s == null ? null : s.transactionId(), s == null ? null : s.netAmount(),
                            s == null ? null : s.fee(), s == null ? null : s.balanceBefore(), s == null ? null : s.balanceAfter(),
                            notBefore(input)};
                }));
        return answers(inputs.size(), recorded);
    }

    private interface Binder {
        void bind(PreparedStatement statement, Connection connection) throws SQLException;
    }

    /**
     * Each input's answer by its position in the arrays (1-based, as {@code WITH ORDINALITY} counts), not by its row id:
     * were one row in a batch twice, PostgreSQL would change it once, and only one of the two may be told so.
     */
    private static List<Boolean> answers(int inputs, Set<Long> positions) {
        List<Boolean> answers = new ArrayList<>(inputs);
        for (long position = 1; position <= inputs; position++) {
            answers.add(positions.contains(position));
        }
        return answers;
    }

    private Set<Long> returnedPositions(String sql, int expected, Binder binder) {
        return committing.execute((ConnectionCallback<Set<Long>>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement, connection);
                Set<Long> ids = new HashSet<>(expected * 2);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        ids.add(result.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    /**
     * An operator settles a withdrawal in doubt: UNKNOWN → SUCCEEDED (the provider executed it) or FAILED (it did not),
     * with the operator's note as the reason and as the event's detail. Only an UNKNOWN row is settled.
     *
     * @return the row's state before (its state unchanged when it was not UNKNOWN), or empty when no such instruction
     */
    public Optional<WithdrawalStatus> resolve(String jobName, String instructionId, WithdrawalStatus to, String note,
            @Nullable String transactionId) {
        if (to != WithdrawalStatus.SUCCEEDED && to != WithdrawalStatus.FAILED) {
            throw new IllegalArgumentException("a withdrawal in doubt is resolved as SUCCEEDED or FAILED, not " + to);
        }
        String key = InstructionKeys.of(jobName, instructionId);
        List<String> before = committing.queryForList("SELECT status FROM withdrawal WHERE instruction_key = ?", String.class, key);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        String detail = "resolved by an operator: " + note;
        int resolved = committing.update("""
                WITH w AS (
                    UPDATE withdrawal SET status = ?, reason_code = 'RESOLVED_BY_OPERATOR', reason = ?, updated_at = now(),
                        provider_transaction_id = coalesce(?, provider_transaction_id)
                    WHERE instruction_key = ? AND status = 'UNKNOWN'
                    RETURNING id)
                INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, from_status, to_status, reason_code, detail)
                SELECT id, NULL, 'UNKNOWN', ?, 'RESOLVED_BY_OPERATOR', ? FROM w
                """, to.name(), detail, transactionId, key, to.name(), detail);
        return Optional.of(resolved == 1 ? WithdrawalStatus.UNKNOWN : WithdrawalStatus.valueOf(before.get(0)));
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
        // The kinds of outcome are the states they leave a withdrawal in (FATAL, which stops the run, never reaches here).
        return WithdrawalStatus.valueOf(AnswerClassification.Kind.of(outcome).name());
    }


    /**
     * The conditional transition and its event, as one statement committed by itself.
     *
     * @param extraAssignments appended to the SET clause, with its parameters in {@code extraValues}
     */
    private boolean transition(long id, long jobExecutionId, WithdrawalStatus from, WithdrawalStatus to, @Nullable String code,
            String detail, String extraAssignments, @Nullable Object... extraValues) {
        boolean intermediate = to == WithdrawalStatus.IN_FLIGHT || to == WithdrawalStatus.READY;
        List<@Nullable Object> args = new ArrayList<>();
        args.add(to.name());
        args.add(intermediate ? null : code);
        args.add(intermediate ? null : detail);
        args.addAll(Arrays.asList(extraValues));
        args.addAll(Arrays.asList(id, from.name()));
        args.addAll(Arrays.asList(jobExecutionId, from.name(), to.name(), code, detail));
        return committing.update(TRANSITION.formatted(extraAssignments), args.toArray()) > 0;
    }
}
