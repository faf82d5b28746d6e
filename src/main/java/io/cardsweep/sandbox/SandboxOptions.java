package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.cardsweep.provider.ProviderName;

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
 * @param pluKeyTtl how long Plu remembers an idempotency key (a reuse within it answers 400)
 * @param htpRequestsPerMinute HTP's request limit per client; 0 turns it off
 * @param htpTokenTtl lifetime of an HTP token
 * @param htpSettleDelay how long an HTP withdrawal stays PENDING/PROCESSING before it settles
 * @param htpFee HTP's withdrawal fee; amounts must exceed it
 * @param faults what goes wrong at each provider ({@link FaultPlan}); none by default
 * @param faultSeed seeds the draws of faults and latencies, so a run can meet the same ones again
 */
public record SandboxOptions(
        int port,
        @Nullable Path cards,
        Duration latency,
        Duration uncashCooldown,
        Duration cartevoTokenTtl,
        BigDecimal cartevoFee,
        Clock clock,
        Duration pluKeyTtl,
        int htpRequestsPerMinute,
        Duration htpTokenTtl,
        Duration htpSettleDelay,
        BigDecimal htpFee,
        Map<ProviderName, FaultPlan> faults,
        long faultSeed) {

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
        requireNotNegative("plu key ttl", pluKeyTtl);
        if (htpRequestsPerMinute < 0) {
            throw new IllegalArgumentException("htp requests per minute must not be negative, was " + htpRequestsPerMinute);
        }
        requireNotNegative("htp token ttl", htpTokenTtl);
        requireNotNegative("htp settle delay", htpSettleDelay);
        Objects.requireNonNull(htpFee, "htpFee");
        faults = Map.copyOf(faults);
    }

    /** Random port, no cards, no latency, and the providers' documented defaults. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(0, null, Duration.ZERO, Duration.ofMinutes(15), Duration.ofSeconds(3600),
                new BigDecimal("0.30"), Clock.systemUTC(), Duration.ofMinutes(5), 60, Duration.ofMinutes(30), Duration.ofMillis(200),
                new BigDecimal("1.00"), Map.of(), 1L);
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock, pluKeyTtl,
                htpRequestsPerMinute, htpTokenTtl, htpSettleDelay, htpFee, faults, faultSeed);
    }

    public SandboxOptions withCards(@Nullable Path cards) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock, pluKeyTtl,
                htpRequestsPerMinute, htpTokenTtl, htpSettleDelay, htpFee, faults, faultSeed);
    }

    public SandboxOptions withLatency(Duration latency) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock, pluKeyTtl,
                htpRequestsPerMinute, htpTokenTtl, htpSettleDelay, htpFee, faults, faultSeed);
    }

    public SandboxOptions withUncashCooldown(Duration uncashCooldown) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock, pluKeyTtl,
                htpRequestsPerMinute, htpTokenTtl, htpSettleDelay, htpFee, faults, faultSeed);
    }

    public SandboxOptions withCartevoTokenTtl(Duration cartevoTokenTtl) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock, pluKeyTtl,
                htpRequestsPerMinute, htpTokenTtl, htpSettleDelay, htpFee, faults, faultSeed);
    }

    public SandboxOptions withCartevoFee(BigDecimal cartevoFee) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock, pluKeyTtl,
                htpRequestsPerMinute, htpTokenTtl, htpSettleDelay, htpFee, faults, faultSeed);
    }

    public SandboxOptions withClock(Clock clock) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock, pluKeyTtl,
                htpRequestsPerMinute, htpTokenTtl, htpSettleDelay, htpFee, faults, faultSeed);
    }

    public SandboxOptions withPluKeyTtl(Duration pluKeyTtl) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock, pluKeyTtl,
                htpRequestsPerMinute, htpTokenTtl, htpSettleDelay, htpFee, faults, faultSeed);
    }

    public SandboxOptions withHtpRequestsPerMinute(int htpRequestsPerMinute) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock, pluKeyTtl,
                htpRequestsPerMinute, htpTokenTtl, htpSettleDelay, htpFee, faults, faultSeed);
    }

    public SandboxOptions withHtpTokenTtl(Duration htpTokenTtl) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock, pluKeyTtl,
                htpRequestsPerMinute, htpTokenTtl, htpSettleDelay, htpFee, faults, faultSeed);
    }

    public SandboxOptions withHtpSettleDelay(Duration htpSettleDelay) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock, pluKeyTtl,
                htpRequestsPerMinute, htpTokenTtl, htpSettleDelay, htpFee, faults, faultSeed);
    }

    public SandboxOptions withHtpFee(BigDecimal htpFee) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock, pluKeyTtl,
                htpRequestsPerMinute, htpTokenTtl, htpSettleDelay, htpFee, faults, faultSeed);
    }

    /** {@code plan} at {@code provider}, replacing what it had. */
    public SandboxOptions withFaults(ProviderName provider, FaultPlan plan) {
        Map<ProviderName, FaultPlan> more = new EnumMap<>(ProviderName.class);
        more.putAll(faults);
        more.put(provider, plan);
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock, pluKeyTtl,
                htpRequestsPerMinute, htpTokenTtl, htpSettleDelay, htpFee, more, faultSeed);
    }

    public SandboxOptions withFaultSeed(long faultSeed) {
        return new SandboxOptions(port, cards, latency, uncashCooldown, cartevoTokenTtl, cartevoFee, clock, pluKeyTtl,
                htpRequestsPerMinute, htpTokenTtl, htpSettleDelay, htpFee, faults, faultSeed);
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
