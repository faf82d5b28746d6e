package io.cardsweep.sandbox;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** Cartevo's JSON shapes: a NestJS-style envelope whose {@code statusCode} repeats the HTTP status. */
final class CartevoBodies {

    private CartevoBodies() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Envelope(boolean success, @JsonProperty("statusCode") int statusCode, String message,
            @Nullable Object data, @Nullable String error) {
    }

    record Token(String accessToken, String tokenType, long expiresIn) {
    }

    record Withdrawal(String transactionId, String cardId, BigDecimal amount, String currency, BigDecimal feeAmount,
            BigDecimal cardBalanceBefore, BigDecimal cardBalanceAfter) {
    }

    record Card(String id, String status, BigDecimal balance, String currency) {
    }

    record Termination(String cardId, String cardStatus, boolean refundProcessed, BigDecimal balanceBeforeTermination) {
    }

    static SandboxResponse success(int status, String message, Object data) {
        return new SandboxResponse(status, new Envelope(true, status, message, data, null));
    }

    static SandboxResponse error(int status, String message) {
        return new SandboxResponse(status, new Envelope(false, status, message, null, reason(status)));
    }

    static SandboxResponse unauthorized() {
        return error(401, "Unauthorized");
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            default -> "Internal Server Error";
        };
    }
}
