package io.cardsweep.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ColumnMappingTests {

    @Test
    void readsEveryFieldFromItsOwnNameByDefault() {
        assertThat(ColumnMapping.defaults().columnOf(InstructionField.CARD_ID)).isEqualTo("card_id");
    }

    @Test
    void overridesFieldsNamedByTheirColumnNames() {
        // when
        ColumnMapping mapping = ColumnMapping.defaults().withOverrides(Map.of(" Card_ID ", "card_token"));

        // then
        assertThat(mapping.columnOf(InstructionField.CARD_ID)).isEqualTo("card_token");
        assertThat(mapping.columnOf(InstructionField.AMOUNT)).isEqualTo("amount");
    }

    @Test
    void refusesAnOverrideForAnUnknownField() {
        assertThatThrownBy(() -> ColumnMapping.defaults().withOverrides(Map.of("card", "card_token")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The column mapping names an unknown field 'card'");
    }

    @Test
    void refusesTwoFieldsReadFromOneColumn() {
        assertThatThrownBy(() -> ColumnMapping.defaults().withOverrides(Map.of("card_id", "AMOUNT")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The column mapping reads both card_id and amount from the column 'amount'.");
    }
}
