package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.cardsweep.sandbox.UncashBodies.ZodIssue;
import tools.jackson.databind.JsonNode;

/**
 * Uncash's body validation (a zod schema: number, 1..10000, a multiple of 0.01). Like zod it reports every
 * failed check at once, so {@code 0.001} yields both {@code too_small} and {@code not_multiple_of}.
 */
final class UncashAmountRule {

    static final BigDecimal MINIMUM = BigDecimal.ONE;
    static final BigDecimal MAXIMUM = new BigDecimal("10000");
    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final List<String> PATH = List.of("amount");

    private UncashAmountRule() {
    }

    /** The issues with {@code body.amount}; empty when it is a valid amount. */
    static List<ZodIssue> check(JsonNode body) {
        JsonNode node = body.path("amount");
        if (node.isMissingNode() || node.isNull()) {
            String received = node.isNull() ? "null" : "undefined";
            String message = node.isNull() ? "Expected number, received null" : "Required";
            return List.of(typeIssue(received, message));
        }
        if (!node.isNumber()) {
            String received = receivedType(node);
            return List.of(typeIssue(received, "Expected number, received " + received));
        }
        BigDecimal amount = node.decimalValue();
        List<ZodIssue> issues = new ArrayList<>();
        if (amount.compareTo(MINIMUM) < 0) {
            issues.add(new ZodIssue("too_small", null, null, MINIMUM, null, null, "number", true,
                    "Number must be greater than or equal to 1", PATH));
        }
        if (amount.compareTo(MAXIMUM) > 0) {
            issues.add(new ZodIssue("too_big", null, null, null, MAXIMUM, null, "number", true,
                    "Number must be less than or equal to 10000", PATH));
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            issues.add(new ZodIssue("not_multiple_of", null, null, null, null, CENT, null, null,
                    "Number must be a multiple of 0.01", PATH));
        }
        return List.copyOf(issues);
    }

    private static ZodIssue typeIssue(String received, String message) {
        return new ZodIssue("invalid_type", "number", received, null, null, null, null, null, message, PATH);
    }

    private static String receivedType(JsonNode node) {
        if (node.isString()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isArray() ? "array" : "object";
    }
}
