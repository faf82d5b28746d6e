package io.cardsweep.ledger;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.ProtectedCard;
import io.cardsweep.instruction.Screening;
import io.cardsweep.provider.CardMask;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes screened rows into the ledger: accepted ones as {@code READY}, rejected ones as {@code REJECTED}.
 *
 * <p>Safe to repeat: a line this run already wrote (a restart re-reading a chunk) is left as it is.
 * An accepted row whose instruction key is held by another row becomes {@code REJECTED} when the
 * holder is an earlier line of the same run, and {@code DUPLICATE} when it came from an earlier run.
 * Runs inside the chunk's transaction, so a failed chunk leaves nothing behind.
 */
public class LedgerLoader {

    private static final String INSERT = """
            WITH w AS (
                INSERT INTO withdrawal (run_id, job_name, source_line, instruction_id, instruction_key, provider, card_id,
                    amount, amount_given, currency, reference, wallet_address, network, latitude, longitude,
                    status, reason_code, reason, idempotency_key, card_hash, sealed_card_number)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                RETURNING id, status, reason_code, reason)
            INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, from_status, to_status, reason_code, detail)
            SELECT id, ?, NULL, status, reason_code, reason FROM w
            """;

    private final JdbcTemplate jdbc;

    public LedgerLoader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void load(RunContext run, List<? extends Screening> screenings) {
        List<Row> rows = screenings.stream().map(s -> Row.of(run, s)).toList();
        int[] inserted = insert(run, rows);
        List<Row> conflicts = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (inserted[i] == 0 && rows.get(i).status == WithdrawalStatus.READY && !lineAlreadyLoaded(run, rows.get(i))) {
                conflicts.add(rows.get(i));
            }
        }
        if (!conflicts.isEmpty()) {
            insert(run, conflicts.stream().map(row -> asRepeat(run, row)).toList());
        }
    }

    private int[] insert(RunContext run, List<Row> rows) {
        return jdbc.batchUpdate(INSERT, new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                rows.get(i).bind(ps, run);
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }

    private boolean lineAlreadyLoaded(RunContext run, Row row) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE run_id = ? AND source_line = ?",
                Integer.class, run.runId(), row.line);
        return count != null && count > 0;
    }

    private Row asRepeat(RunContext run, Row row) {
        Holder holder = holderOf(row.instructionKey).orElseThrow(() -> new IllegalStateException(
                "instruction key " + row.instructionKey + " conflicted but no row holds it"));
        if (holder.runId == run.runId()) {
            return row.refused(WithdrawalStatus.REJECTED, "INSTRUCTION_ID_REPEATED", "line %d: instruction_id '%s' repeats line %d of this file; only the first is executed"
                    .formatted(row.line, row.instructionId, holder.line));
        }
        return row.refused(WithdrawalStatus.DUPLICATE, "ALREADY_LOADED", "line %d: instruction_id '%s' was already loaded by run %d (line %d, now %s); only that run may execute it"
                .formatted(row.line, row.instructionId, holder.runId, holder.line, holder.status));
    }

    private Optional<Holder> holderOf(@Nullable String instructionKey) {
        return jdbc.query("""
                SELECT run_id, source_line, status FROM withdrawal
                WHERE instruction_key = ? AND status NOT IN ('REJECTED', 'DUPLICATE')
                """, (rs, n) -> new Holder(rs.getLong(1), rs.getLong(2), rs.getString(3)), instructionKey).stream().findFirst();
    }

    private record Holder(long runId, long line, String status) {
    }

    /** One ledger row to insert; fields a rejected row lacks are null. */
    private record Row(long line, @Nullable String instructionId, @Nullable String instructionKey, @Nullable String provider,
            @Nullable String cardId, java.math.@Nullable BigDecimal amount, @Nullable String amountGiven, @Nullable String currency,
            @Nullable String reference, @Nullable String walletAddress, @Nullable String network,
            java.math.@Nullable BigDecimal latitude, java.math.@Nullable BigDecimal longitude, WithdrawalStatus status,
            @Nullable String reasonCode, @Nullable String reason, java.util.@Nullable UUID idempotencyKey,
            @Nullable String cardHash, @Nullable String sealedCardNumber) {

        static Row of(RunContext run, Screening screening) {
            if (screening instanceof Screening.Accepted accepted) {
                return accepted(run, accepted.instruction(), accepted.protectedCard());
            }
            return rejected((Screening.Rejected) screening);
        }

        private static Row accepted(RunContext run, Instruction i, @Nullable ProtectedCard card) {
            String key = InstructionKeys.of(run.jobName(), i.instructionId());
            return new Row(i.line(), i.instructionId(), key, i.provider().id(), card != null ? card.masked() : i.cardId(), i.amount(),
                    i.amount().toPlainString(), i.currency(), i.reference(), i.walletAddress(), i.network(), i.latitude(), i.longitude(),
                    WithdrawalStatus.READY, null, null, IdempotencyKeys.forInstruction(key), card != null ? card.hash() : null,
                    card != null ? card.sealed() : null);
        }

        private static Row rejected(Screening.Rejected r) {
            InstructionRow row = r.row();
            // Nothing will be sent for a rejected row, so its card id is kept masked: it may be a card number.
            // Other columns may hold a card number too when the file's columns slipped: those are masked as well.
            return new Row(row.line(), CardMask.redactCardNumbers(row.value(InstructionField.INSTRUCTION_ID)), null,
                    row.value(InstructionField.PROVIDER), CardMask.mask(row.value(InstructionField.CARD_ID)), null,
                    CardMask.redactCardNumbers(row.value(InstructionField.AMOUNT)), null,
                    CardMask.redactCardNumbers(row.value(InstructionField.REFERENCE)),
                    null, null, null, null, WithdrawalStatus.REJECTED, r.code(), r.reason(), null, null, null);
        }

        Row refused(WithdrawalStatus refusal, String code, String why) {
            return new Row(line, instructionId, null, provider, cardId, null, amountGiven, currency, reference, walletAddress,
                    network, latitude, longitude, refusal, code, why, null, cardHash, null);
        }

        void bind(PreparedStatement ps, RunContext run) throws SQLException {
            ps.setLong(1, run.runId());
            ps.setString(2, run.jobName());
            ps.setLong(3, line);
            ps.setString(4, instructionId);
            ps.setString(5, instructionKey);
            ps.setString(6, provider);
            ps.setString(7, cardId);
            ps.setBigDecimal(8, amount);
            ps.setString(9, amountGiven);
            ps.setString(10, currency);
            ps.setString(11, reference);
            ps.setString(12, walletAddress);
            ps.setString(13, network);
            ps.setBigDecimal(14, latitude);
            ps.setBigDecimal(15, longitude);
            ps.setString(16, status.name());
            ps.setString(17, reasonCode);
            ps.setString(18, reason);
            ps.setObject(19, idempotencyKey, Types.OTHER);
            ps.setString(20, cardHash);
            ps.setString(21, sealedCardNumber);
            ps.setLong(22, run.jobExecutionId());
        }
    }
}
