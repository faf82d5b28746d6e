package io.cardsweep.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.Screening;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.TerminationOutcome;
import io.cardsweep.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A card termination's transitions against real PostgreSQL: when it is due, claimed, held by a cooldown, recorded. */
class TerminationLedgerIntegrationTests {

    static final Instant NOW = Instant.parse("2026-11-21T22:00:00Z");
    static final String CARD = "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a";
    static final String OTHER_CARD = "4e3d2c1b-0a9f-4e8d-9c7b-6a5f4e3d2c1b";
    static final Set<ProviderName> ALL = Set.of(ProviderName.values());

    JdbcTemplate jdbc;
    WithdrawalLedger withdrawals;
    TerminationLedger terminations;

    @BeforeEach
    void sweep() {
        TestDatabase.Coordinates db = TestDatabase.newDatabase();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        withdrawals = new WithdrawalLedger(jdbc);
        terminations = new TerminationLedger(jdbc);
        jdbc.update("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (1, 0, 'sweep', 'k')");
        jdbc.update("INSERT INTO batch_job_execution (job_execution_id, job_instance_id, version, create_time, status) VALUES (10, 1, 0, now(), 'STARTED')");
        new LedgerLoader(jdbc).load(new RunContext(1, 10, "sweep", true), List.of(
                accepted(2, "T-1", CARD), accepted(3, "T-2", CARD), accepted(4, "T-3", OTHER_CARD)));
    }

    static Screening accepted(long line, String id, String card) {
        return new Screening.Accepted(new Instruction(line, id, ProviderName.UNCASH, card, null, "USD", null, null, null, null, null));
    }

    long id(String instruction) {
        return jdbc.queryForObject("SELECT id FROM withdrawal WHERE instruction_id = ?", Long.class, instruction);
    }

    void withdrawn(String instruction) {
        long id = id(instruction);
        withdrawals.claim(id, 10, WithdrawalStatus.READY, NOW, null, new BigDecimal("20.00"), new BigDecimal("20.00"));
        withdrawals.recordOutcome(id, 10, new io.cardsweep.provider.WithdrawalOutcome.Succeeded("tx-" + instruction, null, null, null, null), NOW);
    }

    @Test
    void aCardIsDueForTerminationOnlyOnceNothingElseIsToBeTakenFromIt() {
        // given every instruction of a terminating job asks for its card's termination
        assertThat(jdbc.queryForList("SELECT termination FROM withdrawal ORDER BY id", String.class)).containsOnly("PENDING");

        // when one of two instructions for a card has withdrawn, and the other card's has too
        withdrawn("T-1");
        withdrawn("T-3");

        // then only the other card is due: the first card still has a withdrawal to make
        assertThat(terminations.due("sweep", ALL, NOW, 10)).extracting(TerminationLedger.Due::instructionId).containsExactly("T-3");

        // and once the second withdrawal from the first card has ended too, both of its instructions are due, the later
        // one knowing nothing of a termination yet
        withdrawn("T-2");
        assertThat(terminations.due("sweep", ALL, NOW, 10)).extracting(d -> d.instructionId() + " " + d.terminatedWith())
                .containsExactly("T-1 null", "T-2 null", "T-3 null");
    }

    @Test
    void aTerminationIsClaimedOnceWithItsCooldownAndItsOutcomeKeptWithItsEvents() {
        withdrawn("T-3");
        long id = id("T-3");
        WithdrawalLedger.CooldownStart cooldown = new WithdrawalLedger.CooldownStart("uncash", OTHER_CARD, NOW.plus(Duration.ofMinutes(15)));

        // a cooldown from the card's withdrawal still running holds the termination back, unsent
        jdbc.update("INSERT INTO cooldown (provider, scope_key, available_at) VALUES ('uncash', ?, ?)", OTHER_CARD,
                java.sql.Timestamp.from(NOW.plusSeconds(60)));
        WithdrawalLedger.Claim busy = terminations.claim(id, 10, "PENDING", NOW, cooldown);
        assertThat(busy.claimed()).isFalse();
        assertThat(busy.busyUntil()).isEqualTo(NOW.plusSeconds(60));
        assertThat(terminations.deferUnsent(id, 10, "PENDING", busy.busyUntil(), "COOLDOWN", "next from then")).isTrue();
        assertThat(terminations.due("sweep", ALL, NOW, 10)).isEmpty();
        assertThat(terminations.waiting("sweep", ALL)).isEqualTo(new TerminationLedger.Waiting(1, NOW.plusSeconds(60)));

        // once it is due it is claimed with a cooldown of its own, once
        Instant later = NOW.plusSeconds(61);
        WithdrawalLedger.CooldownStart own = new WithdrawalLedger.CooldownStart("uncash", OTHER_CARD, later.plus(Duration.ofMinutes(15)));
        assertThat(terminations.due("sweep", ALL, later, 10)).singleElement().satisfies(d -> assertThat(d.from()).isEqualTo("DEFERRED"));
        assertThat(terminations.claim(id, 10, "DEFERRED", later, own).claimed()).isTrue();
        assertThat(terminations.claim(id, 10, "DEFERRED", later, own).claimed()).isFalse();
        assertThat(jdbc.queryForObject("SELECT available_at FROM cooldown WHERE scope_key = ?", java.sql.Timestamp.class, OTHER_CARD).toInstant())
                .isEqualTo(own.until());

        // and its outcome, with what the provider refunded, ends it
        assertThat(terminations.record(id, 10, new TerminationOutcome.Terminated(new BigDecimal("0.40"), "closed"), later)).isEqualTo("TERMINATED");
        assertThat(jdbc.queryForObject("SELECT status || ' ' || termination || ' ' || termination_refunded FROM withdrawal WHERE id = ?",
                String.class, id)).isEqualTo("SUCCEEDED TERMINATED 0.40");
        assertThat(jdbc.queryForList("SELECT subject || ' ' || coalesce(from_status, '') || '>' || to_status FROM withdrawal_event"
                + " WHERE withdrawal_id = ? ORDER BY id", String.class, id)).containsExactly("withdrawal >READY", "withdrawal READY>IN_FLIGHT",
                "withdrawal IN_FLIGHT>SUCCEEDED", "termination PENDING>DEFERRED", "termination DEFERRED>IN_FLIGHT",
                "termination IN_FLIGHT>TERMINATED");
    }

    @Test
    void aTerminationLeftInFlightByADeadRunIsInDoubtAndNeverDueAgain() {
        withdrawn("T-3");
        long id = id("T-3");
        assertThat(terminations.claim(id, 10, "PENDING", NOW, null).claimed()).isTrue();

        // while its execution runs, nothing happens to it
        assertThat(terminations.markInterruptedUnknown(11)).isZero();
        jdbc.update("UPDATE batch_job_execution SET status = 'FAILED' WHERE job_execution_id = 10");

        assertThat(terminations.markInterruptedUnknown(11)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT termination || ' ' || termination_code FROM withdrawal WHERE id = ?", String.class, id))
                .isEqualTo("UNKNOWN INTERRUPTED_IN_FLIGHT");
        assertThat(terminations.due("sweep", ALL, NOW, 10)).isEmpty();
    }

    @Test
    void aSkippedTerminationSaysWhyAndIsNotDueAgain() {
        withdrawn("T-3");
        long id = id("T-3");
        assertThat(terminations.skip(id, 10, "PENDING", "NO_TERMINATION", "not sent: htp documents no way to terminate a card")).isTrue();
        assertThat(terminations.skip(id, 10, "PENDING", "NO_TERMINATION", "again")).isFalse();
        assertThat(jdbc.queryForObject("SELECT termination || ': ' || termination_reason FROM withdrawal WHERE id = ?", String.class, id))
                .isEqualTo("SKIPPED: not sent: htp documents no way to terminate a card");
        assertThat(terminations.due("sweep", ALL, NOW, 10)).isEmpty();
    }

    @Test
    void twoInstructionsForOneCardTerminateItOnceWhicheverClaimsFirst() {
        // given both instructions for a card have withdrawn, so both are due
        withdrawn("T-1");
        withdrawn("T-2");
        List<TerminationLedger.Due> due = terminations.due("sweep", ALL, NOW, 10);
        assertThat(due).extracting(TerminationLedger.Due::instructionId).contains("T-1", "T-2");

        // when the first claims the card's termination, the second cannot, even from the list read before
        assertThat(terminations.claim(id("T-1"), 10, "PENDING", NOW, null).claimed()).isTrue();
        assertThat(terminations.claim(id("T-2"), 10, "PENDING", NOW, null).claimed()).isFalse();

        // and once the first is recorded, the second is due only to be told the card is terminated with the first
        terminations.record(id("T-1"), 10, new TerminationOutcome.Terminated(BigDecimal.ZERO, "terminated"), NOW);
        assertThat(terminations.claim(id("T-2"), 10, "PENDING", NOW, null).claimed()).isFalse();
        assertThat(terminations.due("sweep", ALL, NOW, 10)).filteredOn(d -> d.instructionId().equals("T-2")).singleElement()
                .satisfies(d -> assertThat(d.terminatedWith()).isEqualTo("T-1"));
    }
}
