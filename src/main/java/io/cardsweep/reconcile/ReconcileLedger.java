package io.cardsweep.reconcile;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cardsweep.ledger.WithdrawalStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What reconciliation reads from the ledger and the transitions it makes. Every change is one conditional statement
 * with its event, committed by itself: a reconciliation killed half way has settled some rows and left the others as
 * they were, and the next one picks those up.
 */
class ReconcileLedger {

    private final JdbcTemplate jdbc;

    ReconcileLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * IN_FLIGHT rows whose run is gone — its execution is no longer running, or neither the row nor any step of its run
     * has moved for {@code orphanedAfter} (a killed process leaves its execution marked running; a live one commits a
     * chunk far more often, and no call lasts that long) — become UNKNOWN, never to be sent again. Spring Batch stamps its progress with the local time of the
     * process that runs it, so the cut-off is this process's local time too.
     */
    int markOrphans(List<String> jobs, Duration orphanedAfter) {
        return jdbc.update("""
                WITH w AS (
                    UPDATE withdrawal SET status = 'UNKNOWN', reason_code = 'ORPHANED_IN_FLIGHT',
                        reason = 'the run that sent this withdrawal is gone; it may have executed', updated_at = now()
                    WHERE status = 'IN_FLIGHT' AND (cardinality(?::text[]) = 0 OR job_name = ANY (?::text[]))
                        AND (claimed_by IS NULL OR claimed_by IN (
                            SELECT job_execution_id FROM batch_job_execution WHERE status NOT IN ('STARTING', 'STARTED', 'STOPPING'))
                        OR claimed_by NOT IN (
                            SELECT job_execution_id FROM batch_step_execution WHERE last_updated > ?) AND updated_at < now() - ?::interval)
                    RETURNING id, reason_code, reason)
                INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, from_status, to_status, reason_code, detail)
                SELECT id, NULL, 'IN_FLIGHT', 'UNKNOWN', reason_code, reason FROM w
                """, array(jobs), array(jobs), java.time.LocalDateTime.now().minus(orphanedAfter), orphanedAfter.toSeconds() + " seconds");
    }

    /** The withdrawals in doubt, oldest first. */
    List<Doubt> unknown(List<String> jobs) {
        return jdbc.query(ROWS + " WHERE w.status = 'UNKNOWN' AND (cardinality(?::text[]) = 0 OR w.job_name = ANY (?::text[])) ORDER BY w.id",
                (rs, n) -> doubt(rs), array(jobs), array(jobs));
    }

    /**
     * The other withdrawals ever sent from the same card of the same provider, whatever their job; a card given by its
     * number is recognised by its keyed hash, since its masked form is shared by every card ending alike.
     */
    List<Neighbour> neighbours(Doubt doubt) {
        return jdbc.query("""
                SELECT w.id, w.instruction_id, w.status, w.amount, w.provider_transaction_id, c.claimed, (
                    SELECT min(e.id) FROM withdrawal_event e WHERE e.withdrawal_id = w.id AND e.id > c.claimed
                        AND e.from_status = 'IN_FLIGHT' AND e.to_status <> 'IN_FLIGHT') AS settled
                FROM withdrawal w CROSS JOIN LATERAL (
                    SELECT max(e.id) AS claimed FROM withdrawal_event e
                    WHERE e.withdrawal_id = w.id AND e.to_status = 'IN_FLIGHT' AND e.from_status <> 'IN_FLIGHT') c
                WHERE w.provider = ? AND coalesce(w.card_hash, w.card_id) = ? AND w.id <> ? AND c.claimed IS NOT NULL
                """, (rs, n) -> new Neighbour(rs.getLong(1), rs.getString(2), WithdrawalStatus.valueOf(rs.getString(3)), rs.getBigDecimal(4),
                rs.getString(5), rs.getLong(6), (Long) rs.getObject(7)), doubt.provider(), doubt.card(), doubt.id());
    }

    /**
     * Every Plu withdrawal in the ledger, whatever its job, that a webhook event could be about: in doubt, in flight, or
     * SUCCEEDED without Plu's transaction id. Events are matched against all of them, so that one of another job's
     * withdrawals, alike in reference, card and amount, is never taken for the one being reconciled.
     */
    List<Doubt> pluCandidates() {
        return jdbc.query(ROWS + " WHERE w.provider = 'plu' AND (w.status IN ('UNKNOWN', 'IN_FLIGHT')"
                + " OR w.status = 'SUCCEEDED' AND w.provider_transaction_id IS NULL) ORDER BY w.id", (rs, n) -> doubt(rs));
    }

    /** Whether a withdrawal of this provider already carries the transaction id (an event imported before). */
    boolean knowsTransaction(String provider, String transactionId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM withdrawal WHERE provider = ? AND provider_transaction_id = ?)", Boolean.class, provider, transactionId));
    }

    /** UNKNOWN → {@code to}, with the provider's evidence as the reason and the event; false when it was no longer UNKNOWN. */
    boolean settle(long id, WithdrawalStatus to, String code, String evidence, @Nullable String transactionId, @Nullable BigDecimal fee,
            @Nullable BigDecimal netAmount) {
        return jdbc.update("""
                WITH w AS (
                    UPDATE withdrawal SET status = ?, reason_code = ?, reason = ?, updated_at = now(),
                        provider_transaction_id = coalesce(?, provider_transaction_id), fee = coalesce(?, fee),
                        net_amount = coalesce(?, net_amount)
                    WHERE id = ? AND status = 'UNKNOWN'
                    RETURNING id)
                INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, from_status, to_status, reason_code, detail)
                SELECT id, NULL, 'UNKNOWN', ?, ?, ? FROM w
                """, to.name(), code, evidence, transactionId, fee, netAmount, id, to.name(), code, evidence) == 1;
    }

    /** A SUCCEEDED Plu row gets the transaction id, fee and net amount of its webhook event, recorded as an event. */
    boolean confirm(long id, String transactionId, @Nullable BigDecimal fee, @Nullable BigDecimal netAmount, String evidence) {
        return jdbc.update("""
                WITH w AS (
                    UPDATE withdrawal SET provider_transaction_id = ?, fee = coalesce(?, fee), net_amount = coalesce(?, net_amount),
                        updated_at = now()
                    WHERE id = ? AND status = 'SUCCEEDED' AND provider_transaction_id IS NULL
                    RETURNING id)
                INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, from_status, to_status, reason_code, detail)
                SELECT id, NULL, 'SUCCEEDED', 'SUCCEEDED', 'WEBHOOK_CONFIRMED', ? FROM w
                """, transactionId, fee, netAmount, id, evidence) == 1;
    }

    private static final String ROWS = """
            SELECT w.id, w.job_name, w.instruction_id, w.status, w.provider, w.card_id, w.card_hash, w.sealed_card_number, w.amount, w.currency,
                w.reference, w.balance_before, w.reason_code, c.id AS claimed, c.occurred_at AS claimed_at
            FROM withdrawal w LEFT JOIN LATERAL (
                SELECT e.id, e.occurred_at FROM withdrawal_event e
                WHERE e.withdrawal_id = w.id AND e.to_status = 'IN_FLIGHT' AND e.from_status <> 'IN_FLIGHT'
                ORDER BY e.id DESC LIMIT 1) c ON true""";

    private static Doubt doubt(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Doubt(rs.getLong("id"), rs.getString("job_name"), rs.getString("instruction_id"),
                WithdrawalStatus.valueOf(rs.getString("status")), rs.getString("provider"),
                rs.getString("card_id"), rs.getString("card_hash"), rs.getString("sealed_card_number"), rs.getBigDecimal("amount"), rs.getString("currency"), rs.getString("reference"),
                rs.getBigDecimal("balance_before"), rs.getString("reason_code"), (Long) rs.getObject("claimed"),
                rs.getObject("claimed_at", java.time.OffsetDateTime.class) == null ? null
                        : rs.getObject("claimed_at", java.time.OffsetDateTime.class).toInstant());
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    /**
     * A withdrawal to reconcile, with the ledger's position of its last claim (its event id) to order it among the card's.
     * A card given by its number has only its masked form as {@code cardId}, its keyed hash, and its sealed number.
     */
    record Doubt(long id, String jobName, String instructionId, WithdrawalStatus status, String provider, String cardId, @Nullable String cardHash,
            @Nullable String sealedCardNumber, BigDecimal amount, String currency, @Nullable String reference, @Nullable BigDecimal balanceBefore,
            @Nullable String reasonCode, @Nullable Long claimed, @Nullable Instant claimedAt) {

        /** What tells this card from every other of its provider. */
        String card() {
            return cardHash != null ? cardHash : cardId;
        }
    }

    /**
     * Another withdrawal from the same card: when it was last claimed, and when that attempt left IN_FLIGHT (null while
     * it has not, or when it became UNKNOWN and is still in doubt).
     */
    record Neighbour(long id, String instructionId, WithdrawalStatus status, BigDecimal amount, @Nullable String transactionId, long claimed,
            @Nullable Long settled) {

        boolean inDoubt() {
            return status == WithdrawalStatus.UNKNOWN || status == WithdrawalStatus.IN_FLIGHT;
        }
    }
}
