package io.cardsweep.job;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import io.cardsweep.instruction.CardNumberProtection;
import io.cardsweep.instruction.ColumnMapping;
import io.cardsweep.instruction.CsvInstructionReader;
import io.cardsweep.instruction.InputFileException;
import io.cardsweep.instruction.InstructionRow;
import io.cardsweep.instruction.Screening;
import io.cardsweep.instruction.VisibleText;
import io.cardsweep.ledger.LedgerLoader;
import io.cardsweep.ledger.ReportWriter;
import io.cardsweep.ledger.RunContext;
import io.cardsweep.ledger.RunLedger;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.rules.InstructionScreen;
import io.cardsweep.rules.ScreenSettings;
import io.cardsweep.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input}): every file, with the bytes a user would send, goes
 * through the load step's own pieces (reader, rules, card protection, ledger in chunks) and the report writer, and
 * must end as {@code cases.csv} says: refused as a whole with one sentence, or each row {@code READY} or
 * {@code REJECTED} with a reason naming its line. Whatever the case, the report has no cell a spreadsheet would
 * evaluate, no card number and no reason a person could not read as written.
 */
class BadInputCorpusIntegrationTests {

    static final Path CORPUS = Path.of("src/test/resources/bad-input");
    static final Path INDEX = CORPUS.resolve("cases.csv");

    static final AtomicLong RUNS = new AtomicLong();

    static JdbcTemplate jdbc;
    static LedgerLoader loader;
    static ReportWriter reports;

    final LoadProcessor processor = new LoadProcessor(
            new InstructionScreen(ScreenSettings.of(EnumSet.allOf(ProviderName.class)).withHtpFee(new BigDecimal("1.00"))),
            new CardNumberProtection(Map.of(ProviderName.NUEVE09, number -> "sealed-for-nueve09"), "a-test-key-of-16+chars"),
            Shard.WHOLE);

    @TempDir
    Path dir;

    @BeforeAll
    static void ledger() {
        TestDatabase.Coordinates db = TestDatabase.newDatabase();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        loader = new LedgerLoader(jdbc);
        reports = new ReportWriter(new RunLedger(jdbc, new DataSourceTransactionManager(dataSource)));
    }

    /** One row of the index: what a line of a case (or the whole file, for {@code FILE_REFUSED}) must end as. */
    record Expected(String file, @Nullable Long line, String status, String code, String field, String fragment) {
    }

    /** What the load made of one file: the refusal, or the screenings and the report's rows by line. */
    record Loaded(@Nullable InputFileException refusal, List<Screening> screenings, Map<Long, String[]> reportRows, String reportText) {
    }

    static Stream<Arguments> cases() throws IOException, CsvException {
        return index().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void loadsAsTheIndexSays(String file, List<Expected> expected) throws Exception {
        // when
        Loaded loaded = load(CORPUS.resolve(file));

        // then
        if (expected.get(0).status().equals("FILE_REFUSED")) {
            assertRefused(CORPUS.resolve(file), loaded, expected.get(0));
            return;
        }
        if (loaded.refusal() != null) {
            fail("expected rows but the file was refused: " + loaded.refusal().getMessage());
        }
        List<Expected> rows = expected.stream().filter(e -> !e.status().equals("NO_ROWS")).toList();
        assertThat(loaded.reportRows().keySet()).as("lines in the report").containsExactlyElementsOf(rows.stream().map(Expected::line).toList());
        assertThat(loaded.screenings()).as("rows read, each screened once").hasSize(rows.size());
        long ready = count(loaded, "READY");
        long rejected = count(loaded, "REJECTED");
        assertThat(ready + rejected).as("rows in = accepted + rejected").isEqualTo(loaded.screenings().size());
        for (Expected row : rows) {
            assertRow(loaded, row);
        }
        assertReportIsSafe(loaded.reportText(), loaded.reportRows());
    }

    @Test
    void indexesEveryFileOfTheCorpusAndHasAtLeastFifty() throws Exception {
        // given
        List<String> files;
        try (Stream<Path> listed = Files.list(CORPUS)) {
            files = listed.map(p -> p.getFileName().toString()).filter(name -> !name.equals("cases.csv")).sorted().toList();
        }

        // when
        List<String> indexed = index().keySet().stream().sorted().toList();

        // then
        assertThat(indexed).isEqualTo(files);
        assertThat(files).hasSizeGreaterThanOrEqualTo(50);
    }

    private Loaded load(Path file) throws IOException, CsvException {
        long run = RUNS.incrementAndGet();
        jdbc.update("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (?, 0, 'bad-input', ?)", run, "case-" + run);
        jdbc.update("INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, status) VALUES (?, 0, ?, now(), 'STARTED')",
                run, run);
        // Each case is its own job, so instruction ids repeated across cases are not duplicates of each other.
        RunContext context = new RunContext(run, run, "bad-input-case-" + run);
        CsvInstructionReader reader = new CsvInstructionReader(file, ColumnMapping.defaults());
        try {
            reader.open(new ExecutionContext());
        } catch (InputFileException refusal) {
            return new Loaded(refusal, List.of(), Map.of(), "");
        }
        List<Screening> screenings = new ArrayList<>();
        try {
            for (InstructionRow row = reader.read(); row != null; row = reader.read()) {
                screenings.add(processor.process(row));
            }
        } finally {
            reader.close();
        }
        for (int from = 0; from < screenings.size(); from += 3) {
            loader.load(context, screenings.subList(from, Math.min(from + 3, screenings.size())));
        }
        Path report = dir.resolve(file.getFileName() + ".report.csv");
        reports.write(run, report);
        String text = Files.readString(report, StandardCharsets.UTF_8);
        Map<Long, String[]> rows = new TreeMap<>();
        try (CSVReader csv = rfc4180(Files.newBufferedReader(report, StandardCharsets.UTF_8))) {
            List<String[]> all = csv.readAll();
            for (String[] cells : all.subList(1, all.size())) {
                rows.put(Long.parseLong(cells[10]), cells);
            }
        }
        return new Loaded(null, screenings, rows, text);
    }

    private static void assertRefused(Path file, Loaded loaded, Expected expected) {
        assertThat(loaded.refusal()).as("refusal of " + file).isNotNull();
        String message = loaded.refusal().getMessage();
        assertThat(message).startsWith("Input file " + file + " ").contains(expected.fragment()).endsWith(".")
                .doesNotContain("\n", "\r", "Exception");
        assertThat(BadInputFixture.cardNumbersIn(message.substring(("Input file " + file).length()))).as("card numbers in: " + message).isEmpty();
    }

    private static void assertRow(Loaded loaded, Expected expected) {
        String[] cells = loaded.reportRows().get(expected.line());
        String where = expected.file() + " line " + expected.line();
        assertThat(cells[4]).as("status of " + where).isEqualTo(expected.status());
        if (expected.status().equals("READY")) {
            assertThat(cells[5]).as("reason code of " + where).isEmpty();
            return;
        }
        assertThat(cells[5]).as("reason code of " + where).isEqualTo(expected.code());
        assertThat(cells[6]).as("reason of " + where).startsWith("line " + expected.line() + ": ").contains(expected.fragment());
        loaded.screenings().stream()
                .filter(s -> s.line() == expected.line() && s instanceof Screening.Rejected)
                .map(s -> ((Screening.Rejected) s).field())
                .forEach(field -> assertThat(field).as("field of " + where).isEqualTo(expected.field()));
    }

    /** No cell a spreadsheet would run, no card number, and reasons that show every character they quote. */
    private static void assertReportIsSafe(String text, Map<Long, String[]> rows) {
        assertThat(BadInputFixture.cardNumbersIn(text)).as("card numbers in the report").isEmpty();
        for (String[] cells : rows.values()) {
            for (String cell : cells) {
                assertThat(cell).as("report cell").doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                        .doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
            }
            assertThat(cells[6].codePoints().noneMatch(VisibleText::isInvisible)).as("reason shows every character: " + cells[6]).isTrue();
        }
    }

    private static long count(Loaded loaded, String status) {
        return loaded.reportRows().values().stream().filter(cells -> cells[4].equals(status)).count();
    }

    /** OpenCSV's default parser takes a backslash for an escape; the index and the report quote by doubling only. */
    private static CSVReader rfc4180(Reader text) {
        return new CSVReaderBuilder(text).withCSVParser(new RFC4180ParserBuilder().build()).build();
    }

    static Map<String, List<Expected>> index() throws IOException, CsvException {
        try (CSVReader csv = rfc4180(Files.newBufferedReader(INDEX, StandardCharsets.UTF_8))) {
            List<String[]> all = csv.readAll();
            return all.subList(1, all.size()).stream()
                    .map(c -> new Expected(c[0], c[1].isEmpty() ? null : Long.valueOf(c[1]), c[2], c[3], c[4], c[5]))
                    .collect(Collectors.groupingBy(Expected::file, LinkedHashMap::new, Collectors.toList()));
        }
    }
}
