package io.cardsweep.provider.htp;

import io.cardsweep.provider.ProviderFatalException;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderSettings;
import org.jspecify.annotations.Nullable;

/**
 * Who signs HTP's token request. All four are required because HTP binds a token to one user and a signature
 * to one device; a missing one is a configuration error, so it stops the run before any request.
 */
record HtpIdentity(String agentId, String agentSecret, String deviceId, String userId) {

    static HtpIdentity from(ProviderSettings settings) {
        return new HtpIdentity(required(settings.agentId(), "agent-id"), required(settings.agentSecret(), "agent-secret"),
                required(settings.deviceId(), "device-id"), required(settings.userId(), "user-id"));
    }

    private static String required(@Nullable String value, String property) {
        if (value == null || value.isBlank()) {
            throw new ProviderFatalException(ProviderName.HTP, "HTP has no " + property + ": set cardsweep.providers.htp." + property + ".");
        }
        return value;
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "HtpIdentity[agentId=" + agentId + ", agentSecret=****, deviceId=" + deviceId + ", userId=" + userId + "]";
    }
}
