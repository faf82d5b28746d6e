package io.cardsweep.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * HTP's agent tokens. A token is issued only to a correctly signed request whose timestamp is within five minutes
 * of the sandbox clock, and belongs to the user it was asked for: cards of other users stay out of its reach.
 * The signature is computed here independently of the adapter, so the sandbox checks the adapter, not itself.
 */
final class HtpTokens {

    static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);

    private record Issued(String userId, Instant expiresAt) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    HtpTokens(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    Duration ttl() {
        return ttl;
    }

    /** Why the signed request is refused, or empty when it is good. */
    Optional<String> refusal(@Nullable String agentId, @Nullable String signature, String deviceId, String timestamp, String userId) {
        if (!SandboxCredentials.HTP_AGENT_ID.equals(agentId)) {
            return Optional.of("Unknown agent");
        }
        if (!timestamp.matches("[0-9]{1,12}")) {
            return Optional.of("Invalid timestamp");
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), clock.instant()).abs();
        if (skew.compareTo(TIMESTAMP_TOLERANCE) > 0) {
            return Optional.of("Timestamp expired");
        }
        String expected = hmac(SandboxCredentials.HTP_AGENT_SECRET, agentId + deviceId + timestamp + userId);
        if (signature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("Invalid signature");
        }
        return Optional.empty();
    }

    String issue(String userId) {
        Instant now = clock.instant();
        issued.values().removeIf(token -> !now.isBefore(token.expiresAt()));
        String token = TransactionIds.next("htp_at_");
        issued.put(token, new Issued(userId, now.plus(ttl)));
        return token;
    }

    /** The user of a valid bearer token, or empty when it is missing, unknown or expired. */
    Optional<String> userOf(@Nullable String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return Optional.empty();
        }
        Issued token = issued.get(authorizationHeader.substring("Bearer ".length()).strip());
        return token != null && clock.instant().isBefore(token.expiresAt()) ? Optional.of(token.userId()) : Optional.empty();
    }

    private static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }
}
