package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * HTP's JSON shapes. Every answer is the envelope {@code {"trace_id","status_code","message","data"}}, and
 * errors travel as HTTP 200 with the real code in {@code status_code}; only the rate limit uses its HTTP status
 * too, as a gateway in front of HTP would. Amounts are strings with two decimals, as HTP writes them.
 */
final class HtpBodies {

    private HtpBodies() {
    }

    record Envelope(String traceId, int statusCode, String message, @Nullable Object data) {
    }

    record Token(String accessToken, long expiresIn, String userId) {
    }

    record Withdrawal(String id, String sourceCardUuid, String walletAddress, String network, String amount, String fee,
            String status, String createdAt) {
    }

    record WithdrawStatus(String cardUuid, @Nullable String id, String status, @Nullable String amount) {
    }

    record Card(String uuid, String status, String balance, String currency) {
    }

    static SandboxResponse ok(int statusCode, String message, Object data) {
        return new SandboxResponse(200, new Envelope(traceId(), statusCode, message, data));
    }

    /** An error the way HTP sends most of them: HTTP 200, the code in the body. */
    static SandboxResponse error(int statusCode, String message) {
        return new SandboxResponse(200, new Envelope(traceId(), statusCode, message, null));
    }

    static SandboxResponse unauthorized(String message) {
        return error(401, message);
    }

    static SandboxResponse tooManyRequests(long retryAfterSeconds) {
        return new SandboxResponse(429, new Envelope(traceId(), 429, "Too many requests", null))
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    static SandboxResponse routeNotFound(String method, String path) {
        return new SandboxResponse(404, new Envelope(traceId(), 404, "Route not found: " + method + " " + path, null));
    }

    /** Two decimals as HTP writes amounts; a seed with more decimals is shown as is, never rounded. */
    static String money(BigDecimal value) {
        return value.scale() <= 2 ? value.setScale(2, RoundingMode.UNNECESSARY).toPlainString() : value.toPlainString();
    }

    private static String traceId() {
        return UUID.randomUUID().toString();
    }
}
