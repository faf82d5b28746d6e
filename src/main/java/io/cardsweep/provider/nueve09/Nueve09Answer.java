package io.cardsweep.provider.nueve09;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Nueve09's envelope {@code {"success","code","message","data"}}, for successes and errors alike: {@code code} 0
 * means done, anything else is an error whatever the HTTP status. Every field is nullable so that a body which is
 * not this shape reads as "not Nueve09's" instead of failing.
 */
record Nueve09Answer(@Nullable Boolean success, @Nullable Integer code, @Nullable String message, @Nullable Data data) {

    record Data(@Nullable Operation operation, @Nullable Card card, @Nullable Account account) {
    }

    /** {@code amount} is what the operation moved; Nueve09 documents no fee. */
    record Operation(@Nullable String id, @JsonProperty("authorization_code") @Nullable String authorizationCode,
            @Nullable BigDecimal amount) {

        @Nullable String transactionId() {
            return id != null && !id.isBlank() ? id : authorizationCode != null && !authorizationCode.isBlank() ? authorizationCode : null;
        }
    }

    /** The card after the operation; Nueve09 names its balance {@code available} on balance reads, older bodies {@code balance}. */
    record Card(@Nullable BigDecimal available, @Nullable BigDecimal balance) {

        @Nullable BigDecimal balanceAfter() {
            return available != null ? available : balance;
        }
    }

    /** The client's collection account; read but not kept, the ledger tracks cards. */
    record Account(@Nullable BigDecimal available, @Nullable BigDecimal balance) {
    }

    /** Nueve09's own shape (a boolean and a code), as opposed to a proxy's or a web server's error page. */
    boolean isEnvelope() {
        return success != null && code != null;
    }

    boolean isDone() {
        return Boolean.TRUE.equals(success) && code != null && code == 0;
    }

    String text() {
        return message == null ? "" : message;
    }
}
