package io.cardsweep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.cardsweep.support.CliRun;
import io.cardsweep.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cardsweep load-sql}: the sample termination queue put beside the ledger, where the nightly sweep reads it. */
class LoadSqlIntegrationTests {

    @TempDir
    Path dir;

    CliRun cli(TestDatabase.Coordinates database, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--cardsweep.home=" + dir.resolve("home"));
        all.addAll(List.of(database.asArguments()));
        return CliRun.of(Cli::run, all);
    }

    @Test
    void loadsTheSampleQueueIntoAFreshLedgersDatabaseAfterItsSchema() {
        // given a database nothing has used yet
        TestDatabase.Coordinates database = TestDatabase.newDatabase();

        // when the sample queue is loaded into it
        CliRun loaded = cli(database, "load-sql", "sample-input/termination-queue.sql");

        // then the ledger's schema is there, and the queue beside it
        assertThat(loaded.exit()).as(loaded.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(loaded.out()).contains("Loaded sample-input/termination-queue.sql into the ledger's database.");
        JdbcTemplate jdbc = database.jdbc();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cards_due_for_termination", Integer.class)).isEqualTo(24);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal", Integer.class)).isZero();
    }

    @Test
    void saysWhichFileFailedAndWhyInOneSentence() throws Exception {
        TestDatabase.Coordinates database = TestDatabase.newDatabase();
        Path broken = Files.writeString(dir.resolve("broken.sql"), "CREATE TABLE x (id BIGINT PRIMARY KEY);\nINSERT INTO y VALUES (1);\n");

        CliRun failed = cli(database, "load-sql", broken.toString());
        CliRun missing = cli(database, "load-sql");

        assertThat(failed.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(failed.err()).startsWith("SQL file " + broken + " failed: ").contains("relation \"y\" does not exist")
                .doesNotContain("\tat ");
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("Name one SQL file to load");
    }
}
