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
import java.util.EnumMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.cardsweep.provider.ProviderName;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The single HTTP entry: sends each request to the simulator owning its base path, serves the sandbox's
 * own {@code /_sandbox} endpoints, injects the configured faults ({@link FaultPlan}), and adds the configured latency
 * after a provider has executed, which is when real providers are slow and when a client timeout leaves an executed
 * withdrawal behind. Nothing here waits on the server's thread: an answer due later is sent from a scheduler.
 */
final class SandboxRouter implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(SandboxRouter.class.getName());

    private final SimulatorRegistry simulators;
    private final WithdrawalJournal journal;
    private final TerminationJournal terminations;
    private final JsonMapper json;
    private final Duration latency;
    private final SandboxStats stats;
    private final String nueve09PublicKey;
    private final SandboxFaults faults;
    private final ScheduledExecutorService later;

    /**
     * @param nueve09PublicKey Base64 DER of the key Nueve09's card numbers are sealed with, served to clients
     * @param later where answers that wait (latency, a hanging fault) are sent from, so no request holds the server's thread
     */
    SandboxRouter(SimulatorRegistry simulators, WithdrawalJournal journal, TerminationJournal terminations, SandboxStats stats,
            JsonMapper json, Duration latency, String nueve09PublicKey, SandboxFaults faults, ScheduledExecutorService later) {
        this.terminations = terminations;
        this.nueve09PublicKey = nueve09PublicKey;
        this.simulators = simulators;
        this.journal = journal;
        this.stats = stats;
        this.json = json;
        this.latency = latency;
        this.faults = faults;
        this.later = later;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Answer answer;
        try {
            answer = route(exchange);
        } catch (IllegalArgumentException e) {
            answer = Answer.now(new SandboxResponse(400, Map.of("success", false, "message", String.valueOf(e.getMessage()))));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "sandbox failed on " + exchange.getRequestMethod() + " " + exchange.getRequestURI(), e);
            answer = Answer.now(new SandboxResponse(500, Map.of("success", false, "message", "Internal sandbox error")));
        }
        Answer given = answer;
        if (given.after().isZero()) {
            finish(exchange, given);
        } else {
            later.schedule(() -> finish(exchange, given), given.after().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * What to do with an exchange, and when: answer with {@code response} (its body cut short when {@code truncated}),
     * or, with no response, close the connection without a word.
     */
    private record Answer(@Nullable SandboxResponse response, boolean truncated, Duration after) {

        static Answer now(SandboxResponse response) {
            return new Answer(response, false, Duration.ZERO);
        }
    }

    private void finish(HttpExchange exchange, Answer answer) {
        try {
            if (answer.response() != null) {
                write(exchange, answer.response(), answer.truncated());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "sandbox could not answer " + exchange.getRequestURI() + ": " + e);
        } finally {
            // Closing an exchange that was never answered drops its connection: the client sees no answer at all.
            exchange.close();
        }
    }

    private Answer route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/_sandbox/withdrawals") && method.equals("GET")) {
            return Answer.now(new SandboxResponse(200, journal.snapshot()));
        }
        if (path.equals("/_sandbox/withdrawals/count") && method.equals("GET")) {
            return Answer.now(new SandboxResponse(200, Map.of("count", journal.size())));
        }
        if (path.equals("/_sandbox/terminations") && method.equals("GET")) {
            return Answer.now(new SandboxResponse(200, terminations.snapshot()));
        }
        if (path.equals("/_sandbox/terminations/count") && method.equals("GET")) {
            return Answer.now(new SandboxResponse(200, Map.of("count", terminations.size())));
        }
        if (path.equals("/_sandbox/plu/webhook-events") && method.equals("GET")) {
            return Answer.now(new SandboxResponse(200, new JsonLines(PluWebhookEvents.of(journal.snapshot()))));
        }
        if (path.equals("/_sandbox/stats") && method.equals("GET")) {
            return Answer.now(new SandboxResponse(200, stats.snapshot()));
        }
        if (path.equals("/_sandbox/faults") && method.equals("GET")) {
            return Answer.now(new SandboxResponse(200, faultsView()));
        }
        if (path.equals("/_sandbox/faults") && method.equals("POST")) {
            faults.replace(faultPlans(readBody(exchange)));
            return Answer.now(new SandboxResponse(200, faultsView()));
        }
        if (path.equals("/_sandbox/settings") && method.equals("GET")) {
            String root = "http://127.0.0.1:" + exchange.getLocalAddress().getPort();
            return Answer.now(new SandboxResponse(200, SandboxCredentials.jobSettings(root, nueve09PublicKey)));
        }
        if (path.equals("/_sandbox/nueve09/public-key") && method.equals("GET")) {
            return Answer.now(new SandboxResponse(200, Map.of("public_key", nueve09PublicKey)));
        }
        Optional<ProviderSimulator> found = simulators.forPath(path);
        if (found.isEmpty()) {
            return Answer.now(new SandboxResponse(404, Map.of("success", false, "message", "No sandbox route for " + method + " " + path)));
        }
        ProviderSimulator simulator = found.get();
        SandboxRequest request = new SandboxRequest(method, path.substring(simulator.basePath().length()),
                headers(exchange), readBody(exchange), exchange.getRequestURI().getRawQuery());
        stats.request(simulator.provider());
        // Faults touch requests about withdrawals (creating one, looking one up) and terminations, not logins and tokens.
        boolean aboutMoney = request.path().contains("withdraw") || simulator.isTermination(request);
        FaultPlan.Fault fault = aboutMoney ? faults.draw(simulator.provider()) : FaultPlan.Fault.NONE;
        Duration after = aboutMoney ? latency.plus(faults.latency(simulator.provider())) : latency;
        if (fault != FaultPlan.Fault.NONE) {
            stats.fault(simulator.provider(), fault.statName());
        }
        SandboxResponse response = switch (fault) {
            case ERROR -> simulator.serverError();
            case RATE_LIMIT -> simulator.tooManyRequests();
            case DROP_BEFORE -> null;
            default -> simulator.handle(request);
        };
        return switch (fault) {
            case DROP_BEFORE, DROP_AFTER -> new Answer(null, false, after);
            case HANG_AFTER -> new Answer(null, false, faults.hang(simulator.provider()));
            case MALFORMED -> new Answer(response, true, after);
            default -> new Answer(response, false, after);
        };
    }

    /** The plans in force, by provider id, as {@code POST /_sandbox/faults} takes them. */
    private Map<String, FaultPlan> faultsView() {
        Map<String, FaultPlan> view = new java.util.TreeMap<>();
        faults.plans().forEach((provider, plan) -> view.put(provider.id(), plan));
        return view;
    }

    /**
     * {@code {"plu": "error=0.05,drop-after=0.01", "all": {"latency": "5ms..20ms"}}}: each provider's settings as a
     * {@link FaultPlan#parse spec} or as an object of the same keys; {@code all} first, then each provider on its own.
     * The plans replace those in force; a provider not named has no fault.
     */
    private Map<ProviderName, FaultPlan> faultPlans(String body) {
        JsonNode root = SandboxJson.readBody(json, body)
                .filter(JsonNode::isObject)
                .orElseThrow(() -> new IllegalArgumentException("POST /_sandbox/faults takes a JSON object of provider -> fault settings"));
        Map<ProviderName, FaultPlan> plans = new EnumMap<>(ProviderName.class);
        List<String> names = new java.util.ArrayList<>(root.propertyNames());
        names.sort((a, b) -> Boolean.compare(!a.equals("all"), !b.equals("all")));
        for (String name : names) {
            JsonNode settings = root.get(name);
            FaultPlan plan;
            if (settings.isString()) {
                plan = FaultPlan.parse(settings.stringValue());
            } else if (settings.isObject()) {
                Map<String, String> values = new java.util.LinkedHashMap<>();
                settings.properties().forEach(field -> values.put(field.getKey(),
                        field.getValue().isString() ? field.getValue().stringValue() : field.getValue().toString()));
                plan = FaultPlan.of(values);
            } else {
                throw new IllegalArgumentException("faults for '" + name + "' must be a string or an object");
            }
            for (ProviderName provider : SandboxArguments.providers(name.toLowerCase(Locale.ROOT))) {
                plans.put(provider, plan);
            }
        }
        return plans;
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

    private void write(HttpExchange exchange, SandboxResponse response, boolean truncated) throws IOException {
        byte[] bytes = response.body() instanceof JsonLines lines ? lines.bytes(json) : json.writeValueAsBytes(response.body());
        if (truncated) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        }
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("Content-Type", response.body() instanceof JsonLines ? "application/x-ndjson" : "application/json");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A body written as JSON Lines: one JSON value per line, as exports of received webhook events are. */
    record JsonLines(List<?> items) {

        byte[] bytes(JsonMapper json) {
            StringBuilder text = new StringBuilder();
            items.forEach(item -> text.append(json.writeValueAsString(item)).append('\n'));
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
