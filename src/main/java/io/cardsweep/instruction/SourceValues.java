package io.cardsweep.instruction;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * A table row's values as the text a file would have held, so the same rules judge both: a NUMERIC as a plain decimal
 * ({@code 10.50}, never {@code 1.05E+1}), NULL as an empty field, anything else as PostgreSQL writes it.
 */
final class SourceValues {

    private SourceValues() {
    }

    /** The values of {@code fields}, each read from the column selected under the field's own name. */
    static Map<InstructionField, String> of(ResultSet rs, Collection<InstructionField> fields) throws SQLException {
        Map<InstructionField, String> values = new EnumMap<>(InstructionField.class);
        for (InstructionField field : fields) {
            values.put(field, text(rs, field.column()));
        }
        return values;
    }

    static String text(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            // A float column (coordinates kept as double precision): its shortest decimal, without an exponent.
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? new BigDecimal(value.toString()).toPlainString() : value.toString();
        }
        String text = rs.getString(column);
        return text == null ? "" : text;
    }
}
