package io.cardsweep.support;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox in its own process ({@code java -jar target/cardsweep.jar sandbox}), so that killing
 * the job never touches the provider's memory; its record of executions is the truth tests hold the ledger to.
 */
public final class SandboxProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("cardsweep sandbox ready on (http://127\\.0\\.0\\.1:\\d+)");
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** One execution as the sandbox recorded it. */
    public record Execution(String provider, String cardId, BigDecimal amount, String transactionId, @Nullable String idempotencyKey) {

        /** Comparable with {@link Sandboxes#succeededLines}. */
        public String line() {
            return Sandboxes.executionLine(provider, cardId, amount, transactionId, idempotencyKey);
        }
    }

    private final JarProcess process;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    private SandboxProcess(JarProcess process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    public static SandboxProcess start(Path logDir, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("sandbox", "--port", "0"));
        args.addAll(List.of(flags));
        JarProcess process = JarProcess.start(logDir, "sandbox", args);
        Path out = logDir.resolve("sandbox.out");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(Files.exists(out) ? Files.readString(out) : "");
            if (ready.find()) {
                return new SandboxProcess(process, ready.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the sandbox exited: " + process.output());
            }
            Thread.sleep(100);
        }
        process.kill();
        throw new IllegalStateException("the sandbox did not start: " + process.output());
    }

    /** The run settings {@code GET /_sandbox/settings} serves, as arguments, with the tests' own card hash key. */
    public List<String> providerArguments() throws IOException, InterruptedException {
        HttpResponse<String> settings = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/_sandbox/settings")).build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.Map<String, String> served = new java.util.LinkedHashMap<>();
        JSON.readTree(settings.body()).properties().forEach(setting -> served.put(setting.getKey(), setting.getValue().asString()));
        return Sandboxes.asArguments(served);
    }

    /** What {@code GET /_sandbox/stats} says: requests and limit violations per provider. */
    public JsonNode stats() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/_sandbox/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    public List<Execution> executions() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/_sandbox/withdrawals")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<Execution> executions = new ArrayList<>();
        for (JsonNode node : JSON.readTree(response.body())) {
            JsonNode key = node.get("idempotency_key");
            executions.add(new Execution(node.get("provider").asString(), node.get("card_id").asString(),
                    node.get("amount").decimalValue(), node.get("transaction_id").asString(),
                    key == null || key.isNull() ? null : key.asString()));
        }
        return executions;
    }

    /** A card termination the sandbox executed ({@code GET /_sandbox/terminations}). */
    public record Termination(String provider, String cardId, BigDecimal refunded) {
    }

    public List<Termination> terminations() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/_sandbox/terminations")).build(),
                HttpResponse.BodyHandlers.ofString());
        List<Termination> terminations = new ArrayList<>();
        for (JsonNode node : JSON.readTree(response.body())) {
            terminations.add(new Termination(node.get("provider").asString(), node.get("card_id").asString(), node.get("refunded").decimalValue()));
        }
        return terminations;
    }

    @Override
    public void close() throws InterruptedException {
        process.kill();
    }
}
