package io.cardsweep.provider;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Connection settings of one provider, bound from {@code cardsweep.providers.<name>.*}. Flat on purpose, so
 * each maps to one environment variable ({@code CARDSWEEP_PROVIDERS_HTP_AGENTSECRET}); each provider reads
 * the fields its API needs and refuses to start without them.
 *
 * @param baseUrl the API base including its version path, e.g. {@code https://api.cartevo.co/api/v1}
 * @param connectTimeout how long to wait for a TCP connection (a failure here proves nothing was sent)
 * @param readTimeout how long to wait for an answer once sent (a failure here leaves the withdrawal UNKNOWN)
 * @param tokenRenewalMargin renew a token this long before it expires
 * @param clientId Cartevo client id
 * @param clientKey Cartevo client key (secret)
 * @param apiKey static key: Plu and Uncash bearer key, Nueve09 api_key (secret)
 * @param password Nueve09 password (secret)
 * @param agentId HTP agent UUID
 * @param agentSecret HTP agent secret, the HMAC key (secret)
 * @param deviceId HTP device id
 * @param userId HTP user the cards belong to
 * @param fee HTP withdrawal fee; amounts must exceed it
 * @param publicKey Nueve09 RSA public key, PEM or Base64 DER, to encrypt card numbers
 * @param statusTimeout HTP: how long to follow a withdrawal's status before leaving it UNKNOWN
 * @param cooldown minimum time between withdrawal attempts (Uncash: 15 minutes, plus a margin); null for none
 * @param cooldownScope {@code card} (each card its own cooldown) or {@code account} (one for all cards)
 * @param requestsPerMinute how many requests of any kind (token, withdrawal, status) the provider accepts per
 *        minute, shared by every process on this database (HTP: 60); null or 0 for no limit
 * @param terminationStatus Nueve09: the {@code status} its {@code PUT /cards/status} terminates a card with, which
 *        Nueve09 does not document; null for the adapter's default ({@code CANCELED})
 */
public record ProviderSettings(
        @Nullable URI baseUrl,
        Duration connectTimeout,
        Duration readTimeout,
        Duration tokenRenewalMargin,
        @Nullable String clientId,
        @Nullable String clientKey,
        @Nullable String apiKey,
        @Nullable String password,
        @Nullable String agentId,
        @Nullable String agentSecret,
        @Nullable String deviceId,
        @Nullable String userId,
        @Nullable BigDecimal fee,
        @Nullable String publicKey,
        Duration statusTimeout,
        @Nullable Duration cooldown,
        @Nullable String cooldownScope,
        @Nullable Integer requestsPerMinute,
        @Nullable String terminationStatus) {

    public ProviderSettings {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        tokenRenewalMargin = tokenRenewalMargin == null ? Duration.ofMinutes(2) : tokenRenewalMargin;
        statusTimeout = statusTimeout == null ? Duration.ofSeconds(60) : statusTimeout;
        if (cooldownScope != null && !cooldownScope.equals("card") && !cooldownScope.equals("account")) {
            throw new IllegalArgumentException("cooldown-scope must be card or account, not '" + cooldownScope + "'");
        }
        if (requestsPerMinute != null && requestsPerMinute < 0) {
            throw new IllegalArgumentException("requests-per-minute must be positive (or 0 for no limit), was " + requestsPerMinute);
        }
    }

    public static ProviderSettings of(@Nullable URI baseUrl) {
        return new ProviderSettings(baseUrl, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public ProviderSettings withBaseUrl(@Nullable URI url) {
        return new ProviderSettings(url, connectTimeout, readTimeout, tokenRenewalMargin, clientId, clientKey, apiKey, password, agentId,
                agentSecret, deviceId, userId, fee, publicKey, statusTimeout, cooldown, cooldownScope, requestsPerMinute, terminationStatus);
    }

    public ProviderSettings withTimeouts(Duration connect, Duration read) {
        return new ProviderSettings(baseUrl, connect, read, tokenRenewalMargin, clientId, clientKey, apiKey, password, agentId,
                agentSecret, deviceId, userId, fee, publicKey, statusTimeout, cooldown, cooldownScope, requestsPerMinute, terminationStatus);
    }

    public ProviderSettings withTokenRenewalMargin(Duration margin) {
        return new ProviderSettings(baseUrl, connectTimeout, readTimeout, margin, clientId, clientKey, apiKey, password, agentId,
                agentSecret, deviceId, userId, fee, publicKey, statusTimeout, cooldown, cooldownScope, requestsPerMinute, terminationStatus);
    }

    /** Cartevo's client credentials and the static key of Plu, Uncash and Nueve09. */
    public ProviderSettings withCredentials(@Nullable String newClientId, @Nullable String newClientKey, @Nullable String newApiKey) {
        return new ProviderSettings(baseUrl, connectTimeout, readTimeout, tokenRenewalMargin, newClientId, newClientKey, newApiKey, password,
                agentId, agentSecret, deviceId, userId, fee, publicKey, statusTimeout, cooldown, cooldownScope, requestsPerMinute, terminationStatus);
    }

    /** Nueve09's login and the public key card numbers are encrypted with. */
    public ProviderSettings withLogin(@Nullable String newApiKey, @Nullable String newPassword, @Nullable String newPublicKey) {
        return new ProviderSettings(baseUrl, connectTimeout, readTimeout, tokenRenewalMargin, clientId, clientKey, newApiKey, newPassword,
                agentId, agentSecret, deviceId, userId, fee, newPublicKey, statusTimeout, cooldown, cooldownScope, requestsPerMinute, terminationStatus);
    }

    /** HTP's signed-token identity and its withdrawal fee. */
    public ProviderSettings withAgent(@Nullable String newAgentId, @Nullable String newAgentSecret, @Nullable String newDeviceId,
            @Nullable String newUserId, @Nullable BigDecimal newFee) {
        return new ProviderSettings(baseUrl, connectTimeout, readTimeout, tokenRenewalMargin, clientId, clientKey, apiKey, password,
                newAgentId, newAgentSecret, newDeviceId, newUserId, newFee, publicKey, statusTimeout, cooldown, cooldownScope, requestsPerMinute,
                terminationStatus);
    }

    public ProviderSettings withStatusTimeout(Duration timeout) {
        return new ProviderSettings(baseUrl, connectTimeout, readTimeout, tokenRenewalMargin, clientId, clientKey, apiKey, password, agentId,
                agentSecret, deviceId, userId, fee, publicKey, timeout, cooldown, cooldownScope, requestsPerMinute, terminationStatus);
    }

    public ProviderSettings withCooldown(@Nullable Duration newCooldown, @Nullable String newScope) {
        return new ProviderSettings(baseUrl, connectTimeout, readTimeout, tokenRenewalMargin, clientId, clientKey, apiKey, password, agentId,
                agentSecret, deviceId, userId, fee, publicKey, statusTimeout, newCooldown, newScope, requestsPerMinute, terminationStatus);
    }

    public ProviderSettings withRequestsPerMinute(@Nullable Integer newRequestsPerMinute) {
        return new ProviderSettings(baseUrl, connectTimeout, readTimeout, tokenRenewalMargin, clientId, clientKey, apiKey, password, agentId,
                agentSecret, deviceId, userId, fee, publicKey, statusTimeout, cooldown, cooldownScope, newRequestsPerMinute, terminationStatus);
    }

    public ProviderSettings withTerminationStatus(@Nullable String newTerminationStatus) {
        return new ProviderSettings(baseUrl, connectTimeout, readTimeout, tokenRenewalMargin, clientId, clientKey, apiKey, password, agentId,
                agentSecret, deviceId, userId, fee, publicKey, statusTimeout, cooldown, cooldownScope, requestsPerMinute, newTerminationStatus);
    }

    /**
     * A setting the provider cannot work without: its absence stops the run with one sentence naming the property.
     *
     * @param label how the sentence names the setting, when not by its property name
     */
    public static String required(ProviderName provider, @Nullable String value, String property, String label) {
        if (value == null || value.isBlank()) {
            throw new ProviderFatalException(provider, provider.displayName() + " has no " + label + ": set cardsweep.providers."
                    + provider.id() + "." + property + ".");
        }
        return value;
    }

    public static String required(ProviderName provider, @Nullable String value, String property) {
        return required(provider, value, property, property);
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "ProviderSettings[baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", clientId=" + clientId + ", clientKey=" + hidden(clientKey) + ", apiKey=" + hidden(apiKey)
                + ", password=" + hidden(password) + ", agentId=" + agentId + ", agentSecret=" + hidden(agentSecret)
                + ", deviceId=" + deviceId + ", userId=" + userId + ", fee=" + fee + ", statusTimeout=" + statusTimeout
                + ", cooldown=" + cooldown + " per " + cooldownScope + ", requestsPerMinute=" + requestsPerMinute
                + ", terminationStatus=" + terminationStatus + "]";
    }

    private static @Nullable String hidden(@Nullable String secret) {
        return secret == null ? null : "****";
    }
}
