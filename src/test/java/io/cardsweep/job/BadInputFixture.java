package io.cardsweep.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import io.cardsweep.instruction.CardNumberProtection;
import io.cardsweep.instruction.ColumnMapping;
import io.cardsweep.instruction.CsvInstructionReader;
import io.cardsweep.instruction.InputFileException;
import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.Screening;
import io.cardsweep.instruction.VisibleText;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.rules.InstructionScreen;
import io.cardsweep.rules.ScreenSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load step's per-row decision without Spring or a database: the job's reader and its processor (rules, then card
 * protection) over a file's bytes, and what must hold of the outcome whatever the bytes were.
 */
final class BadInputFixture {

    /** As {@code CardMask} finds one in text: 12 to 19 digits, spaces or dashes allowed between; a card number if Luhn holds. */
    private static final Pattern CARD_NUMBER = Pattern.compile("(?<![0-9A-Za-z])[0-9](?:[ -]?[0-9]){11,18}(?![0-9A-Za-z])");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    private static final LoadProcessor PROCESSOR = new LoadProcessor(
            new InstructionScreen(ScreenSettings.of(EnumSet.allOf(ProviderName.class)).withHtpFee(new BigDecimal("1.00"))),
            new CardNumberProtection(Map.of(ProviderName.NUEVE09, number -> "sealed-for-nueve09"), "a-test-key-of-16+chars"),
            Shard.WHOLE);

    private BadInputFixture() {
    }

    /** The file refused as a whole, or each row read with what the processor made of it. */
    record Loaded(Path file, @Nullable InputFileException refusal, List<InstructionRow> rows, List<Screening> screenings) {
    }

    static Loaded load(byte[] content, int maxLineLength) {
        try {
            Path file = Files.createTempFile("cardsweep-bad-input-", ".csv");
            try {
                Files.write(file, content);
                return load(file, maxLineLength);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Loaded load(Path file, int maxLineLength) {
        CsvInstructionReader reader = new CsvInstructionReader(file, ColumnMapping.defaults(), CsvInstructionReader.DEFAULT_NAME, maxLineLength);
        try {
            reader.open(new ExecutionContext());
        } catch (InputFileException refusal) {
            return new Loaded(file, refusal, List.of(), List.of());
        }
        List<InstructionRow> rows = new ArrayList<>();
        List<Screening> screenings = new ArrayList<>();
        try {
            for (InstructionRow row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
                screenings.add(PROCESSOR.process(row));
            }
        } finally {
            reader.close();
        }
        return new Loaded(file, null, rows, screenings);
    }

    /**
     * Whatever the input: a refusal is one sentence about the file; otherwise every row read is screened once, in line
     * order, and ends accepted with a sound amount or rejected with a code and a visible reason naming its line, and no
     * card number shows in either.
     */
    static void assertSound(Loaded loaded) {
        if (loaded.refusal() != null) {
            String message = loaded.refusal().getMessage();
            assertThat(message).startsWith("Input file " + loaded.file() + " ").endsWith(".").doesNotContain("\n", "\r");
            assertThat(message.length()).isLessThan(600);
            String problem = message.substring(("Input file " + loaded.file()).length());
            assertThat(cardNumbersIn(problem)).as("card numbers in: " + message).isEmpty();
            return;
        }
        assertThat(loaded.screenings()).hasSameSizeAs(loaded.rows());
        long accepted = loaded.screenings().stream().filter(Screening.Accepted.class::isInstance).count();
        long rejected = loaded.screenings().stream().filter(Screening.Rejected.class::isInstance).count();
        assertThat(accepted + rejected).as("rows in = accepted + rejected").isEqualTo(loaded.rows().size());
        long previous = 1;
        for (int i = 0; i < loaded.rows().size(); i++) {
            InstructionRow row = loaded.rows().get(i);
            Screening screening = loaded.screenings().get(i);
            assertThat(row.line()).as("lines in file order").isGreaterThan(previous);
            assertThat(screening.line()).isEqualTo(row.line());
            previous = row.line();
            if (screening instanceof Screening.Rejected rejection) {
                assertSoundRejection(rejection);
            } else {
                assertSoundAcceptance(((Screening.Accepted) screening).instruction());
            }
        }
    }

    static void assertSoundRejection(Screening.Rejected rejection) {
        assertThat(rejection.field()).isNotBlank();
        assertThat(rejection.code()).matches(CODE);
        assertThat(rejection.reason()).startsWith("line " + rejection.line() + ": ");
        assertThat(rejection.reason().length()).isGreaterThan(("line " + rejection.line() + ": ").length() + 5).isLessThan(600);
        assertThat(rejection.reason().codePoints().noneMatch(VisibleText::isInvisible)).as("visible: " + rejection.reason()).isTrue();
        assertThat(cardNumbersIn(rejection.reason())).as("card numbers in: " + rejection.reason()).isEmpty();
    }

    private static void assertSoundAcceptance(Instruction instruction) {
        assertThat(instruction.amount().signum()).isPositive();
        assertThat(instruction.amount().scale()).isLessThanOrEqualTo(2);
        assertThat(instruction.instructionId()).isNotBlank();
        assertThat(instruction.instructionId().codePoints().allMatch(VisibleText::isPrintable)).isTrue();
        assertThat(instruction.currency()).matches("[A-Z]{3}");
    }

    static List<String> cardNumbersIn(String text) {
        return CARD_NUMBER.matcher(text).results().map(MatchResult::group).filter(BadInputFixture::luhnValid).toList();
    }

    private static boolean luhnValid(String candidate) {
        String digits = candidate.replaceAll("[ -]", "");
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit;
        }
        return sum % 10 == 0;
    }
}
