package io.cardsweep.provider.htp;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /connect/token}; the timestamp is unix seconds written as a JSON string, as HTP documents. */
record HtpTokenRequest(
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("user_id") String userId) {
}
