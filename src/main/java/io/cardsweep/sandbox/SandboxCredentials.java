package io.cardsweep.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The only credentials the sandbox accepts. They are deliberately fake and public: the sandbox exists so
 * that nothing real is ever needed to run the quickstart, the tests or the benchmarks.
 */
public final class SandboxCredentials {

    public static final String CARTEVO_CLIENT_ID = "sandbox-client";
    public static final String CARTEVO_CLIENT_KEY = "sandbox-client-key";
    public static final String UNCASH_API_KEY = "uc_sandbox_key";
    public static final String PLU_API_KEY = "sk_staging_sandbox_key";
    public static final String HTP_AGENT_ID = "5f0c7f8e-2b7a-4d1e-9c3b-6a2e8d4f1b00";
    public static final String HTP_AGENT_SECRET = "htp-sandbox-agent-secret";
    public static final String HTP_DEVICE_ID = "cardsweep-sandbox-device";
    public static final String HTP_USER_ID = "htp-sandbox-user";
    public static final String NUEVE09_API_KEY = "nueve09-sandbox-api-key";
    public static final String NUEVE09_PASSWORD = "nueve09-sandbox-password";

    /** A card hash key for runs against the sandbox only: real card numbers need a secret of their own. */
    public static final String CARD_HASH_KEY = "sandbox-only-card-hash-key-never-for-real-cards";

    private SandboxCredentials() {
    }

    /**
     * The settings that point a cardsweep run at a sandbox, as {@code GET /_sandbox/settings} serves them: each
     * provider's base URL under {@code root}, the fake credentials, Nueve09's public key and a sandbox-only card
     * hash key.
     *
     * @param root the sandbox's {@code http://host:port}
     */
    public static Map<String, String> jobSettings(String root, String nueve09PublicKey) {
        String p = "cardsweep.providers.";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(p + "plu.base-url", root + "/plu/api");
        settings.put(p + "plu.api-key", PLU_API_KEY);
        settings.put(p + "cartevo.base-url", root + "/cartevo/api/v1");
        settings.put(p + "cartevo.client-id", CARTEVO_CLIENT_ID);
        settings.put(p + "cartevo.client-key", CARTEVO_CLIENT_KEY);
        settings.put(p + "uncash.base-url", root + "/uncash/api/v1");
        settings.put(p + "uncash.api-key", UNCASH_API_KEY);
        settings.put(p + "htp.base-url", root + "/htp/api/v1");
        settings.put(p + "htp.agent-id", HTP_AGENT_ID);
        settings.put(p + "htp.agent-secret", HTP_AGENT_SECRET);
        settings.put(p + "htp.device-id", HTP_DEVICE_ID);
        settings.put(p + "htp.user-id", HTP_USER_ID);
        settings.put(p + "nueve09.base-url", root + "/nueve09");
        settings.put(p + "nueve09.api-key", NUEVE09_API_KEY);
        settings.put(p + "nueve09.password", NUEVE09_PASSWORD);
        settings.put(p + "nueve09.public-key", nueve09PublicKey);
        settings.put("cardsweep.security.card-hash-key", CARD_HASH_KEY);
        return settings;
    }
}
