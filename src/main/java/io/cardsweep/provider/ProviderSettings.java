package io.cardsweep.provider;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Connection settings of one provider, bound from {@code cardsweep.providers.<name>.*}.
 *
 * @param baseUrl the API base including its version path, e.g. {@code https://api.cartevo.co/api/v1}
 * @param connectTimeout how long to wait for a TCP connection (a failure here proves nothing was sent)
 * @param readTimeout how long to wait for an answer once sent (a failure here leaves the withdrawal UNKNOWN)
 * @param clientId Cartevo client id
 * @param clientKey Cartevo client key (secret)
 * @param apiKey static bearer key, Plu and Uncash (secret)
 * @param tokenRenewalMargin renew a token this long before it expires
 */
public record ProviderSettings(
        @Nullable URI baseUrl,
        Duration connectTimeout,
        Duration readTimeout,
        @Nullable String clientId,
        @Nullable String clientKey,
        @Nullable String apiKey,
        Duration tokenRenewalMargin) {

    public ProviderSettings {
        if (connectTimeout == null) {
            connectTimeout = Duration.ofSeconds(5);
        }
        if (readTimeout == null) {
            readTimeout = Duration.ofSeconds(30);
        }
        if (tokenRenewalMargin == null) {
            tokenRenewalMargin = Duration.ofMinutes(2);
        }
    }

    public static ProviderSettings of(URI baseUrl) {
        return new ProviderSettings(baseUrl, null, null, null, null, null, null);
    }

    public ProviderSettings withCredentials(@Nullable String clientId, @Nullable String clientKey, @Nullable String apiKey) {
        return new ProviderSettings(baseUrl, connectTimeout, readTimeout, clientId, clientKey, apiKey, tokenRenewalMargin);
    }

    public ProviderSettings withTimeouts(Duration connect, Duration read) {
        return new ProviderSettings(baseUrl, connect, read, clientId, clientKey, apiKey, tokenRenewalMargin);
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "ProviderSettings[baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", clientId=" + clientId + ", clientKey=" + (clientKey == null ? null : "****")
                + ", apiKey=" + (apiKey == null ? null : "****") + "]";
    }
}
