package io.cardsweep.sandbox;

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

    private SandboxCredentials() {
    }
}
