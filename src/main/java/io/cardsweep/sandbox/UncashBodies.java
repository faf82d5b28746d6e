package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Uncash's JSON shapes. Errors carry no code, only a message and a timestamp (plus zod issues for
 * validation), which is why the adapter must classify by message and why the sandbox keeps them verbatim.
 */
final class UncashBodies {

    private UncashBodies() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Success(boolean success, @Nullable String message, Object data) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Failure(boolean success, String message, @Nullable List<ZodIssue> error, String timestamp) {
    }

    record Withdrawal(String cardId, String transactionId, String invoiceId, BigDecimal walletBalance,
            BigDecimal newCardBalance, BigDecimal amountWithdrawn) {
    }

    record Card(String id, String status, BigDecimal balance) {
    }

    /** A close's answer, which Uncash does not document: the sandbox's guess, shaped like a withdrawal's. */
    record Closed(String cardId, String status, BigDecimal amountWithdrawn, BigDecimal walletBalance) {
    }

    /** One zod validation issue, as Uncash's backend returns them; absent fields are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ZodIssue(String code, @Nullable String expected, @Nullable String received, @Nullable BigDecimal minimum,
            @Nullable BigDecimal maximum, @JsonProperty("multipleOf") @Nullable BigDecimal multipleOf,
            @Nullable String type, @Nullable Boolean inclusive, String message, List<String> path) {
    }

    static SandboxResponse failure(Clock clock, int status, String message) {
        return new SandboxResponse(status, new Failure(false, message, null, timestamp(clock)));
    }

    /** Millisecond precision, as the JavaScript backend behind Uncash prints it. */
    private static String timestamp(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static SandboxResponse invalidInput(Clock clock, List<ZodIssue> issues) {
        return new SandboxResponse(400, new Failure(false, "Invalid input data", issues, timestamp(clock)));
    }
}
