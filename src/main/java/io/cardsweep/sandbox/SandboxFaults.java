package io.cardsweep.sandbox;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import io.cardsweep.provider.ProviderName;

/**
 * The faults in force, per provider: set at start ({@code --faults}) and replaced while running
 * ({@code POST /_sandbox/faults}). Draws come from one seeded generator, so a run with the same seed and the same
 * order of requests meets the same faults.
 */
final class SandboxFaults {

    private final Random random;
    private volatile Map<ProviderName, FaultPlan> plans;

    SandboxFaults(Map<ProviderName, FaultPlan> plans, long seed) {
        this.random = new Random(seed);
        this.plans = copy(plans);
    }

    void replace(Map<ProviderName, FaultPlan> plans) {
        this.plans = copy(plans);
    }

    Map<ProviderName, FaultPlan> plans() {
        return plans;
    }

    FaultPlan.Fault draw(ProviderName provider) {
        FaultPlan plan = plans.get(provider);
        if (plan == null || plan.equals(FaultPlan.NONE)) {
            return FaultPlan.Fault.NONE;
        }
        synchronized (random) {
            return plan.faultAt(random.nextDouble());
        }
    }

    /** How long this request takes at {@code provider}, beside the sandbox's fixed latency. */
    Duration latency(ProviderName provider) {
        FaultPlan plan = plans.get(provider);
        if (plan == null || plan.latencyMax().isZero()) {
            return Duration.ZERO;
        }
        long min = plan.latencyMin().toNanos();
        long spread = plan.latencyMax().toNanos() - min;
        synchronized (random) {
            return Duration.ofNanos(min + (spread == 0 ? 0 : (long) (random.nextDouble() * spread)));
        }
    }

    Duration hang(ProviderName provider) {
        return plans.getOrDefault(provider, FaultPlan.NONE).hang();
    }

    private static Map<ProviderName, FaultPlan> copy(Map<ProviderName, FaultPlan> plans) {
        Map<ProviderName, FaultPlan> copy = new EnumMap<>(ProviderName.class);
        copy.putAll(plans);
        return Map.copyOf(copy);
    }
}
