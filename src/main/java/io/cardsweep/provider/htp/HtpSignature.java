package io.cardsweep.provider.htp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTP's {@code X-Signature}: lowercase hex HMAC-SHA256 keyed with the agent secret over
 * {@code agentId + deviceId + timestamp + userId}, concatenated without separators as HTP documents it.
 * Public and static so a test can hold it against the formula computed independently.
 */
public final class HtpSignature {

    private static final String ALGORITHM = "HmacSHA256";

    private HtpSignature() {
    }

    /**
     * @param timestamp unix seconds, exactly as sent in the body's {@code timestamp} string
     * @return 64 lowercase hex characters; a secret, never to be logged
     */
    public static String sign(String agentSecret, String agentId, String deviceId, String timestamp, String userId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(agentSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            byte[] digest = mac.doFinal((agentId + deviceId + timestamp + userId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (GeneralSecurityException ex) {
            // Every Java runtime must provide HmacSHA256, so this means a broken runtime, not bad input.
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", ex);
        }
    }
}
