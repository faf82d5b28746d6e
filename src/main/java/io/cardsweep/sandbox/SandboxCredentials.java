package io.cardsweep.sandbox;

/**
 * The only credentials the sandbox accepts. They are deliberately fake and public: the sandbox exists so
 * that nothing real is ever needed to run the quickstart, the tests or the benchmarks.
 */
public final class SandboxCredentials {

    public static final String CARTEVO_CLIENT_ID = "sandbox-client";
    public static final String CARTEVO_CLIENT_KEY = "sandbox-client-key";
    public static final String UNCASH_API_KEY = "uc_sandbox_key";

    private SandboxCredentials() {
    }
}
