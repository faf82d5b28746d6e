package io.cardsweep.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cardsweep.instruction.Instruction;
import io.cardsweep.instruction.Screening;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.WithdrawalOutcome;
import io.cardsweep.support.TestDatabase;
import io.cardsweep.throttle.Cooldown;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The protocol's transitions against real PostgreSQL: what may be claimed, released and swept, and when. */
class WithdrawalLedgerIntegrationTests {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final String CARD = "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a";

    TestDatabase.Coordinates db;
    JdbcTemplate jdbc;
    WithdrawalLedger ledger;
    long id;

    @BeforeEach
    void oneReadyWithdrawal() {
        db = TestDatabase.newDatabase();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        ledger = new WithdrawalLedger(jdbc);
        jdbc.update("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (1, 0, 'job', 'k')");
        execution(10, "STARTED");
        new LedgerLoader(jdbc).load(new RunContext(1, 10, "job"), List.of(new Screening.Accepted(new Instruction(2, "I-1", ProviderName.UNCASH,
                CARD, new java.math.BigDecimal("10.00"), "USD", null, null, null, null, null))));
        id = jdbc.queryForObject("SELECT id FROM withdrawal", Long.class);
    }

    @Test
    void claimsADeferredRowOnlyOnceItIsDue() {
        // given
        ledger.deferUnsent(id, 10, WithdrawalStatus.READY, NOW.plus(Duration.ofMinutes(15)), "COOLDOWN", "card busy");

        // when / then
        assertThat(ledger.claim(id, 10, WithdrawalStatus.DEFERRED, NOW.plus(Duration.ofMinutes(14)))).isFalse();
        assertThat(status()).isEqualTo("DEFERRED");
        assertThat(ledger.claim(id, 10, WithdrawalStatus.DEFERRED, NOW.plus(Duration.ofMinutes(15)))).isTrue();
        assertThat(status()).isEqualTo("IN_FLIGHT");
    }

    @Test
    void keepsANotBeforeOnlyWhileARowWaitsForIt() {
        // given
        ledger.deferUnsent(id, 10, WithdrawalStatus.READY, NOW, "COOLDOWN", "card busy");

        // when claimed, then released for credentials refused before anything was sent
        ledger.claim(id, 10, WithdrawalStatus.DEFERRED, NOW);
        Object whileInFlight = jdbc.queryForObject("SELECT not_before FROM withdrawal WHERE id = ?", Object.class, id);
        ledger.release(id, 10, WithdrawalStatus.DEFERRED, "not sent: credentials refused");

        // then it had none in flight, and waits again, due at once
        assertThat(whileInFlight).isNull();
        assertThat(jdbc.queryForObject("SELECT status || ' ' || (not_before <= now())::text FROM withdrawal WHERE id = ?", String.class, id))
                .isEqualTo("DEFERRED true");
    }

    @Test
    void transitionsUpdateTheRowInPlaceWithoutTouchingItsIndexes() {
        // when a row is claimed and its outcome recorded
        ledger.claim(id, 10, WithdrawalStatus.READY, NOW);
        ledger.recordOutcome(id, 10, new WithdrawalOutcome.Declined("CARD_NOT_FOUND", "no such card"), NOW);

        // then PostgreSQL wrote both versions as heap-only tuples (no status or outcome column is indexed)
        Integer hot = null;
        for (int attempt = 0; attempt < 50 && (hot == null || hot < 2); attempt++) {
            hot = jdbc.queryForObject("SELECT n_tup_hot_upd::int FROM pg_stat_user_tables WHERE relname = 'withdrawal'", Integer.class);
            sleep(100);
        }
        assertThat(hot).isEqualTo(2);
    }

    @Test
    void keepsTheCardBalanceReadBeforeTheCallWithTheClaimAndThroughAnAnswerThatReportsNone() {
        // when a row is claimed with the card's balance read just before, and its success reports no balance before
        ledger.claim(id, 10, WithdrawalStatus.READY, NOW, null, new java.math.BigDecimal("150.25"));
        java.math.BigDecimal inFlight = jdbc.queryForObject("SELECT balance_before FROM withdrawal WHERE id = ?", java.math.BigDecimal.class, id);
        ledger.recordOutcome(id, 10, new WithdrawalOutcome.Succeeded("unc_tx_1", null, null, null, new java.math.BigDecimal("125.25")), NOW);

        // then the balance was there before the call, and stays beside the provider's balance after
        assertThat(inFlight).isEqualByComparingTo("150.25");
        assertThat(jdbc.queryForObject("SELECT balance_before::text || ' ' || balance_after::text FROM withdrawal WHERE id = ?", String.class, id))
                .isEqualTo("150.25 125.25");
    }

    @Test
    void aFullBalanceInstructionIsClaimedWithTheAmountItSendsAndNeverWithoutOne() {
        // given an instruction for a card's whole balance, which carries no amount until it is claimed
        new LedgerLoader(jdbc).load(new RunContext(1, 10, "job"), List.of(new Screening.Accepted(new Instruction(3, "I-2", ProviderName.UNCASH,
                CARD, null, "USD", null, null, null, null, null))));
        long full = jdbc.queryForObject("SELECT id FROM withdrawal WHERE instruction_id = 'I-2'", Long.class);
        assertThat(jdbc.queryForObject("SELECT full_balance::text || ' ' || coalesce(amount::text, '-') || ' ' || amount_given FROM withdrawal"
                + " WHERE id = ?", String.class, full)).isEqualTo("true - ALL");

        // then a claim without the amount to send is refused by the table itself, and nothing is claimed
        assertThatThrownBy(() -> ledger.claim(full, 10, WithdrawalStatus.READY, NOW, null, new java.math.BigDecimal("80.00")))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        assertThat(jdbc.queryForObject("SELECT status FROM withdrawal WHERE id = ?", String.class, full)).isEqualTo("READY");

        // and a claim with it keeps the amount with the balance it came from; an instruction with its own amount keeps it
        assertThat(ledger.claim(full, 10, WithdrawalStatus.READY, NOW, null, new java.math.BigDecimal("80.00"), new java.math.BigDecimal("80.00"))
                .claimed()).isTrue();
        assertThat(ledger.claim(id, 10, WithdrawalStatus.READY, NOW, null, new java.math.BigDecimal("50.00"), new java.math.BigDecimal("50.00"))
                .claimed()).isTrue();
        assertThat(jdbc.queryForList("SELECT instruction_id || ' ' || status || ' ' || amount || ' ' || balance_before FROM withdrawal ORDER BY id",
                String.class)).containsExactly("I-1 IN_FLIGHT 10.00 50.00", "I-2 IN_FLIGHT 80.00 80.00");
    }

    @Test
    void aFullBalanceRowEndingUnsentAfterADeferredAttemptKeepsNoAmountItNeverWithdrew() {
        new LedgerLoader(jdbc).load(new RunContext(1, 10, "job"), List.of(new Screening.Accepted(new Instruction(3, "I-2", ProviderName.UNCASH,
                CARD, null, "USD", null, null, null, null, null))));
        long full = jdbc.queryForObject("SELECT id FROM withdrawal WHERE instruction_id = 'I-2'", Long.class);
        // an attempt of 50.00 refused with a 429: deferred, nothing withdrawn
        ledger.claim(full, 10, WithdrawalStatus.READY, NOW, null, new java.math.BigDecimal("50.00"), new java.math.BigDecimal("50.00"));
        ledger.recordOutcome(full, 10, new WithdrawalOutcome.Deferred("RATE_LIMITED", "429", java.time.Duration.ofSeconds(1)), NOW);

        // then the card is found nearly empty when it is due again
        assertThat(ledger.nothingToReclaim(full, 10, WithdrawalStatus.DEFERRED, new java.math.BigDecimal("0.40"), "below")).isTrue();
        assertThat(jdbc.queryForObject("SELECT status || ' ' || coalesce(amount::text, '-') FROM withdrawal WHERE id = ?", String.class, full))
                .isEqualTo("NOTHING_TO_RECLAIM -");
    }

    @Test
    void aBalanceTooSmallToWithdrawEndsTheRowUnsentWithTheBalanceKept() {
        assertThat(ledger.nothingToReclaim(id, 10, WithdrawalStatus.READY, new java.math.BigDecimal("0.40"), "below the minimum")).isTrue();
        assertThat(ledger.nothingToReclaim(id, 10, WithdrawalStatus.READY, new java.math.BigDecimal("0.40"), "below the minimum")).isFalse();
        assertThat(ledger.claim(id, 10, WithdrawalStatus.READY, NOW)).isFalse();
        assertThat(jdbc.queryForObject("SELECT status || ' ' || balance_before || ' ' || attempts FROM withdrawal WHERE id = ?", String.class, id))
                .isEqualTo("NOTHING_TO_RECLAIM 0.40 0");
        assertThat(jdbc.queryForList("SELECT coalesce(from_status, '') || '>' || to_status FROM withdrawal_event WHERE withdrawal_id = ? ORDER BY id",
                String.class, id)).containsExactly(">READY", "READY>NOTHING_TO_RECLAIM");
    }

    @Test
    void releasesARefusedClaimBackToWhereItCameFrom() {
        // given a deferred row claimed when due, then refused for credentials before anything executed
        ledger.deferUnsent(id, 10, WithdrawalStatus.READY, NOW, "COOLDOWN", "card busy");
        ledger.claim(id, 10, WithdrawalStatus.DEFERRED, NOW);

        // when
        ledger.release(id, 10, WithdrawalStatus.DEFERRED, "not sent: credentials refused");

        // then: still deferred, so the deferred step finds it again
        assertThat(status()).isEqualTo("DEFERRED");
    }

    @Test
    void sweepsInFlightRowsOfDeadExecutionsOnlyNeverThoseOfALiveOne() {
        // given a row claimed by execution 10, which is still running
        ledger.claim(id, 10, WithdrawalStatus.READY, NOW);
        execution(11, "STARTED");

        // when another execution sweeps
        int whileAlive = ledger.markInterruptedUnknown(11);
        jdbc.update("UPDATE batch_job_execution SET status = 'FAILED' WHERE job_execution_id = 10");
        int onceDead = ledger.markInterruptedUnknown(11);

        // then
        assertThat(whileAlive).isZero();
        assertThat(onceDead).isEqualTo(1);
        assertThat(status()).isEqualTo("UNKNOWN");
    }

    private String status() {
        return jdbc.queryForObject("SELECT status FROM withdrawal WHERE id = ?", String.class, id);
    }

    @Test
    void commitsAClaimBeforeReturningEvenInsideATransactionThatRollsBack() {
        // given a chunk-like transaction on the same pool around the claim, as the deferred step has
        org.springframework.transaction.support.TransactionTemplate chunk =
                new org.springframework.transaction.support.TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        JdbcTemplate otherSession = db.jdbc();
        String[] seenByOthersBeforeTheChunkEnded = new String[1];

        // when
        chunk.executeWithoutResult(tx -> {
            ledger.claim(id, 10, WithdrawalStatus.READY, NOW);
            seenByOthersBeforeTheChunkEnded[0] = otherSession.queryForObject("SELECT status FROM withdrawal WHERE id = ?", String.class, id);
            tx.setRollbackOnly();
        });

        // then the claim was durable before the provider would have been called, and stayed so
        assertThat(seenByOthersBeforeTheChunkEnded[0]).isEqualTo("IN_FLIGHT");
        assertThat(status()).isEqualTo("IN_FLIGHT");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal_event WHERE to_status = 'IN_FLIGHT'", Integer.class)).isOne();
    }

    @Test
    void claimsAndRecordsSeveralRowsInOneStatementEachAsItsOwnStatementWould() {
        // given four more READY rows, one of them already claimed by another attempt
        List<Screening> more = new java.util.ArrayList<>();
        for (int line = 3; line <= 6; line++) {
            more.add(new Screening.Accepted(new Instruction(line, "I-" + line, ProviderName.UNCASH, "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0" + line,
                    new java.math.BigDecimal("10.00"), "USD", null, null, null, null, null)));
        }
        new LedgerLoader(jdbc).load(new RunContext(1, 10, "job"), more);
        List<Long> ids = jdbc.queryForList("SELECT id FROM withdrawal WHERE source_line > 2 ORDER BY source_line", Long.class);
        ledger.claim(ids.get(3), 10, WithdrawalStatus.READY, NOW);

        // when
        List<Boolean> claimed = ledger.claimTogether(ids.stream()
                .map(row -> new WithdrawalLedger.ClaimInput(row, 10, WithdrawalStatus.READY, NOW, null, null, null)).toList())
                .stream().map(WithdrawalLedger.Claim::claimed).toList();
        List<Boolean> recorded = ledger.recordTogether(List.of(
                new WithdrawalLedger.OutcomeInput(ids.get(0), 10, new WithdrawalOutcome.Succeeded("tx-1", new java.math.BigDecimal("9.70"),
                        new java.math.BigDecimal("0.30"), new java.math.BigDecimal("100.00"), new java.math.BigDecimal("90.00")), NOW),
                new WithdrawalLedger.OutcomeInput(ids.get(1), 10, new WithdrawalOutcome.Deferred("RATE_LIMITED", "wait", Duration.ofMinutes(10)), NOW),
                new WithdrawalLedger.OutcomeInput(ids.get(2), 10, new WithdrawalOutcome.Declined("CARD_NOT_FOUND", "no such card"), NOW),
                new WithdrawalLedger.OutcomeInput(id, 10, new WithdrawalOutcome.Declined("CARD_NOT_FOUND", "never claimed"), NOW)));

        // then the row another attempt held was not claimed again, and the row never claimed took no outcome
        assertThat(claimed).containsExactly(true, true, true, false);
        assertThat(recorded).containsExactly(true, true, true, false);
        assertThat(jdbc.queryForList("SELECT status || ' ' || coalesce(reason_code, '-') || ' ' || attempts || ' ' || coalesce(claimed_by::text, '-')"
                + " FROM withdrawal ORDER BY source_line", String.class))
                .containsExactly("READY - 0 -", "SUCCEEDED OK 1 10", "DEFERRED RATE_LIMITED 1 10", "DECLINED CARD_NOT_FOUND 1 10", "IN_FLIGHT - 1 10");
        assertThat(jdbc.queryForMap("SELECT provider_transaction_id, net_amount, fee, balance_before, balance_after FROM withdrawal WHERE id = ?",
                ids.get(0))).containsEntry("provider_transaction_id", "tx-1").containsEntry("net_amount", new java.math.BigDecimal("9.70"))
                .containsEntry("fee", new java.math.BigDecimal("0.30")).containsEntry("balance_after", new java.math.BigDecimal("90.00"));
        assertThat(jdbc.queryForObject("SELECT not_before FROM withdrawal WHERE id = ?", java.time.OffsetDateTime.class, ids.get(1)).toInstant())
                .isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        // every transition has its event, as with one statement per row
        assertThat(jdbc.queryForList("SELECT coalesce(from_status, '-') || '>' || to_status || ' ' || job_execution_id FROM withdrawal_event"
                + " WHERE withdrawal_id = ? ORDER BY id", String.class, ids.get(0)))
                .containsExactly("->READY 10", "READY>IN_FLIGHT 10", "IN_FLIGHT>SUCCEEDED 10");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal_event WHERE withdrawal_id = ?", Integer.class, ids.get(3))).isEqualTo(2);
    }

    @Test
    void tellsOnlyOneOfTwoClaimsOfTheSameRowInOneStatementThatItWon() {
        // when the same row is claimed twice in one batch (no path does this today; the answer must still be one winner)
        List<Boolean> claimed = ledger.claimTogether(List.of(
                new WithdrawalLedger.ClaimInput(id, 10, WithdrawalStatus.READY, NOW, null, null, null), new WithdrawalLedger.ClaimInput(id, 10, WithdrawalStatus.READY, NOW, null, null, null)))
                .stream().map(WithdrawalLedger.Claim::claimed).toList();
        List<Boolean> recorded = ledger.recordTogether(List.of(
                new WithdrawalLedger.OutcomeInput(id, 10, new WithdrawalOutcome.Declined("CARD_NOT_FOUND", "first"), NOW),
                new WithdrawalLedger.OutcomeInput(id, 10, new WithdrawalOutcome.Declined("CARD_NOT_FOUND", "second"), NOW)));

        // then
        assertThat(claimed).containsExactlyInAnyOrder(true, false);
        assertThat(recorded).containsExactlyInAnyOrder(true, false);
        assertThat(jdbc.queryForObject("SELECT attempts FROM withdrawal WHERE id = ?", Integer.class, id)).isOne();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal_event WHERE withdrawal_id = ?", Integer.class, id)).isEqualTo(3);
    }

    @Test
    void startsACooldownWithTheClaimAndHoldsTheCardsNextAttemptUntilItEnds() {
        // given three more withdrawals from the same card
        long second = readyRow("I-2", CARD);
        long third = readyRow("I-3", CARD);

        // when, with time moved by hand
        WithdrawalLedger.Claim first = ledger.claim(id, 10, WithdrawalStatus.READY, NOW, perCard(CARD, NOW));
        Instant fourteenMinutesOn = NOW.plus(Duration.ofMinutes(14));
        WithdrawalLedger.Claim tooEarly = ledger.claim(second, 10, WithdrawalStatus.READY, fourteenMinutesOn, perCard(CARD, fourteenMinutesOn));
        Instant fifteenMinutesOn = NOW.plus(Duration.ofMinutes(15));
        WithdrawalLedger.Claim onTime = ledger.claim(second, 10, WithdrawalStatus.READY, fifteenMinutesOn, perCard(CARD, fifteenMinutesOn));
        WithdrawalLedger.Claim next = ledger.claim(third, 10, WithdrawalStatus.READY, fifteenMinutesOn, perCard(CARD, fifteenMinutesOn));

        // then
        assertThat(first).isEqualTo(new WithdrawalLedger.Claim(true, null));
        assertThat(tooEarly).isEqualTo(new WithdrawalLedger.Claim(false, Instant.parse("2026-11-21T10:15:00Z")));
        assertThat(onTime).isEqualTo(new WithdrawalLedger.Claim(true, null));
        assertThat(next).isEqualTo(new WithdrawalLedger.Claim(false, Instant.parse("2026-11-21T10:30:00Z")));
        assertThat(jdbc.queryForList("SELECT status FROM withdrawal ORDER BY id", String.class)).containsExactly("IN_FLIGHT", "IN_FLIGHT", "READY");
    }

    @Test
    void keepsCooldownsOfCardsAndProvidersApartUnlessTheCooldownIsPerAccount() {
        // given
        Cooldown perAccount = new Cooldown(Duration.ofMinutes(15), true);
        long otherCard = readyRow("I-2", "card-2");
        long sameCardOtherProvider = readyRow("I-3", CARD);
        long accountFirst = readyRow("I-4", "card-4");
        long accountSecond = readyRow("I-5", "card-5");

        // when / then
        assertThat(ledger.claim(id, 10, WithdrawalStatus.READY, NOW, perCard(CARD, NOW)).claimed()).isTrue();
        assertThat(ledger.claim(otherCard, 10, WithdrawalStatus.READY, NOW, perCard("card-2", NOW)).claimed()).isTrue();
        assertThat(ledger.claim(sameCardOtherProvider, 10, WithdrawalStatus.READY, NOW,
                new WithdrawalLedger.CooldownStart("cartevo", CARD, NOW.plus(Duration.ofMinutes(15)))).claimed()).isTrue();
        assertThat(ledger.claim(accountFirst, 10, WithdrawalStatus.READY, NOW,
                new WithdrawalLedger.CooldownStart("plu", perAccount.scopeKey("card-4"), NOW.plus(Duration.ofMinutes(15)))).claimed()).isTrue();
        assertThat(ledger.claim(accountSecond, 10, WithdrawalStatus.READY, NOW,
                new WithdrawalLedger.CooldownStart("plu", perAccount.scopeKey("card-5"), NOW.plus(Duration.ofMinutes(15)))).claimed()).isFalse();
    }

    @Test
    void startsOnlyOneAttemptWhenManyRaceForTheSameCard() throws Exception {
        // given sixteen withdrawals from one card, claimed from eight threads at once (some share a statement, some not)
        List<Long> rows = new java.util.ArrayList<>(List.of(id));
        for (int i = 2; i <= 16; i++) {
            rows.add(readyRow("I-" + i, CARD));
        }
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);

        // when
        List<java.util.concurrent.Future<WithdrawalLedger.Claim>> claims = threads.invokeAll(rows.stream()
                .map(row -> (java.util.concurrent.Callable<WithdrawalLedger.Claim>) () ->
                        ledger.claim(row, 10, WithdrawalStatus.READY, NOW, perCard(CARD, NOW)))
                .toList());
        threads.shutdown();

        // then one went ahead; every other row waits for the end of its cooldown, unclaimed
        List<WithdrawalLedger.Claim> answers = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<WithdrawalLedger.Claim> claim : claims) {
            answers.add(claim.get());
        }
        assertThat(answers).filteredOn(WithdrawalLedger.Claim::claimed).hasSize(1);
        assertThat(answers).filteredOn(claim -> !claim.claimed()).extracting(WithdrawalLedger.Claim::busyUntil)
                .hasSize(15).containsOnly(NOW.plus(Duration.ofMinutes(15)));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE status = 'IN_FLIGHT'", Integer.class)).isOne();
    }

    @Test
    void twoRowsOfOneCardInOneStatementStartOneCooldown() {
        // given
        long second = readyRow("I-2", CARD);

        // when
        List<WithdrawalLedger.Claim> claims = ledger.claimTogether(List.of(
                new WithdrawalLedger.ClaimInput(id, 10, WithdrawalStatus.READY, NOW, perCard(CARD, NOW), null, null),
                new WithdrawalLedger.ClaimInput(second, 10, WithdrawalStatus.READY, NOW, perCard(CARD, NOW), null, null)));

        // then
        assertThat(claims).containsExactly(new WithdrawalLedger.Claim(true, null),
                new WithdrawalLedger.Claim(false, NOW.plus(Duration.ofMinutes(15))));
        assertThat(jdbc.queryForList("SELECT status FROM withdrawal ORDER BY id", String.class)).containsExactly("IN_FLIGHT", "READY");
    }

    @Test
    void aRowThatCannotBeClaimedStartsNoCooldown() {
        // given the row already claimed
        ledger.claim(id, 10, WithdrawalStatus.READY, NOW);

        // when a second attempt at it comes with a cooldown for card B
        WithdrawalLedger.Claim refused = ledger.claim(id, 10, WithdrawalStatus.READY, NOW, perCard("card-B", NOW));

        // then the row is not claimable (no cooldown to wait for), and card B's cooldown was not started
        assertThat(refused).isEqualTo(new WithdrawalLedger.Claim(false, null));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cooldown", Integer.class)).isZero();
    }

    @Test
    void aDeferredRowDueAgainClaimsWithItsCooldown() {
        // given the row deferred until the card's cooldown ends, and the cooldown that deferred it
        long first = readyRow("I-2", CARD);
        ledger.claim(first, 10, WithdrawalStatus.READY, NOW, perCard(CARD, NOW));
        Instant end = NOW.plus(Duration.ofMinutes(15));
        ledger.deferUnsent(id, 10, WithdrawalStatus.READY, end, "COOLDOWN", "card busy");

        // when claimed at the end of the cooldown
        WithdrawalLedger.Claim claim = ledger.claim(id, 10, WithdrawalStatus.DEFERRED, end, perCard(CARD, end));

        // then the next cooldown runs from then
        assertThat(claim.claimed()).isTrue();
        assertThat(status()).isEqualTo("IN_FLIGHT");
        assertThat(jdbc.queryForObject("SELECT available_at FROM cooldown", java.time.OffsetDateTime.class).toInstant())
                .isEqualTo(end.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aRefusedClaimEndsTheCooldownItStartedSoTheNextAttemptNeedNotWaitForIt() {
        // given the row claimed with its card's cooldown, then refused before anything executed (a key Uncash refused)
        WithdrawalLedger.CooldownStart started = perCard(CARD, NOW);
        ledger.claim(id, 10, WithdrawalStatus.READY, NOW, started);

        // when
        ledger.release(id, 10, WithdrawalStatus.READY, "not sent: credentials refused", started);

        // then the row is READY with its event, and the card is free: the next attempt is claimed at once
        assertThat(status()).isEqualTo("READY");
        assertThat(jdbc.queryForList("SELECT to_status || ' ' || reason_code FROM withdrawal_event WHERE withdrawal_id = ? ORDER BY id",
                String.class, id)).endsWith("READY NOT_SENT");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cooldown", Integer.class)).isZero();
        assertThat(ledger.claim(id, 10, WithdrawalStatus.READY, NOW.plusSeconds(1), perCard(CARD, NOW.plusSeconds(1))).claimed()).isTrue();
    }

    @Test
    void aReleaseEndsNoCooldownButTheOneItsClaimStarted() {
        // given the card's cooldown running until another time than the one this release names (another attempt's)
        WithdrawalLedger.CooldownStart started = perCard(CARD, NOW);
        ledger.claim(id, 10, WithdrawalStatus.READY, NOW, perCard(CARD, NOW.minusSeconds(30)));

        // when
        ledger.release(id, 10, WithdrawalStatus.READY, "not sent: credentials refused", started);

        // then the row is released, and that cooldown still runs
        assertThat(status()).isEqualTo("READY");
        assertThat(jdbc.queryForObject("SELECT available_at FROM cooldown", java.time.OffsetDateTime.class).toInstant())
                .isEqualTo(NOW.minusSeconds(30).plus(Duration.ofMinutes(15)));
    }

    private static WithdrawalLedger.CooldownStart perCard(String card, Instant now) {
        Cooldown cooldown = new Cooldown(Duration.ofMinutes(15), false);
        return new WithdrawalLedger.CooldownStart("uncash", cooldown.scopeKey(card), now.plus(cooldown.period()));
    }

    private long readyRow(String instructionId, String card) {
        int line = jdbc.queryForObject("SELECT max(source_line) + 1 FROM withdrawal", Integer.class);
        new LedgerLoader(jdbc).load(new RunContext(1, 10, "job"), List.of(new Screening.Accepted(new Instruction(line, instructionId,
                ProviderName.UNCASH, card, new java.math.BigDecimal("10.00"), "USD", null, null, null, null, null))));
        return jdbc.queryForObject("SELECT id FROM withdrawal WHERE instruction_id = ?", Long.class, instructionId);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void execution(long executionId, String status) {
        jdbc.update("""
                INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, status)
                VALUES (?, 0, 1, now(), ?)""", executionId, status);
    }
}
