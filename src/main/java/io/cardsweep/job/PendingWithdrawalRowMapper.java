package io.cardsweep.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import io.cardsweep.ledger.PendingWithdrawal;
import io.cardsweep.ledger.WithdrawalStatus;
import io.cardsweep.provider.ProviderName;
import org.springframework.jdbc.core.RowMapper;

/** Maps a READY or due DEFERRED ledger row to what the execute and deferred steps need. */
enum PendingWithdrawalRowMapper implements RowMapper<PendingWithdrawal> {

    INSTANCE;

    /** The columns this mapper reads, for every query that feeds it. */
    static final String COLUMNS = """
            id, status, instruction_id, instruction_key, provider, card_id, amount, currency, reference,
            wallet_address, network, latitude, longitude, sealed_card_number, idempotency_key, full_balance,
            termination IS NOT NULL AS terminates""";

    @Override
    public PendingWithdrawal mapRow(ResultSet rs, int rowNum) throws SQLException {
        return new PendingWithdrawal(rs.getLong("id"), WithdrawalStatus.valueOf(rs.getString("status")), rs.getString("instruction_id"), rs.getString("instruction_key"),
                ProviderName.fromId(rs.getString("provider")).orElseThrow(), rs.getString("card_id"), rs.getBigDecimal("amount"),
                rs.getString("currency"), rs.getString("reference"), rs.getString("wallet_address"), rs.getString("network"),
                rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"), rs.getString("sealed_card_number"),
                rs.getObject("idempotency_key", UUID.class), rs.getBoolean("full_balance"), rs.getBoolean("terminates"));
    }
}
