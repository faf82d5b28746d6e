package io.cardsweep.sandbox;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Nueve09's JSON shapes: one envelope {@code {"success","code","message","data"}} for everything, {@code code} 0
 * for success. Errors come with HTTP 200 and a non-zero code, except authentication (401). The codes are the
 * sandbox's own; Nueve09 does not publish its list, so adapters key on the message, not on these numbers.
 */
final class Nueve09Bodies {

    static final int INVALID_BODY = 1001;
    static final int PIN_REFUSED = 1002;
    static final int UNDECRYPTABLE = 1003;
    static final int INVALID_COORDINATES = 1004;
    static final int INVALID_AMOUNT = 1005;
    static final int CARD_NOT_FOUND = 1006;
    static final int CARD_BLOCKED = 1007;
    static final int INSUFFICIENT_FUNDS = 1008;
    static final int INVALID_STATUS = 1009;
    static final int CARD_ALREADY_CANCELED = 1010;

    private Nueve09Bodies() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Envelope(boolean success, int code, String message, @Nullable Object data) {
    }

    record Operation(String id, String authorizationCode, BigDecimal amount) {
    }

    /** The card is named by its UUID only: a card number never leaves the sandbox in clear. */
    record Card(String id, String status, BigDecimal available) {
    }

    record Account(BigDecimal available) {
    }

    record Withdrawal(Operation operation, Card card, Account account) {
    }

    record Balance(BigDecimal available) {
    }

    record StatusChanged(Card card) {
    }

    static SandboxResponse ok(@Nullable Object data) {
        return new SandboxResponse(200, new Envelope(true, 0, "OK", data));
    }

    /** A refusal: HTTP 200 with {@code success:false}, as Nueve09 answers them. */
    static SandboxResponse refused(int code, String message) {
        return new SandboxResponse(200, new Envelope(false, code, message, null));
    }

    static SandboxResponse unauthorized(String message) {
        return new SandboxResponse(401, new Envelope(false, 401, message, null));
    }
}
