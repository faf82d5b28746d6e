package io.cardsweep.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * Many rows as one statement's parameters: one PostgreSQL array per column, for {@code unnest(?::type[], …)}.
 */
final class ColumnArrays {

    private ColumnArrays() {
    }

    /**
     * Binds parameters 1 to {@code types.length}: column {@code c} of every row, as an array of {@code types[c]}.
     *
     * @param columns a row's values, in the order of {@code types}
     */
    static <T> void bind(PreparedStatement statement, Connection connection, String[] types, List<T> rows,
            Function<T, Object[]> columns) throws SQLException {
        Object[][] arrays = new Object[types.length][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Object[] values = columns.apply(rows.get(i));
            for (int c = 0; c < types.length; c++) {
                arrays[c][i] = values[c];
            }
        }
        for (int c = 0; c < types.length; c++) {
            statement.setArray(c + 1, connection.createArrayOf(types[c], arrays[c]));
        }
    }
}
