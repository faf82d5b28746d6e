package io.cardsweep.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderSettings;
import io.cardsweep.sandbox.SandboxCredentials;
import io.cardsweep.sandbox.SandboxOptions;
import io.cardsweep.sandbox.SandboxServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox that stands in for providers without a base URL on a laptop, started only when some
 * provider needs it, and announced loudly: nobody should mistake a sandbox run for a real one.
 */
public final class InProcessSandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InProcessSandbox.class);

    private final @Nullable SandboxServer server;

    private InProcessSandbox(@Nullable SandboxServer server) {
        this.server = server;
    }

    static InProcessSandbox none() {
        return new InProcessSandbox(null);
    }

    static InProcessSandbox startFor(Set<ProviderName> providers, SandboxProperties properties) {
        Path cards = Files.isRegularFile(properties.cards()) ? properties.cards() : null;
        SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withCards(cards).withLatency(properties.latency()));
        String banner = "SANDBOX — no real money moves: " + providers + " served by an in-process sandbox on port " + server.port()
                + (cards == null ? " with no cards" : " with cards from " + cards);
        System.err.println("*".repeat(banner.length()));
        System.err.println(banner);
        System.err.println("*".repeat(banner.length()));
        log.info(banner);
        return new InProcessSandbox(server);
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Settings for every provider, pointing at this sandbox and keeping whatever else was configured (timeouts, fee). */
    Map<ProviderName, ProviderSettings> settingsForAll(Map<ProviderName, ProviderSettings> configured) {
        Map<ProviderName, ProviderSettings> settings = new EnumMap<>(ProviderName.class);
        for (ProviderName provider : ProviderName.values()) {
            settings.put(provider, settingsFor(provider, configured.getOrDefault(provider, ProviderSettings.of(null))));
        }
        return settings;
    }

    /** The settings that point a provider's adapter at this sandbox, keeping the configured timeouts. */
    ProviderSettings settingsFor(ProviderName provider, ProviderSettings configured) {
        if (server == null) {
            throw new IllegalStateException("the sandbox was not started for " + provider);
        }
        ProviderSettings settings = configured.withBaseUrl(server.baseUrl(provider));
        switch (provider) {
            case PLU:
                return settings.withCredentials(null, null, SandboxCredentials.PLU_API_KEY);
            case CARTEVO:
                return settings.withCredentials(SandboxCredentials.CARTEVO_CLIENT_ID, SandboxCredentials.CARTEVO_CLIENT_KEY, null);
            case UNCASH:
                return settings.withCredentials(null, null, SandboxCredentials.UNCASH_API_KEY);
            case HTP:
                return settings.withAgent(SandboxCredentials.HTP_AGENT_ID, SandboxCredentials.HTP_AGENT_SECRET,
                        SandboxCredentials.HTP_DEVICE_ID, SandboxCredentials.HTP_USER_ID, configured.fee());
            case NUEVE09:
                return settings.withLogin(SandboxCredentials.NUEVE09_API_KEY, SandboxCredentials.NUEVE09_PASSWORD, server.nueve09PublicKey());
            default:
                throw new IllegalArgumentException("the sandbox has no credentials for " + provider);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
