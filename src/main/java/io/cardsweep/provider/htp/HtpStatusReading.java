package io.cardsweep.provider.htp;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One answer of {@code GET /cards/{uuid}/withdraw-status}: the card's latest withdrawal status, or why there
 * was none. A lookup executes nothing, so a failed one only means "ask again".
 *
 * @param status PENDING, PROCESSING, SUCCESS, FAILED or NOT_FOUND (upper case); null when the lookup failed
 * @param envelope the answer, for the transaction id and amounts of a settled withdrawal
 * @param problem why the lookup failed, for the outcome's message; empty when it did not
 * @param retryAfter how long HTP asked us to wait (a 429), zero otherwise
 */
record HtpStatusReading(@Nullable String status, @Nullable HtpEnvelope envelope, String problem, Duration retryAfter) {

    static HtpStatusReading of(String status, HtpEnvelope envelope) {
        return new HtpStatusReading(status, envelope, "", Duration.ZERO);
    }

    static HtpStatusReading failed(String problem) {
        return new HtpStatusReading(null, null, problem, Duration.ZERO);
    }

    static HtpStatusReading rateLimited(String problem, Duration retryAfter) {
        return new HtpStatusReading(null, null, problem, retryAfter);
    }

    boolean is(String wanted) {
        return wanted.equals(status);
    }

    /**
     * Whether this reading is about the withdrawal with that id. HTP reports the card's latest withdrawal only;
     * when both sides carry an id they must match, otherwise (no id to compare) the latest is taken as ours.
     */
    boolean isAbout(@Nullable String withdrawalId) {
        String seen = HtpCreated.withdrawalId(envelope);
        return withdrawalId == null || seen == null || seen.equals(withdrawalId);
    }

    boolean isInProgress() {
        return is("PENDING") || is("PROCESSING");
    }
}
