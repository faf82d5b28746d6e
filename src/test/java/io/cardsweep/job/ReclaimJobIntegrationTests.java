package io.cardsweep.job;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cardsweep.sandbox.SandboxOptions;
import io.cardsweep.sandbox.SandboxServer;
import io.cardsweep.support.Sandboxes;
import io.cardsweep.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The reclaim job through Spring Batch's own test support: step by step counts over real PostgreSQL and the sandbox. */
@SpringBatchTest
@SpringBootTest(properties = "spring.config.import=file:jobs/per-diem-reclaim.yml")
class ReclaimJobIntegrationTests {

    static final Path SAMPLE = Path.of("sample-input/per-diem-reclaims.csv");
    static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults().withCards(Path.of("sample-input/sandbox-cards.csv")));

    @TempDir
    static Path dir;

    @Autowired
    JobOperatorTestUtils jobs;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.Coordinates database = TestDatabase.newDatabase();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("cardsweep.home", () -> dir.resolve("home").toString());
        for (String argument : Sandboxes.providerArguments(SANDBOX)) {
            String property = argument.substring(2);
            registry.add(property.substring(0, property.indexOf('=')), () -> property.substring(property.indexOf('=') + 1));
        }
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void loadsEveryRecordExecutesEveryAcceptedOneAndWritesTheReport() throws Exception {
        // given
        RunParameters parameters = new RunParameters("per-diem-reclaim", SAMPLE, RunParameters.sha256(SAMPLE), LocalDate.parse("2026-11-03"),
                dir.resolve("report.csv"));

        // when
        JobExecution execution = jobs.startJob(parameters.toJobParameters());

        // then
        assertThat(execution.getStatus()).as("%s", execution.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, StepExecution> steps = execution.getStepExecutions().stream()
                .collect(Collectors.toMap(StepExecution::getStepName, Function.identity()));
        assertThat(steps).containsOnlyKeys("load", "execute", "executeProvider:plu", "executeProvider:cartevo", "executeProvider:uncash",
                "executeProvider:htp", "executeProvider:nueve09", "deferred", "report");
        assertThat(steps.get("executeProvider:htp").getReadCount()).isEqualTo(5);
        assertThat(steps.get("load").getReadCount()).isEqualTo(43);
        assertThat(steps.get("load").getWriteCount()).isEqualTo(43);
        assertThat(steps.get("execute").getReadCount()).isEqualTo(35);
        assertThat(steps.get("execute").getWriteCount()).isEqualTo(35);
        assertThat(steps.get("execute").getFilterCount()).isZero();
        assertThat(steps.get("report").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(dir.resolve("report.csv")).exists();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE run_id = ?", Integer.class, execution.getJobInstanceId()))
                .isEqualTo(43);
        assertThat(SANDBOX.executedWithdrawals()).hasSize(29);
    }
}
