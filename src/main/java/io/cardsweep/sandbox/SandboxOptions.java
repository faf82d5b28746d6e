package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How one sandbox behaves. Every knob that a test needs to bend (time, cooldown, token lifetime, fee)
 * is here, so the simulators themselves never read the environment or the wall clock.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param cards the seed CSV ({@code provider,card_id,balance,status,currency}); null starts with no cards
 * @param latency how long every provider call takes, spent after executing, like a slow provider would
 * @param uncashCooldown Uncash's minimum time between two withdrawal attempts on one card
 * @param cartevoTokenTtl lifetime of a Cartevo access token
 * @param cartevoFee flat fee Cartevo keeps from each withdrawal (the card is debited the full amount)
 * @param clock the time source for token expiry, cooldowns and execution timestamps
 */
public record SandboxOptions(
        int port,
        @Nullable Path cards,
        Duration latency,
        Duration uncashCooldown,
        Duration cartevoTokenTtl,
        BigDecimal cartevoFee,
        Clock clock) {

    public SandboxOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        requireNotNegative("latency", latency);
        requireNotNegative("uncash cooldown", uncashCooldown);
        requireNotNegative("cartevo token ttl", cartevoTokenTtl);
        if (cartevoTokenTtl.isZero()) {
            throw new IllegalArgumentException("cartevo token ttl must be positive");
        }
        Objects.requireNonNull(cartevoFee, "cartevoFee");
        if (cartevoFee.signum() < 0) {
            throw new IllegalArgumentException("cartevo fee must not be negative, was " + cartevoFee.toPlainString());
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** Random port, no cards, no latency, and the providers' documented defaults. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(0, null, Duration.ZERO, Duration.ofMinutes(15), Duration.ofSeconds(3600),
                new BigDecimal("0.30"), Clock.systemUTC());
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock);
    }

    public SandboxOptions withCards(@Nullable Path cards) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock);
    }

    public SandboxOptions withLatency(Duration latency) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock);
    }

    public SandboxOptions withUncashCooldown(Duration uncashCooldown) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock);
    }

    public SandboxOptions withCartevoTokenTtl(Duration cartevoTokenTtl) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock);
    }

    public SandboxOptions withCartevoFee(BigDecimal cartevoFee) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock);
    }

    public SandboxOptions withClock(Clock clock) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock);
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
