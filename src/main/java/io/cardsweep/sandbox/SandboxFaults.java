package io.cardsweep.sandbox;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import io.cardsweep.provider.ProviderName;

/**
 * The faults in force, per provider: set at start ({@code --faults}) and replaced while running
 * ({@code POST /_sandbox/faults}). Each provider draws from its own generator, seeded from the one seed: a provider
 * meets the same faults, in the order its requests arrive, however the other providers' requests interleave with its own.
 * A run whose requests to a provider are the same in number meets the same mix of faults there.
 */
final class SandboxFaults {

    private final Map<ProviderName, Random> randoms = new EnumMap<>(ProviderName.class);
    private volatile Map<ProviderName, FaultPlan> plans;

    SandboxFaults(Map<ProviderName, FaultPlan> plans, long seed) {
        for (ProviderName provider : ProviderName.values()) {
            randoms.put(provider, new Random(seed * 31 + provider.ordinal()));
        }
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
        Random random = randoms.get(provider);
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
        Random random = randoms.get(provider);
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
