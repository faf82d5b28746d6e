package io.cardsweep.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cardsweep.sandbox.SandboxCredentials;
import io.cardsweep.sandbox.SandboxOptions;
import io.cardsweep.sandbox.SandboxServer;
import io.cardsweep.support.PropertyArguments;
import io.cardsweep.support.Sandboxes;
import io.cardsweep.support.TcpForwarder;
import io.cardsweep.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fatal conditions through the command line, in this JVM, against real PostgreSQL and providers on a real socket
 * (the sandbox, or WireMock where a provider must misbehave in a way the sandbox does not). Each stops the run with
 * one sentence on standard error and exit 1, sends nothing after it, leaves no withdrawal in doubt, keeps secrets out
 * of what it prints and logs, and the same command finishes the run once the cause is fixed, executing each
 * instruction once.
 */
class FatalConditionsIntegrationTests {

    static final Path SAMPLE = Path.of("sample-input/per-diem-reclaims.csv");

    @TempDir
    Path dir;

    TestDatabase.Coordinates database;
    SandboxServer sandbox;
    JdbcTemplate jdbc;
    String out;
    String err;

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

    /**
     * Runs {@code cardsweep run} on {@code input}; standard error includes what the console logger writes there. An
     * argument of {@code extra} replaces the default (database, providers) for the same property.
     */
    int run(Path input, List<String> providerArguments, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "jobs/per-diem-reclaim.yml", "--input", input.toString(),
                "--report", dir.resolve("report.csv").toString()));
        args.addAll(PropertyArguments.merged(List.of("--cardsweep.home=" + dir.resolve("home"), "--cardsweep.job.retry.initial-backoff=10ms"),
                List.of(database.asArguments()), providerArguments, List.of(extra)));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        PrintStream systemErr = System.err;
        System.setErr(errStream); // where the console logger writes its warnings
        try {
            return Cli.run(args.toArray(String[]::new), new PrintStream(stdout, true, StandardCharsets.UTF_8), errStream);
        }
        finally {
            System.setErr(systemErr);
            out = stdout.toString(StandardCharsets.UTF_8);
            err = stderr.toString(StandardCharsets.UTF_8);
        }
    }

    int run(Path input, String... extra) {
        return run(input, Sandboxes.providerArguments(sandbox), extra);
    }

    /** Standard error holds this one sentence and nothing else: no stack trace, no second line. */
    void assertOneSentenceOnStandardError(String sentence) {
        assertThat(err.lines().filter(line -> !line.isBlank()).toList()).as(out + err).containsExactly(sentence);
        assertThat(out + err).doesNotContain("Exception").doesNotContain("\tat ");
    }

    void assertNeverShown(List<String> secrets) throws Exception {
        String log = Files.readString(dir.resolve("home/logs/cardsweep.log"));
        for (String secret : secrets) {
            assertThat(out + err).as("console").doesNotContain(secret);
            assertThat(log).as("log file").doesNotContain(secret);
        }
    }

    Map<String, Integer> statuses(String provider) {
        return jdbc.query("SELECT status, count(*) FROM withdrawal WHERE provider = ? GROUP BY status", rs -> {
            Map<String, Integer> counts = new TreeMap<>();
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
            return counts;
        }, provider);
    }

    int inFlight() {
        return jdbc.queryForObject("SELECT count(*) FROM withdrawal WHERE status = 'IN_FLIGHT'", Integer.class);
    }

    /** The ledger's SUCCEEDED rows are the sandbox's executions, one for one. */
    void assertLedgerMatchesTheSandbox() {
        List<String> executed = sandbox.executedWithdrawals().stream()
                .map(w -> Sandboxes.executionLine(w.provider(), w.cardId(), w.amount(), w.transactionId(), w.idempotencyKey()))
                .toList();
        assertThat(executed).doesNotHaveDuplicates();
        assertThat(Sandboxes.succeededLines(jdbc)).hasSize(29).containsExactlyInAnyOrderElementsOf(executed);
    }

    /** A credential the sandbox checks, set wrong, and what the run says when the provider refuses it. */
    enum Refusal {
        PLU("plu", "api-key", SandboxCredentials.PLU_API_KEY, 5, false,
                "Plu refused the API key (HTTP 401): check cardsweep.providers.plu.api-key."),
        UNCASH("uncash", "api-key", SandboxCredentials.UNCASH_API_KEY, 10, true,
                "Uncash refused the API key (HTTP 401): check cardsweep.providers.uncash.api-key."),
        CARTEVO("cartevo", "client-key", SandboxCredentials.CARTEVO_CLIENT_KEY, 10, true,
                "Cartevo refused the credentials (client id " + SandboxCredentials.CARTEVO_CLIENT_ID
                        + "): check cardsweep.providers.cartevo.client-id/client-key."),
        HTP("htp", "agent-secret", SandboxCredentials.HTP_AGENT_SECRET, 5, false,
                "HTP refused the agent token (agent id " + SandboxCredentials.HTP_AGENT_ID + ", user id " + SandboxCredentials.HTP_USER_ID
                        + "): check cardsweep.providers.htp.agent-id/agent-secret/device-id/user-id and that this machine's clock is"
                        + " within 5 minutes of the real time."),
        NUEVE09("nueve09", "password", SandboxCredentials.NUEVE09_PASSWORD, 5, true,
                "Nueve09 refused the login: check cardsweep.providers.nueve09.api-key and cardsweep.providers.nueve09.password.");

        final String provider;
        final String setting;
        final String rightValue;
        final int ready;
        /** The adapter reads the card's balance before it claims a withdrawal: the read is the request refused. */
        final boolean readsBalanceFirst;
        final String sentence;

        Refusal(String provider, String setting, String rightValue, int ready, boolean readsBalanceFirst, String sentence) {
            this.provider = provider;
            this.setting = setting;
            this.rightValue = rightValue;
            this.ready = ready;
            this.readsBalanceFirst = readsBalanceFirst;
            this.sentence = sentence;
        }

        String wrong() {
            return "--cardsweep.providers." + provider + "." + setting + "=wrong-" + provider + "-secret-5c1e9a";
        }

        String wrongValue() {
            return wrong().substring(wrong().indexOf('=') + 1);
        }
    }

    @Nested
    class CredentialsRefused {

        @ParameterizedTest
        @EnumSource(Refusal.class)
        void stopsTheRunWithOneSentenceSendsNothingMoreAndTheSameCommandFinishesItOnceFixed(Refusal refusal) throws Exception {
            // given one withdrawal at a time for the provider, so "after the refusal" is well defined
            String oneAtATime = "--cardsweep.pacing.concurrency." + refusal.provider + "=1";

            // when its credentials are refused
            int refused = run(SAMPLE, refusal.wrong(), oneAtATime);

            // then the run stops with one sentence naming the provider and the setting
            assertThat(refused).as(out + err).isEqualTo(ExitCodes.FAILED);
            assertOneSentenceOnStandardError(refusal.sentence);
            assertThat(out).contains("run the same command again").contains(dir.resolve("home/logs/cardsweep.log").toString());
            // one request met the refusal (the withdrawal or the balance read before it, or the token or login before those), and
            // none went after it
            // (where balances are read, the reads run outside the cap of one withdrawal in flight, on three threads: the
            // others' reads may be under way when the refusal comes, so three requests may meet it — never a withdrawal)
            assertThat(sandbox.stats().get(refusal.provider).requests()).isBetween(1L, refusal.readsBalanceFirst ? 3L : 1L);
            assertThat(sandbox.executedWithdrawals()).extracting(w -> w.provider()).doesNotContain(refusal.provider);
            // the row that met it is back to READY, not in doubt and not executed; so are the rows after it
            assertThat(inFlight()).isZero();
            assertThat(statuses(refusal.provider)).containsEntry("READY", refusal.ready).doesNotContainKeys("SUCCEEDED", "DECLINED", "UNKNOWN",
                    "DEFERRED", "FAILED");
            // (where the card's balance is read before the claim, the read met the refusal and nothing was claimed at all)
            assertThat(jdbc.queryForList("""
                    SELECT e.from_status || '>' || e.to_status || ' ' || coalesce(e.reason_code, '') FROM withdrawal_event e
                    JOIN withdrawal w ON w.id = e.withdrawal_id WHERE w.provider = ? AND e.from_status IS NOT NULL ORDER BY e.id""",
                    String.class, refusal.provider))
                    .isEqualTo(refusal.readsBalanceFirst ? List.of() : List.of("READY>IN_FLIGHT ", "IN_FLIGHT>READY NOT_SENT"));

            // when the same command runs with the right credentials
            String refusedOutput = out + err;
            int resumed = run(SAMPLE, oneAtATime);

            // then it resumes and finishes, every instruction executed once, none of them waiting on a cooldown it never began
            assertThat(resumed).as(out + err).isEqualTo(ExitCodes.COMPLETED);
            assertThat(out).contains("Resuming run 1");
            assertThat(statuses(refusal.provider)).doesNotContainKeys("READY", "IN_FLIGHT", "DEFERRED", "UNKNOWN");
            assertLedgerMatchesTheSandbox();
            out = refusedOutput + out;
            assertNeverShown(List.of(refusal.wrongValue(), refusal.rightValue));
        }
    }

    @Nested
    class CredentialsRefusedAfterRenewal {

        @RegisterExtension
        final WireMockExtension provider = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

        final List<String> cards = List.of("0b7e5c1a-1d2f-4a3b-8c4d-5e6f7a8b9c01", "0b7e5c1a-1d2f-4a3b-8c4d-5e6f7a8b9c02",
                "0b7e5c1a-1d2f-4a3b-8c4d-5e6f7a8b9c03");

        Path instructions(String provider) throws Exception {
            StringBuilder csv = new StringBuilder("instruction_id,provider,card_id,amount,currency,reference,wallet_address,network,latitude,longitude\n");
            for (int i = 0; i < cards.size(); i++) {
                csv.append("R-").append(i + 1).append(',').append(provider).append(',').append(cards.get(i)).append(",1").append(i)
                        .append(".00,,trip ").append(i + 1).append(",,,,\n");
            }
            return Files.writeString(dir.resolve(provider + "-instructions.csv"), csv);
        }

        @Test
        void aCartevoTokenRefusedAgainAfterOneRenewalStopsTheRunAndTheSameCommandFinishesItWithTheRightKey() throws Exception {
            // given Cartevo issuing a token for any client key, but honouring only the one issued for the right key
            String oldKey = "ck-revoked-3f9d2a71";
            String newKey = "ck-current-8b41c6e0";
            provider.stubFor(post(urlEqualTo("/cartevo/api/v1/auth/token")).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"access_token\":\"tok-stale-51d0\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
            provider.stubFor(post(urlEqualTo("/cartevo/api/v1/auth/token")).withRequestBody(matchingJsonPath("$.client_key", equalTo(newKey)))
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody("{\"access_token\":\"tok-good-a7c3\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
            provider.stubFor(post(urlPathMatching("/cartevo/api/v1/cards/.*/withdraw")).willReturn(aResponse().withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"success\":false,\"statusCode\":401,\"message\":\"Unauthorized\",\"error\":\"Unauthorized\"}")));
            for (int i = 0; i < cards.size(); i++) {
                provider.stubFor(post(urlEqualTo("/cartevo/api/v1/cards/" + cards.get(i) + "/withdraw"))
                        .withHeader("Authorization", equalTo("Bearer tok-good-a7c3"))
                        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                                {"success":true,"statusCode":201,"message":"Withdrawal successful","data":{"transaction_id":"txn-%d",
                                 "card_id":"%s","amount":1%d.00,"currency":"USD","fee_amount":0.00,"card_balance_before":100.00,
                                 "card_balance_after":9%d.00}}""".formatted(i + 1, cards.get(i), i, i))));
            }
            Path input = instructions("cartevo");
            List<String> settings = List.of("--cardsweep.providers.cartevo.base-url=" + provider.baseUrl() + "/cartevo/api/v1",
                    "--cardsweep.providers.cartevo.client-id=acme-ops", "--cardsweep.security.card-hash-key=" + Sandboxes.TEST_CARD_HASH_KEY,
                    "--cardsweep.pacing.concurrency.cartevo=1");

            // when the run goes with the revoked key
            int refused = run(input, settings, "--cardsweep.providers.cartevo.client-key=" + oldKey);

            // then: a token, the withdrawal refused, one new token, the same withdrawal refused again, and no withdrawal after it
            // (the balance read of the second thread, outside the cap, may take one more token once the refused one is dropped)
            assertThat(refused).as(out + err).isEqualTo(ExitCodes.FAILED);
            assertOneSentenceOnStandardError("Cartevo refused the credentials (client id acme-ops): check"
                    + " cardsweep.providers.cartevo.client-id/client-key.");
            assertThat(provider.findAll(postRequestedFor(urlEqualTo("/cartevo/api/v1/auth/token")))).hasSizeBetween(2, 3);
            List<LoggedRequest> withdrawals = provider.findAll(postRequestedFor(urlPathMatching("/cartevo/api/v1/cards/.*/withdraw")));
            assertThat(withdrawals).hasSize(2);
            assertThat(withdrawals.get(1).getUrl()).isEqualTo(withdrawals.get(0).getUrl()).matches("/cartevo/api/v1/cards/.*/withdraw");
            assertThat(inFlight()).isZero();
            assertThat(statuses("cartevo")).isEqualTo(Map.of("READY", 3));
            String refusedOutput = out + err;

            // when the same command runs with the current key
            int resumed = run(input, settings, "--cardsweep.providers.cartevo.client-key=" + newKey);

            // then each instruction was executed once, and the ledger says so
            assertThat(resumed).as(out + err).isEqualTo(ExitCodes.COMPLETED);
            assertThat(provider.findAll(postRequestedFor(urlPathMatching("/cartevo/api/v1/cards/.*/withdraw"))
                    .withHeader("Authorization", equalTo("Bearer tok-good-a7c3")))).extracting(LoggedRequest::getUrl)
                    .containsExactlyInAnyOrder(cards.stream().map(card -> "/cartevo/api/v1/cards/" + card + "/withdraw").toArray(String[]::new));
            assertThat(jdbc.queryForList("SELECT provider_transaction_id FROM withdrawal WHERE status = 'SUCCEEDED' ORDER BY source_line",
                    String.class)).containsExactly("txn-1", "txn-2", "txn-3");
            out = refusedOutput + out;
            assertNeverShown(List.of(oldKey, newKey, "tok-stale-51d0", "tok-good-a7c3"));
        }

        @Test
        void aNueve09SessionRefusedAgainAfterOneNewLoginStopsTheRunAndTheSameCommandFinishesItWithTheRightPassword() throws Exception {
            // given Nueve09 letting any password log in, but honouring only the session of the right one
            String oldPassword = "pw-expired-64e1b0";
            String newPassword = "pw-current-2d95f8";
            String ok = "{\"success\":true,\"code\":0,\"message\":\"OK\",\"data\":null}";
            provider.stubFor(post(urlEqualTo("/nueve09/auth/login")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withHeader("Authorization", "Bearer sess-stale-0c4f").withBody(ok)));
            provider.stubFor(post(urlEqualTo("/nueve09/auth/login")).withRequestBody(matchingJsonPath("$.api_client.password", equalTo(newPassword)))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withHeader("Authorization", "Bearer sess-good-97ab").withBody(ok)));
            provider.stubFor(post(urlEqualTo("/nueve09/cards/withdrawal")).willReturn(aResponse().withStatus(401)
                    .withHeader("Content-Type", "application/json").withBody("{\"success\":false,\"code\":401,\"message\":\"Unauthorized\",\"data\":null}")));
            for (int i = 0; i < cards.size(); i++) {
                provider.stubFor(post(urlEqualTo("/nueve09/cards/withdrawal")).withHeader("Authorization", equalTo("Bearer sess-good-97ab"))
                        .withRequestBody(matchingJsonPath("$.card_number", equalTo(cards.get(i))))
                        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                                {"success":true,"code":0,"message":"OK","data":{"operation":{"id":"op-%d","authorization_code":"A%d",
                                 "amount":1%d.00},"card":{"available":9%d.00},"account":{"available":1000.00}}}""".formatted(i + 1, i + 1, i, i))));
            }
            Path input = instructions("nueve09");
            List<String> settings = List.of("--cardsweep.providers.nueve09.base-url=" + provider.baseUrl() + "/nueve09",
                    "--cardsweep.providers.nueve09.api-key=acme-api-client", "--cardsweep.providers.nueve09.public-key=" + sandbox.nueve09PublicKey(),
                    "--cardsweep.security.card-hash-key=" + Sandboxes.TEST_CARD_HASH_KEY, "--cardsweep.pacing.concurrency.nueve09=1");

            // when the run goes with the expired password
            int refused = run(input, settings, "--cardsweep.providers.nueve09.password=" + oldPassword);

            // then: a login, the withdrawal refused, one more login, the same withdrawal refused again, and no withdrawal after it
            // (the second thread's balance read may log in once more, as for Cartevo)
            assertThat(refused).as(out + err).isEqualTo(ExitCodes.FAILED);
            assertOneSentenceOnStandardError(Refusal.NUEVE09.sentence);
            assertThat(provider.findAll(postRequestedFor(urlEqualTo("/nueve09/auth/login")))).hasSizeBetween(2, 3);
            List<LoggedRequest> withdrawals = provider.findAll(postRequestedFor(urlEqualTo("/nueve09/cards/withdrawal")));
            assertThat(withdrawals).hasSize(2);
            assertThat(cards).anySatisfy(card -> assertThat(withdrawals).allMatch(request -> request.getBodyAsString().contains(card)));
            assertThat(inFlight()).isZero();
            assertThat(statuses("nueve09")).isEqualTo(Map.of("READY", 3));
            String refusedOutput = out + err;

            // when the same command runs with the current password
            int resumed = run(input, settings, "--cardsweep.providers.nueve09.password=" + newPassword);

            // then each instruction was executed once, and the ledger says so
            assertThat(resumed).as(out + err).isEqualTo(ExitCodes.COMPLETED);
            List<LoggedRequest> executed = provider.findAll(postRequestedFor(urlEqualTo("/nueve09/cards/withdrawal"))
                    .withHeader("Authorization", equalTo("Bearer sess-good-97ab")));
            assertThat(executed).hasSize(3);
            for (String card : cards) {
                assertThat(executed).filteredOn(request -> request.getBodyAsString().contains(card)).hasSize(1);
            }
            assertThat(jdbc.queryForList("SELECT provider_transaction_id FROM withdrawal WHERE status = 'SUCCEEDED' ORDER BY source_line",
                    String.class)).containsExactly("op-1", "op-2", "op-3");
            out = refusedOutput + out;
            assertNeverShown(List.of(oldPassword, newPassword, "sess-stale-0c4f", "sess-good-97ab"));
        }
    }

    @Nested
    class BaseUrlMissing {

        static final String SENTENCE = "Uncash has no base URL, yet this run has withdrawals for it: set cardsweep.providers.uncash.base-url"
                + " (environment variable CARDSWEEP_PROVIDERS_UNCASH_BASEURL) and run the same command again.";

        final String[] prod = {"--spring.profiles.active=prod", "--cardsweep.security.card-hash-key=" + Sandboxes.TEST_CARD_HASH_KEY};

        String[] prodWith(String... more) {
            List<String> all = new ArrayList<>(List.of(prod));
            all.addAll(List.of(more));
            return all.toArray(String[]::new);
        }

        @Test
        void stopsTheRunWithTheSameSentenceBeforeLoadingAndMidRunAndTheSameCommandFinishesItOnceSet() throws Exception {
            // when, in production, the input has Uncash withdrawals and Uncash has no base URL
            int beforeLoading = run(SAMPLE, prodWith("--cardsweep.providers.uncash.base-url="));

            // then the run stops before it loads or sends anything, naming the setting
            assertThat(beforeLoading).as(out + err).isEqualTo(ExitCodes.FAILED);
            assertOneSentenceOnStandardError(SENTENCE);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM withdrawal", Integer.class)).isZero();
            assertThat(sandbox.stats().values()).allSatisfy(stats -> assertThat(stats.requests()).isZero());
            String[] outputs = {out + err};

            // when the run gets further (Uncash refusing its key) and the base URL goes missing before it resumes
            assertThat(run(SAMPLE, prodWith("--cardsweep.providers.uncash.api-key=uc_wrong_key_0d8e"))).as(out + err).isEqualTo(ExitCodes.FAILED);
            assertThat(statuses("uncash")).containsEntry("READY", 10);
            long uncashRequests = sandbox.stats().get("uncash").requests();
            int midRun = run(SAMPLE, prodWith("--cardsweep.providers.uncash.base-url="));

            // then it stops with the same sentence, and sends nothing
            assertThat(midRun).as(out + err).isEqualTo(ExitCodes.FAILED);
            assertOneSentenceOnStandardError(SENTENCE);
            assertThat(sandbox.stats().get("uncash").requests()).isEqualTo(uncashRequests);
            assertThat(statuses("uncash")).containsEntry("READY", 10);
            assertThat(inFlight()).isZero();
            outputs = new String[] {outputs[0], out + err};

            // when the same command runs with the base URL set
            int resumed = run(SAMPLE, prod);

            // then it finishes, every instruction executed once
            assertThat(resumed).as(out + err).isEqualTo(ExitCodes.COMPLETED);
            assertThat(out).contains("Resuming run 1");
            assertLedgerMatchesTheSandbox();
            out = String.join("", outputs) + out;
            assertNeverShown(List.of("uc_wrong_key_0d8e", SandboxCredentials.UNCASH_API_KEY));
        }
    }

    @Nested
    class DatabaseUnreachable {

        @Test
        void saysInOneSentenceWhichDatabaseItCannotReachWithoutItsPasswordAndTheSameCommandRunsOnceItIsBack() throws Exception {
            // given a database URL whose port nothing listens on yet, with the password among its parameters
            URI real = URI.create(database.url().substring("jdbc:".length()));
            String password = database.password().isEmpty() ? "pg-secret-7e2c94" : database.password();
            int port = TcpForwarder.freePort();
            String where = "jdbc:postgresql://127.0.0.1:" + port + real.getPath();
            String[] sameCommand = {"--spring.datasource.url=" + where + "?password=" + password, "--spring.datasource.password=" + password};

            // when
            int down = run(SAMPLE, sameCommand);

            // then one sentence names the host, port and database, and neither the parameters nor the password
            assertThat(down).as(out + err).isEqualTo(ExitCodes.FAILED);
            assertOneSentenceOnStandardError("Cannot use PostgreSQL: Connection to 127.0.0.1:" + port + " refused (spring.datasource.url is "
                    + where + ": check it, and that the database is running).");
            assertThat(sandbox.executedWithdrawals()).isEmpty();
            String downOutput = out + err;

            // when PostgreSQL is reachable there, and the same command runs again
            int back;
            try (TcpForwarder forwarder = TcpForwarder.start(port, real.getHost(), real.getPort())) {
                back = run(SAMPLE, sameCommand);
            }

            // then the run is done, every instruction executed once
            assertThat(back).as(out + err).isEqualTo(ExitCodes.COMPLETED);
            assertLedgerMatchesTheSandbox();
            out = downOutput + out;
            assertNeverShown(List.of("password=" + password, password.length() >= 8 ? password : "password=" + password));
        }
    }
}
