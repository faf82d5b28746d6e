package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardsweep.provider.ProviderName;

/**
 * Turns {@code cardsweep sandbox} flags into {@link SandboxOptions}. Every mistake becomes one
 * {@link IllegalArgumentException} whose message names the flag, so the command can print it with the
 * usage line and exit 2 instead of a stack trace.
 */
final class SandboxArguments {

    static final String USAGE = "usage: cardsweep sandbox [--port N] [--cards FILE] [--latency 50ms|PT0.05S]"
            + " [--uncash-cooldown 15m|PT15M] [--cartevo-token-ttl 3600s] [--cartevo-fee 0.30]"
            + " [--htp-requests-per-minute 60 (0: no limit)] [--htp-settle-delay 200ms]"
            + " [--faults PROVIDER|all:error=0.05,rate-limit=0.02,drop-before=0.01,drop-after=0.01,hang-after=0.01,malformed=0.01,"
            + "latency=5ms..50ms,hang=60s]... [--fault-seed N]";
    static final int DEFAULT_PORT = 8089;
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private SandboxArguments() {
    }

    /** Flags take {@code --flag value} or {@code --flag=value}; defaults are {@link SandboxOptions#defaults()} on port 8089. */
    static SandboxOptions parse(String[] args) {
        SandboxOptions options = SandboxOptions.defaults().withPort(DEFAULT_PORT);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                value = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(flag.startsWith("--") ? flag + " needs a value" : "unexpected argument '" + flag + "'");
            }
            options = apply(options, flag, value);
        }
        return options;
    }

    private static SandboxOptions apply(SandboxOptions options, String flag, String value) {
        try {
            return switch (flag) {
                case "--port" -> options.withPort(port(value));
                case "--cards" -> options.withCards(cards(value));
                case "--latency" -> options.withLatency(duration(value));
                case "--uncash-cooldown" -> options.withUncashCooldown(duration(value));
                case "--cartevo-token-ttl" -> options.withCartevoTokenTtl(duration(value));
                case "--cartevo-fee" -> options.withCartevoFee(new BigDecimal(value.strip()));
                case "--htp-requests-per-minute" -> options.withHtpRequestsPerMinute(Integer.parseInt(value.strip()));
                case "--htp-settle-delay" -> options.withHtpSettleDelay(duration(value));
                case "--faults" -> faults(options, value);
                case "--fault-seed" -> options.withFaultSeed(Long.parseLong(value.strip()));
                default -> throw new IllegalArgumentException("unknown flag '" + flag + "'");
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(flag + " '" + value + "' is not valid");
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().contains(flag) ? e
                    : new IllegalArgumentException(flag + " '" + value + "': " + e.getMessage());
        }
    }

    /** {@code PROVIDER:SPEC} or {@code all:SPEC}; see {@link FaultPlan#parse}. */
    private static SandboxOptions faults(SandboxOptions options, String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--faults needs PROVIDER:SETTINGS, e.g. plu:error=0.05 or all:drop-after=0.01");
        }
        String who = value.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        FaultPlan plan = FaultPlan.parse(value.substring(colon + 1));
        SandboxOptions with = options;
        for (ProviderName provider : providers(who)) {
            with = with.withFaults(provider, plan);
        }
        return with;
    }

    /** One provider by its id, or every one for {@code all}. */
    static java.util.List<ProviderName> providers(String who) {
        if (who.equals("all")) {
            return java.util.List.of(ProviderName.values());
        }
        return java.util.List.of(ProviderName.fromId(who)
                .orElseThrow(() -> new IllegalArgumentException("unknown provider '" + who + "' (plu, cartevo, uncash, htp, nueve09 or all)")));
    }

    private static int port(String value) {
        int port = Integer.parseInt(value.strip());
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        return port;
    }

    private static Path cards(String value) {
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("--cards file '" + value + "' does not exist or is not readable");
        }
        return path;
    }

    /** {@code 50ms}, {@code 15m}, {@code 3600s}, {@code 2h}, or ISO-8601 such as {@code PT0.05S}. */
    static Duration duration(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_DURATION.matcher(text);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        return Duration.parse(text.toUpperCase(Locale.ROOT));
    }
}
