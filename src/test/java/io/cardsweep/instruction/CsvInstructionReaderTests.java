package io.cardsweep.instruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class CsvInstructionReaderTests {

    private static final String HEADER = "instruction_id,provider,card_id,amount,currency,reference";

    @TempDir
    Path dir;

    @Nested
    class ReadingRows {

        @Test
        void readsUtf8WithByteOrderMarkAndCrlf() throws IOException {
            // given
            Path file = write("bom.csv", "\uFEFF" + HEADER + "\r\nA-1,cartevo,card-1,10.50,USD,trip\r\nA-2,uncash,card-2,7,,\r\n");

            // when
            List<InstructionRow> rows = readAll(file, ColumnMapping.defaults());

            // then
            assertThat(rows).extracting(InstructionRow::line).containsExactly(2L, 3L);
            assertThat(rows.get(0).value(InstructionField.INSTRUCTION_ID)).isEqualTo("A-1");
            assertThat(rows.get(0).values().get(InstructionField.REFERENCE)).isEqualTo("trip");
            assertThat(rows.get(1).value(InstructionField.AMOUNT)).isEqualTo("7");
            assertThat(rows.get(1).value(InstructionField.CURRENCY)).isNull();
        }

        @Test
        void readsLfLineEndings() throws IOException {
            // given
            Path file = write("lf.csv", HEADER + "\nA-1,cartevo,card-1,10.50,USD,trip\n");

            // when
            List<InstructionRow> rows = readAll(file, ColumnMapping.defaults());

            // then
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.line()).isEqualTo(2);
                assertThat(row.value(InstructionField.REFERENCE)).isEqualTo("trip");
                assertThat(row.fieldCount()).isEqualTo(6);
                assertThat(row.columnCount()).isEqualTo(6);
            });
        }

        @Test
        void keepsQuotedCommasQuotesAndNewlinesAndCountsPhysicalLines() throws IOException {
            // given
            Path file = write("quoted.csv", HEADER + "\r\n"
                    + "A-1,cartevo,card-1,1.00,USD,\"trip 1, Lima\"\r\n"
                    + "A-2,cartevo,card-2,2.00,USD,\"first line\r\nsecond line\r\nthird\"\r\n"
                    + "A-3,cartevo,card-3,3.00,USD,\"she said \"\"ok\"\"\"\r\n");

            // when
            List<InstructionRow> rows = readAll(file, ColumnMapping.defaults());

            // then
            assertThat(rows).extracting(InstructionRow::line).containsExactly(2L, 3L, 6L);
            assertThat(rows.get(0).value(InstructionField.REFERENCE)).isEqualTo("trip 1, Lima");
            assertThat(rows.get(1).value(InstructionField.REFERENCE)).isEqualTo("first line\nsecond line\nthird");
            assertThat(rows.get(2).value(InstructionField.REFERENCE)).isEqualTo("she said \"ok\"");
        }

        @Test
        void skipsBlankLinesAndKeepsLineNumbers() throws IOException {
            // given
            Path file = write("blank.csv", "\n" + HEADER + "\n\nA-1,cartevo,card-1,1.00,USD,x\n   \n,,,,,\nA-2,cartevo,card-2,2.00,USD,y\n\n");

            // when
            List<InstructionRow> rows = readAll(file, ColumnMapping.defaults());

            // then
            assertThat(rows).extracting(InstructionRow::line).containsExactly(4L, 7L);
        }

        @Test
        void readsRemappedColumnsCaseInsensitivelyIgnoringSpaces() throws IOException {
            // given
            Path file = write("mapped.csv", " ID , Provider,Card_Token,AMOUNT,memo\nA-1,uncash,card-1,5.00,hello\n");
            ColumnMapping mapping = ColumnMapping.defaults().withOverrides(
                    Map.of("instruction_id", "id", "card_id", "card_token", "reference", "Memo"));

            // when
            List<InstructionRow> rows = readAll(file, mapping);

            // then
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.value(InstructionField.INSTRUCTION_ID)).isEqualTo("A-1");
                assertThat(row.value(InstructionField.CARD_ID)).isEqualTo("card-1");
                assertThat(row.value(InstructionField.REFERENCE)).isEqualTo("hello");
                assertThat(row.values()).doesNotContainKey(InstructionField.CURRENCY);
            });
        }

        @Test
        void readsNoRowsFromHeaderOnlyFile() throws IOException {
            // given
            Path file = write("header.csv", HEADER + "\r\n");

            // when
            List<InstructionRow> rows = readAll(file, ColumnMapping.defaults());

            // then
            assertThat(rows).isEmpty();
        }

        @Test
        void producesRowsWithFewerOrMoreFieldsThanTheHeader() throws IOException {
            // given
            Path file = write("ragged.csv", HEADER + "\nA-1,cartevo,card-1\nA-2,uncash,card-2,1,000,USD,x\n");

            // when
            List<InstructionRow> rows = readAll(file, ColumnMapping.defaults());

            // then
            assertThat(rows.get(0).fieldCount()).isEqualTo(3);
            assertThat(rows.get(0).values()).containsOnlyKeys(
                    InstructionField.INSTRUCTION_ID, InstructionField.PROVIDER, InstructionField.CARD_ID);
            assertThat(rows.get(1).fieldCount()).isEqualTo(7);
            assertThat(rows.get(1).columnCount()).isEqualTo(6);
        }
    }

    @Nested
    class MarkingRecordsThatCannotBeReadAsWritten {

        @Test
        void keepsAQuoteInsideAnUnquotedValueAsACharacterAndGoesOnWithTheNextLine() throws IOException {
            // given
            Path file = write("stray.csv", HEADER + "\nA-1,cartevo,c,1,USD,5\" screen\nA-2,cartevo,c,2,USD,27\" monitor\nA-3,cartevo,c,3,USD,x\n");

            // when
            List<InstructionRow> rows = readAll(file, ColumnMapping.defaults());

            // then every line is its own row, and the two with a stray quote say where it is
            assertThat(rows).extracting(InstructionRow::line).containsExactly(2L, 3L, 4L);
            assertThat(rows.get(0).value(InstructionField.REFERENCE)).isEqualTo("5\" screen");
            assertThat(rows.get(0).defect()).isEqualTo(new RecordDefect("QUOTE_MISPLACED", "reference has a quote inside a value that "
                    + "does not start with one; quote the whole value and double each quote inside it, as in \"5\"\" screen\""));
            assertThat(rows.get(1).defect()).isNotNull();
            assertThat(rows.get(2).defect()).isNull();
        }

        @Test
        void marksTextAfterAClosingQuoteButNotBlanks() throws IOException {
            // given
            Path file = write("after.csv", HEADER + "\nA-1,\"cartevo\"x,c,1,USD,r\nA-2, \"cartevo\" ,c,1,USD,r\n");

            // when
            List<InstructionRow> rows = readAll(file, ColumnMapping.defaults());

            // then
            assertThat(rows.get(0).defect()).isNotNull().extracting(RecordDefect::description).asString()
                    .startsWith("provider has text after its closing quote");
            assertThat(rows.get(1).defect()).isNull();
            assertThat(rows.get(1).value(InstructionField.PROVIDER)).isEqualTo("cartevo");
        }

        @Test
        void marksALineLongerThanTheLimitWithoutKeepingAnyOfItAndGoesOn() throws IOException {
            // given
            Path file = write("long.csv", HEADER + "\nA-1,cartevo,c,1,USD," + "r".repeat(5000) + "\r\nA-2,cartevo,c,2,USD,x\r\n");
            CsvInstructionReader reader = new CsvInstructionReader(file, ColumnMapping.defaults(), "load", 1024);

            // when
            List<InstructionRow> rows = readAll(reader);

            // then
            assertThat(rows).extracting(InstructionRow::line).containsExactly(2L, 3L);
            assertThat(rows.get(0).values()).isEmpty();
            assertThat(rows.get(0).defect()).isEqualTo(new RecordDefect("LINE_TOO_LONG",
                    "the line is 5020 characters long, more than the limit of 1024 for one line; nothing of the record was read"));
            assertThat(rows.get(1).defect()).isNull();
            assertThat(rows.get(1).value(InstructionField.INSTRUCTION_ID)).isEqualTo("A-2");
        }

        @Test
        void followsQuotesThroughATooLongLineSoTheNextRecordStartsWhereItShould() throws IOException {
            // given a quoted value whose long middle line holds commas and a doubled quote
            Path file = write("long.csv", HEADER + "\nA-1,cartevo,c,1,USD,\"start\n" + "a,\"\"b".repeat(400) + "\nend\"\nA-2,cartevo,c,2,USD,x\n");
            CsvInstructionReader reader = new CsvInstructionReader(file, ColumnMapping.defaults(), "load", 1024);

            // when
            List<InstructionRow> rows = readAll(reader);

            // then
            assertThat(rows).extracting(InstructionRow::line).containsExactly(2L, 5L);
            assertThat(rows.get(0).defect()).isNotNull().extracting(RecordDefect::description).asString()
                    .startsWith("line 3 of the record is 2000 characters long, more than the limit of 1024");
            assertThat(rows.get(1).defect()).isNull();
        }

        @Test
        void rejectsAHeaderLongerThanTheLimit() throws IOException {
            // given
            Path file = write("long-header.csv", HEADER + ",notes" + "x".repeat(2000) + "\nA-1,cartevo,c,1,USD,x,n\n");
            CsvInstructionReader reader = new CsvInstructionReader(file, ColumnMapping.defaults(), "load", 1024);

            // when / then
            assertThatThrownBy(() -> reader.open(new ExecutionContext()))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("Input file " + file + " has a header row (line 1) of 2063 characters, more than the limit of 1024 for one line.");
        }

        @Test
        void readsALoneCarriageReturnAsALineEnd() throws IOException {
            // given
            Path file = write("cr.csv", HEADER + "\rA-1,cartevo,c,1,USD,\"two\rlines\"\r\rA-2,cartevo,c,2,USD,x");

            // when
            List<InstructionRow> rows = readAll(file, ColumnMapping.defaults());

            // then
            assertThat(rows).extracting(InstructionRow::line).containsExactly(2L, 5L);
            assertThat(rows.get(0).value(InstructionField.REFERENCE)).isEqualTo("two\nlines");
        }
    }

    @Nested
    class Restarting {

        @Test
        void savesTheCountOfRowsReadUnderItsName() throws IOException {
            // given
            Path file = write("three.csv", HEADER + "\nA-1,cartevo,c,1,USD,x\n\nA-2,cartevo,c,2,USD,x\nA-3,cartevo,c,3,USD,x\n");
            CsvInstructionReader reader = new CsvInstructionReader(file, ColumnMapping.defaults(), "load");
            ExecutionContext context = new ExecutionContext();
            reader.open(context);

            // when
            reader.read();
            reader.read();
            reader.update(context);
            reader.close();

            // then
            assertThat(context.getInt("load.read.count")).isEqualTo(2);
        }

        @Test
        void resumesAfterTheRowsReadBeforeTheRestart() throws IOException {
            // given
            Path file = write("three.csv", HEADER + "\nA-1,cartevo,c,1,USD,\"multi\nline\"\n\nA-2,cartevo,c,2,USD,x\nA-3,cartevo,c,3,USD,x\n");
            ExecutionContext saved = new ExecutionContext();
            saved.putInt("instructions.read.count", 2);
            CsvInstructionReader reader = new CsvInstructionReader(file, ColumnMapping.defaults());

            // when
            reader.open(saved);
            InstructionRow next = reader.read();
            InstructionRow end = reader.read();
            reader.close();

            // then
            assertThat(next).isNotNull();
            assertThat(next.value(InstructionField.INSTRUCTION_ID)).isEqualTo("A-3");
            assertThat(next.line()).isEqualTo(6);
            assertThat(end).isNull();
        }
    }

    @Nested
    class RejectingTheWholeFile {

        @Test
        void rejectsMissingFile() {
            Path file = dir.resolve("nope.csv");

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("Input file " + file + " does not exist.");
        }

        @Test
        void rejectsEmptyFile() throws IOException {
            Path file = write("empty.csv", "");

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("Input file " + file + " is empty: expected a header row with "
                            + "instruction_id, provider, card_id, amount, reference.");
        }

        @Test
        void rejectsWhitespaceOnlyFile() throws IOException {
            Path file = write("blank.csv", "\uFEFF \r\n\t\r\n\r\n");

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("Input file " + file + " is empty: expected a header row with "
                            + "instruction_id, provider, card_id, amount, reference.");
        }

        @Test
        void namesRemappedColumnsWhenEmpty() throws IOException {
            Path file = write("empty.csv", ",,,\n");
            ColumnMapping mapping = ColumnMapping.defaults().withOverrides(Map.of("card_id", "card_token"));

            assertThatThrownBy(() -> readAll(file, mapping))
                    .hasMessage("Input file " + file + " is empty: expected a header row with "
                            + "instruction_id, provider, card_token, amount, reference.");
        }

        @Test
        void rejectsPngFile() throws IOException {
            Path file = dir.resolve("image.csv");
            Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("Input file " + file + " is not a CSV text file (line 1 is not UTF-8 text).");
        }

        @Test
        void rejectsGzipFile() throws IOException {
            Path file = dir.resolve("instructions.csv.gz");
            Files.write(file, new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03});

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("Input file " + file + " is not a CSV text file (line 1 is not UTF-8 text).");
        }

        @Test
        void namesTheFirstLineThatIsNotUtf8() throws IOException {
            Path file = dir.resolve("latin1.csv");
            Files.write(file, (HEADER + "\nA-1,cartevo,c,1,USD,ok\nA-2,cartevo,c,1,USD,Bogot\u00e1\n").getBytes(StandardCharsets.ISO_8859_1));

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .hasMessage("Input file " + file + " is not a CSV text file (line 3 is not UTF-8 text).");
        }

        @Test
        void namesUtf16AndWhatToSaveInstead() throws IOException {
            Path file = dir.resolve("unicode.csv");
            Files.write(file, ("\uFEFF" + HEADER + "\n").getBytes(StandardCharsets.UTF_16LE));

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("Input file " + file + " is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as CSV UTF-8.");
        }

        @Test
        void countsLoneCarriageReturnsWhenNamingTheLineThatIsNotText() throws IOException {
            Path file = dir.resolve("cr.csv");
            Files.write(file, (HEADER + "\rA-1,cartevo,c,1,USD,ok\rA-2,cartevo,c,1,USD,Bogot\u00e1\r").getBytes(StandardCharsets.ISO_8859_1));

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .hasMessage("Input file " + file + " is not a CSV text file (line 3 is not UTF-8 text).");
        }

        @Test
        void suggestsTheSeparatorWhenTheHeaderIsOneColumnOfSemicolons() throws IOException {
            Path file = write("semi.csv", HEADER.replace(',', ';') + "\nA-1;cartevo;c;1;USD;x\n");

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .hasMessage("Input file " + file + " has no columns 'instruction_id', 'provider', 'card_id', 'amount', 'reference' "
                            + "(line 1 has: " + HEADER.replace(',', ';') + "); the names seem separated by ';', and cardsweep reads "
                            + "comma-separated files.");
        }

        @Test
        void showsInvisibleCharactersInColumnNames() throws IOException {
            Path file = write("bom.csv", "\uFEFF\uFEFF" + HEADER + "\n");

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .hasMessage("Input file " + file + " has no column 'instruction_id' (line 1 has: \\ufeffinstruction_id, provider, "
                            + "card_id, amount, currency, reference).");
        }

        @Test
        void masksACardNumberInAFirstLineThatIsDataNotAHeader() throws IOException {
            Path file = write("no-header.csv", "A-1,nueve09,5204731600014792,10.00,MXN,trip\n");

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .hasMessage("Input file " + file + " has no columns 'instruction_id', 'provider', 'card_id', 'amount', 'reference' "
                            + "(line 1 has: A-1, nueve09, ****4792, 10.00, MXN, trip).");
        }

        @Test
        void rejectsAMisplacedQuoteInTheHeader() throws IOException {
            Path file = write("quote.csv", "instruction_id,provider,card\"id,amount,reference\n");

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .hasMessage("Input file " + file + " is not valid CSV: the header row (line 1) has a quote inside a name that "
                            + "does not start with one in column 3.");
        }

        @Test
        void rejectsNulBytes() throws IOException {
            Path file = write("nul.csv", HEADER + "\nA-1,cartevo,c,1,USD,o\0k\n");

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .hasMessage("Input file " + file + " is not a CSV text file (line 2 has a NUL character, which text never has).");
        }

        @Test
        void namesEveryMissingColumn() throws IOException {
            Path file = write("cols.csv", "a, b ,c\n1,2,3\n");

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("Input file " + file + " has no columns 'instruction_id', 'provider', 'card_id', "
                            + "'amount', 'reference' (line 1 has: a, b, c).");
        }

        @Test
        void namesASingleMissingColumnAsMapped() throws IOException {
            Path file = write("cols.csv", "instruction_id,provider,card_id,amount,reference\n");
            ColumnMapping mapping = ColumnMapping.defaults().withOverrides(Map.of("card_id", "card_token"));

            assertThatThrownBy(() -> readAll(file, mapping))
                    .hasMessage("Input file " + file + " has no column 'card_token' (line 1 has: "
                            + "instruction_id, provider, card_id, amount, reference).");
        }

        @Test
        void rejectsDuplicateColumnNames() throws IOException {
            Path file = write("dup.csv", "instruction_id,provider,card_id,amount,reference,Amount \n");

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .hasMessage("Input file " + file + " has the column 'Amount' more than once (line 1 has: "
                            + "instruction_id, provider, card_id, amount, reference, Amount).");
        }

        @Test
        void rejectsUnterminatedQuoteBeforeReadingAnyRow() throws IOException {
            Path file = write("quote.csv", HEADER + "\nA-1,cartevo,c,1,USD,ok\nA-2,cartevo,c,1,USD,\"never closed\nA-3,cartevo,c,1,USD,x\n");
            CsvInstructionReader reader = new CsvInstructionReader(file, ColumnMapping.defaults());

            assertThatThrownBy(() -> reader.open(new ExecutionContext()))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("Input file " + file + " is not valid CSV: unterminated quoted field starting on line 3.");
        }

        @Test
        void rejectsQuotedFieldRunningOverTooManyLines() throws IOException {
            Path file = write("runaway.csv", HEADER + "\nA-1,cartevo,c,1,USD,\"opened\n" + "A-2,cartevo,c,1,USD,x\n".repeat(150));

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("Input file " + file + " is not valid CSV: quoted field starting on line 2 runs over more than 100 lines (an unterminated quote?).");
        }

        @Test
        void rejectsFileWithPinColumnBeforeReadingAnyRow() throws IOException {
            Path file = write("pins.csv", HEADER + ",pin\nA-1,nueve09,5204731600014792,1,MXN,x,1234\n");
            CsvInstructionReader reader = new CsvInstructionReader(file, ColumnMapping.defaults());

            assertThatThrownBy(() -> reader.open(new ExecutionContext()))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("Input file " + file + " has a 'pin' column: cardsweep never sends PINs, so remove the column.");
        }

        @Test
        void rejectsPinColumnInAnyCaseAndSpacing() throws IOException {
            Path file = write("pins.csv", " PIN ," + HEADER + "\n1234,A-1,nueve09,5204731600014792,1,MXN,x\n");

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("Input file " + file + " has a 'PIN' column: cardsweep never sends PINs, so remove the column.");
        }

        @Test
        void rejectsJsonFile() throws IOException {
            Path file = write("instructions.json", "{\n  \"instructions\": [\n    {\"instruction_id\": \"A-1\", \"amount\": 10}\n  ]\n}\n");

            assertThatThrownBy(() -> readAll(file, ColumnMapping.defaults()))
                    .isInstanceOf(InputFileException.class)
                    .hasMessage("Input file " + file + " has no columns 'instruction_id', 'provider', 'card_id', "
                            + "'amount', 'reference' (line 1 has: {).");
        }
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    static List<InstructionRow> readAll(Path file, ColumnMapping mapping) {
        return readAll(new CsvInstructionReader(file, mapping));
    }

    static List<InstructionRow> readAll(CsvInstructionReader reader) {
        reader.open(new ExecutionContext());
        try {
            List<InstructionRow> rows = new ArrayList<>();
            for (InstructionRow row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
            return rows;
        } finally {
            reader.close();
        }
    }
}
