package io.cardsweep.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionField;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.ProtectedCard;
import io.cardsweep.instruction.Screening;
import io.cardsweep.provider.CardMask;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
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

    /**
     * A whole chunk in one statement: its rows arrive as one array per column, are inserted in line order (so the
     * earliest line keeps an instruction key another line of the chunk repeats), and each inserted row gets its first
     * event. Returns the lines inserted; the others conflicted.
     */
    private static final String INSERT = """
            WITH input AS (
                SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::numeric[], ?::numeric[], ?::text[], ?::text[], ?::text[], ?::uuid[],
                        ?::text[], ?::text[], ?::boolean[], ?::text[])
                    AS t (source_line, instruction_id, instruction_key, provider, card_id, amount, amount_given, currency,
                        reference, wallet_address, network, latitude, longitude, status, reason_code, reason, idempotency_key,
                        card_hash, sealed_card_number, full_balance, termination)
            ), w AS (
                INSERT INTO withdrawal (run_id, job_name, source_line, instruction_id, instruction_key, provider, card_id,
                    amount, amount_given, currency, reference, wallet_address, network, latitude, longitude,
                    status, reason_code, reason, idempotency_key, card_hash, sealed_card_number, full_balance, termination)
                SELECT ?, ?, source_line, instruction_id, instruction_key, provider, card_id, amount, amount_given, currency,
                    reference, wallet_address, network, latitude, longitude, status, reason_code, reason, idempotency_key,
                    card_hash, sealed_card_number, full_balance, termination
                FROM input ORDER BY source_line
                ON CONFLICT DO NOTHING
                RETURNING id, source_line, status, reason_code, reason
            ), e AS (
                INSERT INTO withdrawal_event (withdrawal_id, job_execution_id, from_status, to_status, reason_code, detail)
                SELECT id, ?, NULL, status, reason_code, reason FROM w
            )
            SELECT source_line FROM w
            """;

    /** The types of the chunk's columns, in the order of the statement's placeholders 1 to 21. */
    private static final String[] COLUMN_TYPES = {"int8", "text", "text", "text", "text", "numeric", "text", "text", "text", "text",
            "text", "numeric", "numeric", "text", "text", "text", "uuid", "text", "text", "bool", "text"};

    private final JdbcTemplate jdbc;

    public LedgerLoader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the rows this call wrote as REJECTED or DUPLICATE (none that an earlier attempt at the chunk wrote) */
    public List<Refused> load(RunContext run, List<? extends Screening> screenings) {
        List<Row> rows = screenings.stream().map(s -> Row.of(run, s)).toList();
        Set<Long> inserted = insert(run, rows);
        List<Refused> refused = new ArrayList<>();
        List<Row> conflicts = new ArrayList<>();
        for (Row row : rows) {
            if (inserted.contains(row.line)) {
                if (row.status != WithdrawalStatus.READY) {
                    refused.add(new Refused(row.provider, row.status));
                }
            }
            else if (row.status == WithdrawalStatus.READY && !lineAlreadyLoaded(run, row)) {
                conflicts.add(row);
            }
        }
        if (!conflicts.isEmpty()) {
            List<Row> repeats = conflicts.stream().map(row -> asRepeat(run, row)).toList();
            Set<Long> insertedRepeats = insert(run, repeats);
            repeats.stream().filter(row -> insertedRepeats.contains(row.line)).forEach(row -> refused.add(new Refused(row.provider, row.status)));
        }
        return refused;
    }

    /**
     * A row written REJECTED or DUPLICATE.
     *
     * @param provider the provider as the input named it (any text, for a rejected row), null when it named none
     */
    public record Refused(@Nullable String provider, WithdrawalStatus status) {
    }

    private Set<Long> insert(RunContext run, List<Row> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.execute((ConnectionCallback<List<Long>>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                ColumnArrays.bind(statement, connection, COLUMN_TYPES, rows, row -> new Object[] {row.line, row.instructionId,
                        row.instructionKey, row.provider, row.cardId, row.amount, row.amountGiven, row.currency, row.reference,
                        row.walletAddress, row.network, row.latitude, row.longitude, row.status.name(), row.reasonCode, row.reason,
                        row.idempotencyKey, row.cardHash, row.sealedCardNumber, row.fullBalance,
                        run.terminates() && row.status == WithdrawalStatus.READY ? "PENDING" : null});
                statement.setLong(22, run.runId());
                statement.setString(23, run.jobName());
                statement.setLong(24, run.jobExecutionId());
                List<Long> lines = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        lines.add(result.getLong(1));
                    }
                }
                return lines;
            }
        }));
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
            @Nullable String cardHash, @Nullable String sealedCardNumber, boolean fullBalance) {

        static Row of(RunContext run, Screening screening) {
            if (screening instanceof Screening.Accepted accepted) {
                return accepted(run, accepted.instruction(), accepted.protectedCard());
            }
            return rejected((Screening.Rejected) screening);
        }

        private static Row accepted(RunContext run, Instruction i, @Nullable ProtectedCard card) {
            String key = InstructionKeys.of(run.jobName(), i.instructionId());
            return new Row(i.line(), i.instructionId(), key, i.provider().id(), card != null ? card.masked() : i.cardId(), i.amount(),
                    i.amountText(), i.currency(), i.reference(), i.walletAddress(), i.network(), i.latitude(), i.longitude(),
                    WithdrawalStatus.READY, null, null, IdempotencyKeys.forInstruction(key), card != null ? card.hash() : null,
                    card != null ? card.sealed() : null, i.fullBalance());
        }

        private static Row rejected(Screening.Rejected r) {
            InstructionRow row = r.row();
            // Nothing will be sent for a rejected row, so its card id is kept masked: it may be a card number.
            // Other columns may hold a card number too when the file's columns slipped: those are masked as well.
            return new Row(row.line(), CardMask.redactCardNumbers(row.value(InstructionField.INSTRUCTION_ID)), null,
                    CardMask.redactCardNumbers(row.value(InstructionField.PROVIDER)), CardMask.mask(row.value(InstructionField.CARD_ID)), null,
                    CardMask.redactCardNumbers(row.value(InstructionField.AMOUNT)), null,
                    CardMask.redactCardNumbers(row.value(InstructionField.REFERENCE)),
                    null, null, null, null, WithdrawalStatus.REJECTED, r.code(), r.reason(), null, null, null, false);
        }

        Row refused(WithdrawalStatus refusal, String code, String why) {
            return new Row(line, instructionId, null, provider, cardId, null, amountGiven, currency, reference, walletAddress,
                    network, latitude, longitude, refusal, code, why, null, cardHash, null, false);
        }
    }
}
