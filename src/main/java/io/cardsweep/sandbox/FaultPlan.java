package io.cardsweep.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What goes wrong at one simulated provider, for requests about withdrawals (creating one, looking one up). Each rate
 * is the chance, per request, of one fault; at most one fault happens to a request, so the rates add up to at most 1.
 * Faults "before" leave nothing executed; faults "after" let the provider execute, then spoil the answer — the cases in
 * which a client cannot know what happened, and the sandbox's journal stays the truth.
 *
 * @param error answer a server error instead of executing (the provider's own "temporarily unavailable" where it has one)
 * @param rateLimit answer 429 instead of executing
 * @param dropBefore close the connection without an answer, nothing executed
 * @param dropAfter execute, then close the connection without an answer
 * @param hangAfter execute, then answer nothing for {@code hang} (longer than a client waits), then close
 * @param malformed execute, then answer with the body cut short (not JSON)
 * @param latencyMin shortest time a request takes, beside the sandbox's fixed {@code --latency}
 * @param latencyMax longest; each request takes a time drawn evenly between the two
 * @param hang how long a hanging answer keeps the connection open
 */
public record FaultPlan(double error, double rateLimit, double dropBefore, double dropAfter, double hangAfter, double malformed,
        Duration latencyMin, Duration latencyMax, Duration hang) {

    /** No fault, no latency. */
    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(60));

    public FaultPlan {
        for (double rate : new double[] {error, rateLimit, dropBefore, dropAfter, hangAfter, malformed}) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("a fault rate must be between 0 and 1, was " + rate);
            }
        }
        if (error + rateLimit + dropBefore + dropAfter + hangAfter + malformed > 1.000_001) {
            throw new IllegalArgumentException("fault rates add up to more than 1");
        }
        Objects.requireNonNull(latencyMin, "latencyMin");
        Objects.requireNonNull(latencyMax, "latencyMax");
        Objects.requireNonNull(hang, "hang");
        if (latencyMin.isNegative() || latencyMax.compareTo(latencyMin) < 0) {
            throw new IllegalArgumentException("latency must be MIN..MAX with 0 <= MIN <= MAX, was " + latencyMin + ".." + latencyMax);
        }
        if (hang.isNegative()) {
            throw new IllegalArgumentException("hang must not be negative, was " + hang);
        }
    }

    /**
     * Reads {@code error=0.05,rate-limit=0.02,drop-before=0.01,drop-after=0.01,hang-after=0.01,malformed=0.01,
     * latency=5ms..50ms,hang=60s} (any subset, in any order; {@code _} may stand for {@code -}), starting from {@link #NONE}.
     *
     * @throws IllegalArgumentException naming the key or value that is wrong
     */
    public static FaultPlan parse(String spec) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("fault setting '" + part.strip() + "' needs KEY=VALUE");
            }
            settings.put(part.substring(0, equals), part.substring(equals + 1));
        }
        return of(settings);
    }

    /** As {@link #parse}, from settings already split into keys and values (a JSON object's fields). */
    public static FaultPlan of(Map<String, String> settings) {
        double error = 0;
        double rateLimit = 0;
        double dropBefore = 0;
        double dropAfter = 0;
        double hangAfter = 0;
        double malformed = 0;
        Duration latencyMin = Duration.ZERO;
        Duration latencyMax = Duration.ZERO;
        Duration hang = NONE.hang();
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String key = setting.getKey().strip().toLowerCase(Locale.ROOT).replace('_', '-');
            String value = setting.getValue().strip();
            try {
                switch (key) {
                    case "error" -> error = Double.parseDouble(value);
                    case "rate-limit" -> rateLimit = Double.parseDouble(value);
                    case "drop-before" -> dropBefore = Double.parseDouble(value);
                    case "drop-after" -> dropAfter = Double.parseDouble(value);
                    case "hang-after" -> hangAfter = Double.parseDouble(value);
                    case "malformed" -> malformed = Double.parseDouble(value);
                    case "hang" -> hang = SandboxArguments.duration(value);
                    case "latency" -> {
                        int dots = value.indexOf("..");
                        latencyMin = SandboxArguments.duration(dots < 0 ? value : value.substring(0, dots));
                        latencyMax = dots < 0 ? latencyMin : SandboxArguments.duration(value.substring(dots + 2));
                    }
                    default -> throw new IllegalArgumentException("unknown fault '" + key
                            + "' (known: error, rate-limit, drop-before, drop-after, hang-after, malformed, latency, hang)");
                }
            }
            catch (RuntimeException ex) {
                if (ex.getMessage() != null && ex.getMessage().startsWith("unknown fault")) {
                    throw ex;
                }
                throw new IllegalArgumentException("fault '" + key + "' has a value that cannot be read: '" + value + "'");
            }
        }
        return new FaultPlan(error, rateLimit, dropBefore, dropAfter, hangAfter, malformed, latencyMin, latencyMax, hang);
    }

    /** The fault for a request, from a number drawn evenly in [0, 1). */
    Fault faultAt(double draw) {
        double bound = 0;
        Fault[] faults = {Fault.ERROR, Fault.RATE_LIMIT, Fault.DROP_BEFORE, Fault.DROP_AFTER, Fault.HANG_AFTER, Fault.MALFORMED};
        double[] rates = {error, rateLimit, dropBefore, dropAfter, hangAfter, malformed};
        for (int i = 0; i < faults.length; i++) {
            bound += rates[i];
            if (draw < bound) {
                return faults[i];
            }
        }
        return Fault.NONE;
    }

    /** What happens to one request. */
    enum Fault {
        NONE(false), ERROR(false), RATE_LIMIT(false), DROP_BEFORE(false), DROP_AFTER(true), HANG_AFTER(true), MALFORMED(true);

        private final boolean afterExecuting;

        Fault(boolean afterExecuting) {
            this.afterExecuting = afterExecuting;
        }

        /** Whether the provider handles the request first (it may execute), the fault spoiling only the answer. */
        boolean afterExecuting() {
            return afterExecuting;
        }

        /** The name the sandbox's stats count it under. */
        String statName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
