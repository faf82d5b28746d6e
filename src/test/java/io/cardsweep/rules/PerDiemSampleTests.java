package io.cardsweep.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import io.cardsweep.instruction.ColumnMapping;
import io.cardsweep.instruction.CsvInstructionReader;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.Screening;
import io.cardsweep.provider.ProviderName;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The shipped sample read and screened as the load step will: the file's deliberate mistakes, and nothing else, rejected. */
class PerDiemSampleTests {

    private static final Path SAMPLE = Path.of("sample-input", "per-diem-reclaims.csv");

    @Test
    void rejectsExactlyTheDeliberatelyBrokenRowsOfTheSample() {
        // given
        CsvInstructionReader reader = new CsvInstructionReader(SAMPLE, ColumnMapping.defaults());
        InstructionScreen screen = new InstructionScreen(ScreenSettings.of(EnumSet.allOf(ProviderName.class)).withHtpFee(new BigDecimal("1.00"))
                .withDefaultLocation(new ScreenSettings.Location(new BigDecimal("19.43261"), new BigDecimal("-99.13321"))));
        List<Screening> screenings = new ArrayList<>();

        // when
        reader.open(new ExecutionContext());
        for (InstructionRow row = reader.read(); row != null; row = reader.read()) {
            screenings.add(screen.screen(row));
        }
        reader.close();

        // then
        assertThat(screenings).hasSize(43);
        assertThat(screenings).filteredOn(Screening.Rejected.class::isInstance)
                .map(Screening.Rejected.class::cast)
                .extracting(Screening.Rejected::line, Screening.Rejected::field, Screening.Rejected::code)
                .containsExactly(
                        tuple(22L, "amount", "AMOUNT_TOO_MANY_DECIMALS"),
                        tuple(23L, "card_id", "CARD_ID_MALFORMED"),
                        tuple(24L, "provider", "UNKNOWN_PROVIDER"),
                        tuple(26L, "amount", "AMOUNT_NOT_PLAIN_DECIMAL"),
                        tuple(42L, "amount", "AMOUNT_BELOW_MINIMUM"),
                        tuple(43L, "wallet_address", "WALLET_ADDRESS_INVALID"),
                        tuple(44L, "card_id", "CARD_ID_MALFORMED"));
        assertThat(screenings).filteredOn(Screening.Accepted.class::isInstance)
                .map(s -> ((Screening.Accepted) s).instruction())
                .hasSize(36)
                .anySatisfy(repeated -> {
                    assertThat(repeated.line()).isEqualTo(25);
                    assertThat(repeated.instructionId()).isEqualTo("PD-2026-11-0003");
                })
                .allSatisfy(instruction -> assertThat(instruction.amount().scale()).isEqualTo(2));
    }
}
