package io.cardsweep.support;

import java.util.List;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.sandbox.SandboxCredentials;
import io.cardsweep.sandbox.SandboxServer;

/** Command-line arguments that point a cardsweep run at a sandbox on a socket. */
public final class Sandboxes {

    private Sandboxes() {
    }

    public static List<String> providerArguments(SandboxServer sandbox) {
        return providerArguments(sandbox.baseUrl(ProviderName.CARTEVO).toString(), sandbox.baseUrl(ProviderName.UNCASH).toString());
    }

    public static List<String> providerArguments(String cartevoBaseUrl, String uncashBaseUrl) {
        return List.of(
                "--cardsweep.providers.cartevo.base-url=" + cartevoBaseUrl,
                "--cardsweep.providers.cartevo.client-id=" + SandboxCredentials.CARTEVO_CLIENT_ID,
                "--cardsweep.providers.cartevo.client-key=" + SandboxCredentials.CARTEVO_CLIENT_KEY,
                "--cardsweep.providers.uncash.base-url=" + uncashBaseUrl,
                "--cardsweep.providers.uncash.api-key=" + SandboxCredentials.UNCASH_API_KEY);
    }
}
