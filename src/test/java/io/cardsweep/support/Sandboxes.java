package io.cardsweep.support;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.sandbox.SandboxCredentials;
import io.cardsweep.sandbox.SandboxServer;
import org.springframework.jdbc.core.JdbcTemplate;

/** Command-line arguments that point a cardsweep run at a sandbox on a socket, and the ledger held against it. */
public final class Sandboxes {

    public static final String TEST_CARD_HASH_KEY = "test-card-hash-key-not-the-local-default";

    private Sandboxes() {
    }

    public static List<String> providerArguments(SandboxServer sandbox) {
        return providerArguments("http://127.0.0.1:" + sandbox.port(), sandbox.nueve09PublicKey());
    }

    /**
     * @param root the sandbox's {@code http://host:port}, under which each provider has its base path
     * @return the five providers' settings, and a card hash key of the test's own, as any run with configured
     *         providers must set
     */
    public static List<String> providerArguments(String root, String nueve09PublicKey) {
        return asArguments(SandboxCredentials.jobSettings(root, nueve09PublicKey));
    }

    /** A sandbox's run settings as {@code --name=value} arguments, with the tests' own card hash key in place of its own. */
    public static List<String> asArguments(java.util.Map<String, String> sandboxSettings) {
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>(sandboxSettings);
        settings.put("cardsweep.security.card-hash-key", TEST_CARD_HASH_KEY);
        return settings.entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toList();
    }

    /**
     * One line per SUCCEEDED ledger row, comparable with {@link #executionLine}: provider, card, amount and the
     * provider's reference for it (its transaction id; Plu returns none, so the idempotency key it was sent).
     * Cards addressed by number appear in the ledger only masked, so Nueve09 lines leave the card out.
     */
    public static List<String> succeededLines(JdbcTemplate jdbc) {
        return jdbc.query("""
                SELECT provider, card_id, amount, provider_transaction_id, idempotency_key::text FROM withdrawal
                WHERE status = 'SUCCEEDED'""", (rs, n) -> line(rs.getString(1), rs.getString(2), rs.getBigDecimal(3).toPlainString(),
                rs.getString(1).equals("plu") ? rs.getString(5) : rs.getString(4)));
    }

    public static String executionLine(String provider, String cardId, java.math.BigDecimal amount, String transactionId,
            @org.jspecify.annotations.Nullable String idempotencyKey) {
        return line(provider, cardId, amount.setScale(2).toPlainString(), provider.equals("plu") ? idempotencyKey : transactionId);
    }

    private static String line(String provider, String cardId, String amount, String reference) {
        String card = provider.equals(ProviderName.NUEVE09.id()) ? "*" : cardId;
        return provider + " " + card + " " + amount + " " + Objects.requireNonNull(reference, "no reference for " + provider + " " + cardId);
    }
}
