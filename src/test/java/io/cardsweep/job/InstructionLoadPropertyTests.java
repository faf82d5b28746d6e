package io.cardsweep.job;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.Screening;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole files of generated rows, valid or with one thing wrong, with any line ends, blank lines and byte-order mark:
 * the load step must read every row where it was written and decide it as the generator knows it must be decided.
 */
class InstructionLoadPropertyTests {

    /** A generated file: its text and, per data row, the line it starts on. */
    record GeneratedFile(String text, List<GeneratedInstructions.Row> rows, List<Long> lines) {

        @Override
        public String toString() {
            return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
        }
    }

    @Property(tries = 400)
    void decidesEveryRowAtItsLineAsItsContentRequires(@ForAll("files") GeneratedFile file) {
        // when
        BadInputFixture.Loaded loaded = BadInputFixture.load(file.text().getBytes(StandardCharsets.UTF_8), GeneratedInstructions.MAX_LINE_LENGTH);

        // then
        assertThat(loaded.refusal()).as("refusal").isNull();
        assertThat(loaded.rows()).extracting(InstructionRow::line).containsExactlyElementsOf(file.lines());
        for (int i = 0; i < file.rows().size(); i++) {
            GeneratedInstructions.Row expected = file.rows().get(i);
            Screening screening = loaded.screenings().get(i);
            if (expected.mustBeReady()) {
                assertThat(screening).as("line %d", file.lines().get(i)).isInstanceOf(Screening.Accepted.class);
                assertMatches(((Screening.Accepted) screening).instruction(), expected);
            } else {
                assertThat(screening).as("line %d", file.lines().get(i)).isInstanceOfSatisfying(Screening.Rejected.class, rejected -> {
                    assertThat(rejected.field()).isEqualTo(expected.rejectedField());
                    if (expected.code() != null) {
                        assertThat(rejected.code()).isEqualTo(expected.code());
                    }
                });
            }
        }
        BadInputFixture.assertSound(loaded);
    }

    /** An accepted instruction is exactly what the row said, not a neighbour's value or a rounded one. */
    private static void assertMatches(Instruction instruction, GeneratedInstructions.Row row) {
        assertThat(instruction.instructionId()).isEqualTo(row.cells().get("instruction_id").strip());
        assertThat(instruction.provider().id()).isEqualTo(row.cells().get("provider").strip().toLowerCase());
        assertThat(instruction.cardId()).isEqualTo(row.cells().get("card_id").strip());
        assertThat(instruction.amount()).isEqualTo(new BigDecimal(row.cells().get("amount").strip()));
        String reference = row.cells().get("reference");
        assertThat(instruction.reference()).isEqualTo(reference.isBlank() ? null : reference.strip());
    }

    @Provide
    Arbitrary<GeneratedFile> files() {
        return Combinators.combine(GeneratedInstructions.rows().list().ofMinSize(1).ofMaxSize(25),
                Arbitraries.of("\n", "\r\n", "\r"), Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of("", "", "", "   ", ",,,,", "\t").list().ofSize(25))
                .as(InstructionLoadPropertyTests::file);
    }

    private static GeneratedFile file(List<GeneratedInstructions.Row> rows, String lineEnd, boolean byteOrderMark, boolean finalLineEnd,
            List<String> blankLines) {
        StringBuilder text = new StringBuilder(byteOrderMark ? "\uFEFF" : "");
        text.append(GeneratedInstructions.header()).append(lineEnd);
        List<Long> lines = new ArrayList<>();
        long line = 2;
        for (int i = 0; i < rows.size(); i++) {
            @Nullable String blank = i > 0 && blankLines.get(i).isEmpty() && i % 3 != 0 ? null : blankLines.get(i);
            if (blank != null && i > 0) {
                text.append(blank).append(lineEnd);
                line++;
            }
            lines.add(line);
            text.append(rows.get(i).text());
            line += lineBreaks(rows.get(i).text()) + 1;
            if (i < rows.size() - 1 || finalLineEnd) {
                text.append(lineEnd);
            }
        }
        return new GeneratedFile(text.toString(), rows, lines);
    }

    /** CRLF, LF and a lone CR each end a line. */
    private static int lineBreaks(String text) {
        int breaks = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                breaks++;
            }
        }
        return breaks;
    }
}
