package io.cardsweep.sandbox;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cardsweep.provider.ProviderName;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulators one sandbox serves, wired from its options. Adding a provider means
 * one more simulator class and one more line in {@link #create}; the router and server do not change.
 */
final class SimulatorRegistry {

    private final Map<ProviderName, ProviderSimulator> simulators;

    SimulatorRegistry(List<ProviderSimulator> simulators) {
        Map<ProviderName, ProviderSimulator> byProvider = new EnumMap<>(ProviderName.class);
        simulators.forEach(s -> byProvider.put(s.provider(), s));
        this.simulators = Map.copyOf(byProvider);
    }

    static SimulatorRegistry create(SandboxOptions options, CardBook cards, WithdrawalJournal journal, TerminationJournal terminations,
            SandboxStats stats, JsonMapper json, Nueve09Keys nueve09Keys) {
        return new SimulatorRegistry(List.of(
                new CartevoSimulator(cards, journal, terminations, new CartevoTokens(options.clock(), options.cartevoTokenTtl()),
                        options.cartevoFee(), options.clock(), json),
                new UncashSimulator(cards, journal, terminations, stats, new UncashWallet(), options.uncashCooldown(), options.clock(), json),
                new PluSimulator(cards, journal, terminations, stats, new PluIdempotencyKeys(options.pluKeyTtl()), new PluDebitLimit(),
                        options.clock(), json),
                new Nueve09Simulator(cards, journal, terminations, nueve09Keys, new Nueve09Sessions(), options.clock(), json),
                new HtpSimulator(cards, journal, stats, new HtpTokens(options.clock(), options.htpTokenTtl()),
                        new HtpRateLimit(options.clock(), options.htpRequestsPerMinute()),
                        new HtpWithdrawals(options.clock(), options.htpSettleDelay()), options.htpFee(), options.clock(), json)));
    }

    Optional<ProviderSimulator> forProvider(ProviderName provider) {
        return Optional.ofNullable(simulators.get(provider));
    }

    /** The simulator whose base path starts {@code path}, if any. */
    Optional<ProviderSimulator> forPath(String path) {
        return simulators.values().stream()
                .filter(s -> path.equals(s.basePath()) || path.startsWith(s.basePath() + "/"))
                .findFirst();
    }
}
