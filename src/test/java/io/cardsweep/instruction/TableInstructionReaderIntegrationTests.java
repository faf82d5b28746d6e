package io.cardsweep.instruction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cardsweep.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table source over real PostgreSQL: what a row's values become, paging, restart state, and each way a source is wrong. */
class TableInstructionReaderIntegrationTests {

    static final String DATABASE = "the application's database";
    static final ColumnMapping MAPPING = ColumnMapping.defaults().withOverrides(Map.of("instruction_id", "termination_id"));

    DriverManagerDataSource dataSource;
    JdbcTemplate jdbc;

    @BeforeEach
    void createQueue() {
        TestDatabase.Coordinates database = TestDatabase.newDatabase();
        dataSource = new DriverManagerDataSource(database.url(), database.username(), database.password());
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("""
                CREATE TABLE queue (termination_id BIGINT PRIMARY KEY, provider TEXT, card_id UUID, amount NUMERIC(14, 2), currency TEXT,
                    reference TEXT, latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, pin TEXT, due_on DATE)""");
        for (int id = 1; id <= 12; id++) {
            jdbc.update("INSERT INTO queue VALUES (?, 'nueve09', gen_random_uuid(), ?, 'MXN', ?, 19.43261, -99.13321, '1234', current_date)",
                    id * 10, id % 3 == 0 ? null : new java.math.BigDecimal("100.50").multiply(java.math.BigDecimal.valueOf(id)), "ref " + id);
        }
    }

    TableInstructionReader reader(TableSource source, ColumnMapping mapping) {
        return new TableInstructionReader(source, mapping, dataSource, DATABASE, "instructions", 5);
    }

    List<InstructionRow> read(TableInstructionReader reader, int count) throws Exception {
        List<InstructionRow> rows = new ArrayList<>();
        for (InstructionRow row; rows.size() < count && (row = reader.read()) != null; ) {
            rows.add(row);
        }
        return rows;
    }

    @Nested
    class ReadingRows {

        @Test
        void readsEveryRowInSortKeyOrderNumberedByItsPlaceInThatOrder() throws Exception {
            // given
            jdbc.update("UPDATE queue SET termination_id = 5 WHERE termination_id = 120");
            TableInstructionReader reader = reader(new TableSource("queue", null, "termination_id"), MAPPING);

            // when
            reader.open(new ExecutionContext());
            List<InstructionRow> rows = read(reader, Integer.MAX_VALUE);
            reader.close();

            // then
            assertThat(rows).extracting(InstructionRow::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
            assertThat(rows).extracting(row -> row.value(InstructionField.INSTRUCTION_ID))
                    .containsExactly("5", "10", "20", "30", "40", "50", "60", "70", "80", "90", "100", "110");
        }

        @Test
        void turnsValuesIntoTheTextAFileWouldHoldAndReadsNoColumnTheMappingDoesNotName() throws Exception {
            // given
            TableInstructionReader reader = reader(new TableSource("queue", null, "termination_id"), MAPPING);

            // when
            reader.open(new ExecutionContext());
            List<InstructionRow> rows = read(reader, 3);
            reader.close();

            // then NUMERIC plainly, NULL as an empty field, floats without an exponent, absent columns absent
            assertThat(rows.get(0).values()).containsEntry(InstructionField.AMOUNT, "100.50").containsEntry(InstructionField.LATITUDE, "19.43261")
                    .containsEntry(InstructionField.LONGITUDE, "-99.13321").containsEntry(InstructionField.REFERENCE, "ref 1")
                    .doesNotContainKeys(InstructionField.WALLET_ADDRESS, InstructionField.NETWORK);
            assertThat(rows.get(1).values()).containsEntry(InstructionField.AMOUNT, "201.00");
            assertThat(rows.get(2).values()).containsEntry(InstructionField.AMOUNT, "");
            assertThat(rows.get(2).value(InstructionField.AMOUNT)).isNull();
            assertThat(rows.get(0).values().values()).doesNotContain("1234");
            assertThat(rows.get(0).fieldCount()).isEqualTo(rows.get(0).columnCount());
        }

        @Test
        void readsTheRowsOfAQueryMatchingColumnNamesAsFileHeadersAre() throws Exception {
            // given
            TableSource source = new TableSource(null, "SELECT termination_id AS \"Termination_ID\", provider, card_id, amount, currency,"
                    + " reference FROM queue WHERE termination_id > 60 -- tonight's only\n;", "termination_id");

            // when
            TableInstructionReader reader = reader(source, MAPPING);
            reader.open(new ExecutionContext());
            List<InstructionRow> rows = read(reader, Integer.MAX_VALUE);
            reader.close();

            // then
            assertThat(rows).extracting(row -> row.line() + ":" + row.value(InstructionField.INSTRUCTION_ID))
                    .containsExactly("1:70", "2:80", "3:90", "4:100", "5:110", "6:120");
        }

        @Test
        void resumesAfterTheLastKeyItsSavedStateNamesAndNumbersOnFromThere() throws Exception {
            // given a reader that handed out 5 rows and saved its state, and rows before that key deleted since
            ExecutionContext saved = new ExecutionContext();
            TableInstructionReader first = reader(new TableSource("queue", null, "termination_id"), MAPPING);
            first.open(saved);
            read(first, 5);
            first.update(saved);
            first.close();
            jdbc.update("DELETE FROM queue WHERE termination_id <= 30");

            // when
            TableInstructionReader again = reader(new TableSource("queue", null, "termination_id"), MAPPING);
            again.open(saved);
            List<InstructionRow> rows = read(again, Integer.MAX_VALUE);
            again.close();

            // then
            assertThat(rows).extracting(row -> row.line() + ":" + row.value(InstructionField.INSTRUCTION_ID))
                    .containsExactly("6:60", "7:70", "8:80", "9:90", "10:100", "11:110", "12:120");
        }
    }

    @Nested
    class WrongSources {

        @Test
        void namesATableThatDoesNotExist() {
            assertThatThrownBy(() -> reader(new TableSource("queue_typo", null, "termination_id"), MAPPING).open(new ExecutionContext()))
                    .isInstanceOf(TableSourceException.class)
                    .hasMessage("The table queue_typo (cardsweep.job.source.table) does not exist in the application's database.");
        }

        @Test
        void namesTheColumnsItLacksAndThoseItHas() {
            // given
            jdbc.execute("ALTER TABLE queue DROP COLUMN reference");

            // then
            assertThatThrownBy(() -> reader(new TableSource("queue", null, "termination_id"), ColumnMapping.defaults()).open(new ExecutionContext()))
                    .hasMessage("The table queue (cardsweep.job.source.table) has no columns 'instruction_id', 'reference' (cardsweep.job.columns"
                            + " maps each field to its column); its columns are: termination_id, provider, card_id, amount, currency, latitude,"
                            + " longitude, pin, due_on.");
        }

        @Test
        void refusesASortKeyThatIsNotAColumn() {
            assertThatThrownBy(() -> reader(new TableSource("queue", null, "id"), MAPPING).open(new ExecutionContext()))
                    .hasMessageStartingWith("The sort key 'id' (cardsweep.job.source.sort-key) is not a column of the table queue"
                            + " (cardsweep.job.source.table); its columns are: termination_id, provider,");
        }

        @Test
        void refusesASortKeyThatRepeatsOrIsMissing() {
            assertThatThrownBy(() -> reader(new TableSource("queue", null, "currency"), MAPPING).open(new ExecutionContext()))
                    .isInstanceOf(TableSourceException.class).satisfies(e -> assertThat(((TableSourceException) e).misconfigured()).isTrue())
                    .hasMessage("The sort key 'currency' (cardsweep.job.source.sort-key) is not unique in the table queue (cardsweep.job.source.table):"
                            + " 11 row(s) repeat another row's value; name a unique column, such as the primary key, so that a restart resumes"
                            + " exactly where the run stopped.");
            assertThatThrownBy(() -> reader(new TableSource("queue", null, "amount"), MAPPING).open(new ExecutionContext()))
                    .hasMessage("The sort key 'amount' (cardsweep.job.source.sort-key) is NULL in 4 row(s) of the table queue"
                            + " (cardsweep.job.source.table): name a column that is never NULL, such as the primary key.");
        }

        @Test
        void givesPostgresqlsOwnWordsForAQueryThatFails() {
            assertThatThrownBy(() -> reader(new TableSource(null, "SELECT * FORM queue", "termination_id"), MAPPING).open(new ExecutionContext()))
                    .hasMessage("The query of cardsweep.job.source.sql fails in the application's database: syntax error at or near \"FORM\".");
        }

        @Test
        void masksACardNumberPostgresqlQuotesInItsWordsAndKeepsNoDriverExceptionThatQuotesIt() {
            TableSource source = new TableSource(null, "SELECT q.*, '4111111111111111'::integer AS pan FROM queue q", "termination_id");

            assertThatThrownBy(() -> reader(source, MAPPING).open(new ExecutionContext()))
                    .hasMessageNotContaining("4111111111111111").hasMessageContaining("****1111").hasNoCause();
        }

        @Test
        void refusesAQueryWithTwoColumnsOfOneName() {
            TableSource source = new TableSource(null, "SELECT q.*, q.provider AS \"PROVIDER\" FROM queue q", "termination_id");

            assertThatThrownBy(() -> reader(source, MAPPING).open(new ExecutionContext()))
                    .hasMessage("The query of cardsweep.job.source.sql has 2 columns named 'provider': give each column a name of its own.");
        }

        @Test
        void tellsADatabaseThatCannotBeReachedFromASourceThatIsWrong() {
            // given
            DriverManagerDataSource nowhere = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/nowhere", "x", "y");
            TableInstructionReader reader = new TableInstructionReader(new TableSource("queue", null, "termination_id"), MAPPING, nowhere,
                    "the source database", "instructions", 5);

            // then
            assertThatThrownBy(() -> reader.open(new ExecutionContext()))
                    .isInstanceOf(TableSourceException.class).satisfies(e -> assertThat(((TableSourceException) e).misconfigured()).isFalse())
                    .hasMessage("The table queue (cardsweep.job.source.table) cannot be read: the source database cannot be reached"
                            + " (Connection to 127.0.0.1:1 refused).");
        }
    }

    @Nested
    class Settings {

        @Test
        void requireATableOrAQueryNotBothAndAWellFormedSortKey() {
            assertThatThrownBy(() -> new TableSource("queue", "SELECT 1", "id")).hasMessage("give a table (table) or a query (sql), not both");
            assertThatThrownBy(() -> new TableSource(" ", null, "id"))
                    .hasMessage("name a table (table) or give a query (sql) to read the instructions from");
            assertThatThrownBy(() -> new TableSource("queue", null, null))
                    .hasMessage("sort-key is required: name a unique column, such as the primary key, so that a restart resumes exactly where"
                            + " the run stopped");
            assertThatThrownBy(() -> new TableSource("queue; DROP TABLE queue", null, "id")).hasMessageStartingWith("table 'queue; DROP TABLE queue' is not a table name");
            assertThatThrownBy(() -> new TableSource("queue", null, "id desc")).hasMessageStartingWith("sort-key 'id desc' is not a column name");
            assertThat(new TableSource(null, " SELECT 1 ; ", "id").sql()).isEqualTo("SELECT 1");
        }
    }
}
