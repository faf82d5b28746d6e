package io.cardsweep.job;

import java.time.Clock;

import io.cardsweep.ledger.LedgerLoader;
import io.cardsweep.ledger.ReportWriter;
import io.cardsweep.ledger.RunLedger;
import io.cardsweep.ledger.TerminationLedger;
import io.cardsweep.ledger.WithdrawalLedger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The ledger's collaborators, shared by every job. */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    LedgerLoader ledgerLoader(JdbcTemplate jdbc) {
        return new LedgerLoader(jdbc);
    }

    @Bean
    WithdrawalLedger withdrawalLedger(JdbcTemplate jdbc) {
        return new WithdrawalLedger(jdbc);
    }

    @Bean
    TerminationLedger terminationLedger(JdbcTemplate jdbc) {
        return new TerminationLedger(jdbc);
    }

    @Bean
    RunLedger runLedger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        return new RunLedger(jdbc, transactionManager);
    }

    @Bean
    ReportWriter reportWriter(RunLedger runLedger) {
        return new ReportWriter(runLedger);
    }
}
