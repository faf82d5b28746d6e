package io.cardsweep.provider.htp;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderSettings;

/**
 * Who signs HTP's token request. All four are required because HTP binds a token to one user and a signature
 * to one device; a missing one is a configuration error, so it stops the run before any request.
 */
record HtpIdentity(String agentId, String agentSecret, String deviceId, String userId) {

    static HtpIdentity from(ProviderSettings settings) {
        return new HtpIdentity(
                ProviderSettings.required(ProviderName.HTP, settings.agentId(), "agent-id"),
                ProviderSettings.required(ProviderName.HTP, settings.agentSecret(), "agent-secret"),
                ProviderSettings.required(ProviderName.HTP, settings.deviceId(), "device-id"),
                ProviderSettings.required(ProviderName.HTP, settings.userId(), "user-id"));
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "HtpIdentity[agentId=" + agentId + ", agentSecret=****, deviceId=" + deviceId + ", userId=" + userId + "]";
    }
}
