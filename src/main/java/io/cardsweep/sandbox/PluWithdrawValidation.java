package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Plu's body validation for {@code POST /v1/partner/card/withdraw}: {@code serviceCardId} text, {@code amount} a
 * number 5..10000, {@code reference} text of 1..256 characters. Like a class-validator backend it reports every
 * failed field at once, which Plu answers with 422.
 */
final class PluWithdrawValidation {

    static final BigDecimal MINIMUM = new BigDecimal("5");
    static final BigDecimal MAXIMUM = new BigDecimal("10000");
    static final int REFERENCE_MAX = 256;

    private PluWithdrawValidation() {
    }

    /** What is wrong with {@code body}; empty when it is a valid withdrawal. */
    static List<String> issues(JsonNode body) {
        List<String> issues = new ArrayList<>();
        JsonNode card = body.path("serviceCardId");
        if (!card.isString() || card.asString().isBlank()) {
            issues.add("serviceCardId must be a non-empty string");
        }
        JsonNode amount = body.path("amount");
        if (!amount.isNumber()) {
            issues.add("amount must be a number");
        } else if (amount.decimalValue().compareTo(MINIMUM) < 0) {
            issues.add("amount must not be less than 5");
        } else if (amount.decimalValue().compareTo(MAXIMUM) > 0) {
            issues.add("amount must not be greater than 10000");
        }
        JsonNode reference = body.path("reference");
        if (!reference.isString() || reference.asString().isEmpty()) {
            issues.add("reference should not be empty");
        } else if (reference.asString().codePointCount(0, reference.asString().length()) > REFERENCE_MAX) {
            issues.add("reference must be shorter than or equal to 256 characters");
        }
        return List.copyOf(issues);
    }
}
