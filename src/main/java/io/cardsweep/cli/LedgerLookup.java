package io.cardsweep.cli;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.cardsweep.plan.LedgerKeys;
import org.jspecify.annotations.Nullable;

/**
 * The plan's read-only look at the ledger a run would use, for the instructions earlier runs loaded. When the ledger
 * cannot be looked at, the plan goes on without it and says so.
 */
final class LedgerLookup implements LedgerKeys {

    private final ReadOnlyDatabase database;
    private final @Nullable Connection ledger;
    private @Nullable String notChecked;

    LedgerLookup(ReadOnlyDatabase database) {
        this.database = database;
        Connection connection = database.connection();
        Connection withLedger = null;
        String why = connection == null && database.unavailable() == null ? "there is none yet (a run would start an empty one)"
                : database.unavailable();
        if (connection != null) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass('withdrawal') IS NOT NULL");
                    ResultSet result = statement.executeQuery()) {
                withLedger = result.next() && result.getBoolean(1) ? connection : null;
            }
            catch (SQLException ex) {
                why = "the lookup failed: " + DatabaseFailures.firstSentence(ex.getMessage());
            }
        }
        this.ledger = withLedger;
        this.notChecked = why;
    }

    @Override
    public Set<String> heldAmong(List<String> instructionKeys) {
        if (ledger == null || notChecked != null) {
            return Set.of();
        }
        Set<String> held = new HashSet<>();
        try (PreparedStatement statement = ledger.prepareStatement("SELECT instruction_key FROM withdrawal WHERE instruction_key = ANY (?)")) {
            Array keys = ledger.createArrayOf("text", instructionKeys.toArray());
            statement.setArray(1, keys);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    held.add(result.getString(1));
                }
            }
            return held;
        }
        catch (SQLException ex) {
            notChecked = "the lookup failed part way: " + DatabaseFailures.firstSentence(ex.getMessage());
            return held;
        }
    }

    /** What was looked up where, in one line; {@code duplicates} are those the plan found. */
    String said(long duplicates) {
        String where = database.where();
        if (notChecked != null) {
            String why = notChecked.endsWith(".") ? notChecked.substring(0, notChecked.length() - 1) : notChecked;
            return "Ledger: " + where + ": duplicates not checked — " + why + ".";
        }
        if (ledger == null) {
            return "Ledger: " + where + " has no withdrawals yet, so none of these instructions was loaded before.";
        }
        return "Ledger: " + where + ", read only: " + duplicates + " row(s) hold instructions earlier runs loaded (DUPLICATE).";
    }
}
