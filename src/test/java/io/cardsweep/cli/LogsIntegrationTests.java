package io.cardsweep.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.cardsweep.sandbox.SandboxCredentials;
import io.cardsweep.sandbox.SandboxOptions;
import io.cardsweep.sandbox.SandboxServer;
import io.cardsweep.support.PropertyArguments;
import io.cardsweep.support.Sandboxes;
import io.cardsweep.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The logs of a real run through the command line, in this JVM, against real PostgreSQL and the sandbox on a socket:
 * in the json-logs profile (which prod includes) every line on standard output and in the file is a JSON object, and
 * the lines about a withdrawal carry its instruction id and provider as fields; in both formats no card number or
 * secret reaches a line, not even from a careless log call.
 */
class LogsIntegrationTests {

    static final Path SAMPLE = Path.of("sample-input/per-diem-reclaims.csv");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    TestDatabase.Coordinates database;
    SandboxServer sandbox;
    JdbcTemplate jdbc;
    /** What the command printed itself. */
    String out;
    String err;
    /** What the logging system wrote on the process's standard output and error. */
    String systemOut;
    String systemErr;

    @BeforeEach
    void start() {
        database = TestDatabase.newDatabase();
        sandbox = SandboxServer.start(SandboxOptions.defaults().withCards(Path.of("sample-input/sandbox-cards.csv")));
        jdbc = database.jdbc();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** Runs the command line on the sample input; an extra {@code --name=value} replaces the default for that property. */
    int run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "jobs/per-diem-reclaim.yml", "--input", SAMPLE.toString(),
                "--report", dir.resolve("report.csv").toString()));
        args.addAll(PropertyArguments.merged(List.of("--cardsweep.home=" + dir.resolve("home"), "--cardsweep.job.retry.initial-backoff=10ms"),
                List.of(database.asArguments()), Sandboxes.providerArguments(sandbox), List.of(extra)));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        ByteArrayOutputStream loggedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream loggedErr = new ByteArrayOutputStream();
        PrintStream processOut = System.out;
        PrintStream processErr = System.err;
        // where the console appenders write
        System.setOut(new PrintStream(loggedOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(loggedErr, true, StandardCharsets.UTF_8));
        try {
            return Cli.run(args.toArray(String[]::new), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                    new PrintStream(stderr, true, StandardCharsets.UTF_8));
        }
        finally {
            System.setOut(processOut);
            System.setErr(processErr);
            out = stdout.toString(StandardCharsets.UTF_8);
            err = stderr.toString(StandardCharsets.UTF_8);
            systemOut = loggedOut.toString(StandardCharsets.UTF_8);
            systemErr = loggedErr.toString(StandardCharsets.UTF_8);
        }
    }

    String logFile() throws Exception {
        return Files.readString(dir.resolve("home/logs/cardsweep.log"));
    }

    /** Every line parsed as JSON; the test fails on the first that is not a JSON object. */
    static List<JsonNode> jsonLines(String where, String text) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            try {
                JsonNode node = JSON.readTree(line);
                assertThat(node.isObject()).as(where + " line is not a JSON object: " + line).isTrue();
                lines.add(node);
            }
            catch (JacksonException ex) {
                fail(where + " line is not JSON: " + line, ex);
            }
        }
        return lines;
    }

    @Test
    void theProdProfileLogsJsonLinesAndTheLinesAboutEachWithdrawalNameItsInstructionAndProvider() throws Exception {
        // when a run in the Kubernetes pods' profile logs, with the adapters' own lines too
        int exit = run("--spring.profiles.active=prod", "--logging.level.io.cardsweep.provider=DEBUG");

        // then every line on standard output and in the file is a JSON object
        assertThat(exit).as(out + err).isEqualTo(ExitCodes.COMPLETED);
        List<JsonNode> stdout = jsonLines("standard output", systemOut);
        List<JsonNode> file = jsonLines("log file", logFile());
        assertThat(systemErr).as("standard error keeps only what the command says itself").isEmpty();
        assertThat(stdout).hasSizeGreaterThan(35).hasSameSizeAs(file);

        // and each withdrawal sent has its outcome line on standard output, with its instruction id, provider and job
        // execution as fields
        Map<String, String> providerByInstruction = new LinkedHashMap<>();
        jdbc.query("SELECT instruction_id, provider FROM withdrawal WHERE status <> 'REJECTED'",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> providerByInstruction.put(rs.getString(1), rs.getString(2)));
        assertThat(providerByInstruction).hasSize(35);
        assertThat(stdout).filteredOn(line -> line.path("log").path("logger").asString().equals("io.cardsweep.job.WithdrawalExecutor"))
                .extracting(line -> line.path("instructionId").asString()).containsAll(providerByInstruction.keySet());
        // and so has every line logged under it on the same thread, the adapters' (at DEBUG here) included
        List<JsonNode> aboutInstructions = stdout.stream().filter(line -> line.hasNonNull("instructionId")).toList();
        assertThat(aboutInstructions).allSatisfy(line -> {
            String instruction = line.get("instructionId").asString();
            assertThat(line.path("provider").asString()).as(line.toString()).isEqualTo(providerByInstruction.get(instruction));
            assertThat(line.path("jobExecutionId").asString()).as(line.toString()).matches("[0-9]+");
        });
        assertThat(aboutInstructions).extracting(line -> line.path("log").path("logger").asString())
                .contains("io.cardsweep.provider.plu.PluProvider", "io.cardsweep.provider.cartevo.CartevoProvider",
                        "io.cardsweep.provider.htp.HtpProvider", "io.cardsweep.provider.ProviderHttp");
        // and lines about no instruction carry none
        assertThat(stdout).filteredOn(line -> line.path("log").path("logger").asString().startsWith("org.springframework.batch"))
                .isNotEmpty().allSatisfy(line -> assertThat(line.has("instructionId")).as(line.toString()).isFalse());
        assertThat(stdout).allSatisfy(line -> assertThat(line.path("@timestamp").asString()).isNotEmpty());
    }

    @Test
    void humanReadableLogsStayTheDefault() throws Exception {
        // when
        int exit = run();

        // then the file has pattern lines, the console nothing on a run without warnings but its progress lines (HTP's 60
        // requests a minute make the sample's execute step outlast the first 5 s interval)
        assertThat(exit).as(out + err).isEqualTo(ExitCodes.COMPLETED);
        assertThat(logFile().lines().filter(line -> line.startsWith("{"))).isEmpty();
        assertThat(logFile()).containsPattern("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+[^ ]*  INFO .* cartevo PD-2026-11-0001 card 6513\\*\\*\\*\\*b438 amount 111.75 USD: ");
        assertThat(systemErr).isEmpty();
        assertThat(systemOut.lines()).allSatisfy(line -> assertThat(line).matches("progress [a-z0-9]+: .* done .*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "json-logs"})
    void noCardNumberOrSecretReachesALogLineNotEvenFromACarelessLogCall(String profile) throws Exception {
        // given every credential the run is configured with, a wrong Uncash key that stops Uncash with a fatal error, a
        // token as a provider would hand it out, and every card number the sandbox and the input know
        List<String> secrets = new ArrayList<>(List.of(SandboxCredentials.PLU_API_KEY, SandboxCredentials.CARTEVO_CLIENT_KEY,
                SandboxCredentials.HTP_AGENT_SECRET, SandboxCredentials.NUEVE09_API_KEY, SandboxCredentials.NUEVE09_PASSWORD,
                Sandboxes.TEST_CARD_HASH_KEY, CarelessLogging.WRONG_KEY, CarelessLogging.TOKEN, CarelessLogging.PAN_IN_GROUPS));
        Pattern cardNumber = Pattern.compile("\\b[0-9]{15,16}\\b");
        secrets.addAll(cardNumber.matcher(Files.readString(Path.of("sample-input/sandbox-cards.csv"))).results().map(m -> m.group()).toList());
        secrets.addAll(cardNumber.matcher(Files.readString(SAMPLE)).results().map(m -> m.group()).toList());
        assertThat(secrets).contains(CarelessLogging.PAN).hasSizeGreaterThan(20);

        // when a run with declines and a fatal authentication error logs, and a careless component logs them all
        int exit = run("--spring.profiles.active=" + profile, "--spring.main.sources=" + CarelessLogging.class.getName(),
                "--cardsweep.providers.uncash.api-key=" + CarelessLogging.WRONG_KEY);

        // then the run went as intended: declines, and Uncash stopped on its key
        assertThat(exit).as(out + err).isEqualTo(ExitCodes.FAILED);
        assertThat(err).contains("Uncash");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE status = 'DECLINED'", Integer.class)).isPositive();
        // and the careless lines were written, masked
        String log = logFile();
        assertThat(log).contains("careless: card ****2627 declined").contains("careless: grouped ****2627")
                .contains("careless: Authorization: Bearer [REDACTED]").contains("careless: keys [REDACTED] [REDACTED]")
                .contains("careless failure: card ****2627, api_key=[REDACTED]");
        if (profile.equals("json-logs")) {
            assertThat(jsonLines("log file", log)).anySatisfy(line -> assertThat(line.path("cardNumber").asString()).isEqualTo("****2627"));
        }
        // and nothing that must not be logged is anywhere
        for (String secret : secrets) {
            assertThat(log).as("log file").doesNotContain(secret);
            assertThat(systemOut + systemErr).as("console").doesNotContain(secret);
            assertThat(out + err).as("the command's own output").doesNotContain(secret);
        }
    }

    /** A component as careless as can be, added to the run's application context: it logs card numbers and secrets outright. */
    static class CarelessLogging implements ApplicationListener<ApplicationReadyEvent> {

        /** A card number of the sandbox's that passes the Luhn check (the input has it too). */
        static final String PAN = "5512559729792627";
        static final String PAN_IN_GROUPS = "5512 5597 2979 2627";
        static final String WRONG_KEY = "uc_live_WRONG-KEY-DO-NOT-LEAK";
        static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.runtime-token.DO-NOT-LEAK";

        private static final Logger log = LoggerFactory.getLogger("io.cardsweep.Careless");

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            Environment environment = event.getApplicationContext().getEnvironment();
            log.warn("careless: card {} declined", PAN);
            log.warn("careless: grouped {}", PAN_IN_GROUPS);
            log.warn("careless: Authorization: Bearer {}", TOKEN);
            log.warn("careless: keys {} {}", environment.getProperty("cardsweep.providers.htp.agent-secret"),
                    environment.getProperty("cardsweep.security.card-hash-key"));
            MDC.put("cardNumber", PAN);
            try {
                log.error("careless failure", new IllegalStateException("careless failure: card " + PAN + ", api_key="
                        + Objects.requireNonNull(environment.getProperty("cardsweep.providers.uncash.api-key"))));
            }
            finally {
                MDC.remove("cardNumber");
            }
        }
    }
}
