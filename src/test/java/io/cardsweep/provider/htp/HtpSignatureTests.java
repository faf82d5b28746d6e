package io.cardsweep.provider.htp;

import java.nio.charset.StandardCharsets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The signature held against HTP's documented formula, computed here without the production code. */
class HtpSignatureTests {

    static final String SECRET = "agent-secret-for-tests";
    static final String AGENT_ID = "5f0c7f8e-2b7a-4d1e-9c3b-6a2e8d4f1b00";
    static final String DEVICE_ID = "device-7";
    static final String TIMESTAMP = "1772359200";
    static final String USER_ID = "user-42";

    /** {@code printf %s "$agent$device$timestamp$user" | openssl dgst -sha256 -hmac "$secret"}, computed once in a shell. */
    static final String OPENSSL_HEX = "e61671a9a09fa6a58ff43fec8a7b1b1cb0dc4b53e5463d2f35aca805923bd585";

    @Test
    void equalsTheValueOpensslComputesForTheDocumentedMessage() {
        // when
        String signature = HtpSignature.sign(SECRET, AGENT_ID, DEVICE_ID, TIMESTAMP, USER_ID);

        // then
        assertThat(signature).isEqualTo(OPENSSL_HEX);
    }

    @Test
    void equalsHmacSha256OfAgentDeviceTimestampAndUserInLowercaseHex() throws Exception {
        // given
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("another secret ✓".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal("agent-Bdevice-B1700000000user-B".getBytes(StandardCharsets.UTF_8));
        StringBuilder expected = new StringBuilder();
        for (byte b : digest) {
            expected.append(String.format("%02x", b & 0xff));
        }

        // when
        String signature = HtpSignature.sign("another secret ✓", "agent-B", "device-B", "1700000000", "user-B");

        // then
        assertThat(signature).isEqualTo(expected.toString()).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void changesWithEveryPartOfTheMessage() {
        // given
        String base = HtpSignature.sign(SECRET, AGENT_ID, DEVICE_ID, TIMESTAMP, USER_ID);

        // when / then
        assertThat(HtpSignature.sign(SECRET, AGENT_ID, DEVICE_ID, "1772359201", USER_ID)).isNotEqualTo(base);
        assertThat(HtpSignature.sign(SECRET, AGENT_ID, DEVICE_ID, TIMESTAMP, "user-43")).isNotEqualTo(base);
        assertThat(HtpSignature.sign("other", AGENT_ID, DEVICE_ID, TIMESTAMP, USER_ID)).isNotEqualTo(base);
    }
}
