package io.cardsweep.database;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded ledger database a local run gets when no datasource is configured. */
class EmbeddedPostgresDatabaseTests {

    @TempDir
    Path home;

    @Test
    void commitsSynchronouslySoThatAClaimSurvivesACrash() throws Exception {
        // given
        try (EmbeddedPostgresDatabase database = EmbeddedPostgresDatabase.start(home.resolve("pgdata"))) {
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database.jdbcUrl(), database.username(), ""));

            // when
            String synchronousCommit = jdbc.queryForObject("SHOW synchronous_commit", String.class);
            String fsync = jdbc.queryForObject("SHOW fsync", String.class);

            // then: zonky's own default (off, for test speed) would let a crash forget the last committed claims
            assertThat(synchronousCommit).isEqualTo("on");
            assertThat(fsync).isEqualTo("on");
        }
    }
}
