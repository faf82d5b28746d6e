package io.cardsweep.cli;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailuresTests {

    @Test
    void namesTheDatabaseByHostPortAndNameWithoutItsParametersOrUserInformation() {
        // given
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://ops:s3cr3t-pw@db.internal:6432/ledger?sslmode=require&password=s3cr3t-pw");

        // when
        String sentence = DatabaseFailures.describe(new SQLException("FATAL: password authentication failed for user \"ops\""), environment);

        // then
        assertThat(sentence).isEqualTo("Cannot use PostgreSQL: FATAL: password authentication failed for user \"ops\" (spring.datasource.url is"
                + " jdbc:postgresql://db.internal:6432/ledger: check it, and that the database is running).");
    }

    @Test
    void keepsTheDriversFirstSentenceOnlyAndOneLine() {
        // when
        String sentence = DatabaseFailures.describe(new SQLException("Connection to db:5432 refused. Check that the hostname and port are"
                + " correct and that the postmaster is accepting TCP/IP connections.\nmore"), new MockEnvironment());

        // then
        assertThat(sentence).isEqualTo("Cannot use PostgreSQL: Connection to db:5432 refused (check spring.datasource.url, and that the"
                + " database is running).");
    }
}
