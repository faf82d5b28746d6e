package io.cardsweep.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The single HTTP entry: sends each request to the simulator owning its base path, serves the sandbox's
 * own {@code /_sandbox} endpoints, and adds the configured latency after a provider has executed, which is
 * when real providers are slow and when a client timeout leaves an executed withdrawal behind.
 */
final class SandboxRouter implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(SandboxRouter.class.getName());

    private final SimulatorRegistry simulators;
    private final WithdrawalJournal journal;
    private final JsonMapper json;
    private final Duration latency;
    private final SandboxStats stats;
    private final String nueve09PublicKey;

    /** @param nueve09PublicKey Base64 DER of the key Nueve09's card numbers are sealed with, served to clients */
    SandboxRouter(SimulatorRegistry simulators, WithdrawalJournal journal, SandboxStats stats, JsonMapper json, Duration latency,
            String nueve09PublicKey) {
        this.nueve09PublicKey = nueve09PublicKey;
        this.simulators = simulators;
        this.journal = journal;
        this.stats = stats;
        this.json = json;
        this.latency = latency;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            write(exchange, route(exchange));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "sandbox failed on " + exchange.getRequestMethod() + " " + exchange.getRequestURI(), e);
            write(exchange, new SandboxResponse(500, Map.of("success", false, "message", "Internal sandbox error")));
        } finally {
            exchange.close();
        }
    }

    private SandboxResponse route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/_sandbox/withdrawals") && method.equals("GET")) {
            return new SandboxResponse(200, journal.snapshot());
        }
        if (path.equals("/_sandbox/stats") && method.equals("GET")) {
            return new SandboxResponse(200, stats.snapshot());
        }
        if (path.equals("/_sandbox/settings") && method.equals("GET")) {
            String root = "http://127.0.0.1:" + exchange.getLocalAddress().getPort();
            return new SandboxResponse(200, SandboxCredentials.jobSettings(root, nueve09PublicKey));
        }
        if (path.equals("/_sandbox/nueve09/public-key") && method.equals("GET")) {
            return new SandboxResponse(200, Map.of("public_key", nueve09PublicKey));
        }
        Optional<ProviderSimulator> simulator = simulators.forPath(path);
        if (simulator.isEmpty()) {
            return new SandboxResponse(404, Map.of("success", false, "message", "No sandbox route for " + method + " " + path));
        }
        SandboxRequest request = new SandboxRequest(method, path.substring(simulator.get().basePath().length()),
                headers(exchange), readBody(exchange), exchange.getRequestURI().getRawQuery());
        stats.request(simulator.get().provider());
        SandboxResponse response = simulator.get().handle(request);
        pause();
        return response;
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            List<String> present = values == null ? List.of() : values;
            if (!present.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), present.get(0));
            }
        });
        return headers;
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void pause() {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(HttpExchange exchange, SandboxResponse response) throws IOException {
        byte[] bytes = json.writeValueAsBytes(response.body());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
