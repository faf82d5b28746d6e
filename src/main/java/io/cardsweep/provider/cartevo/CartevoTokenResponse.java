package io.cardsweep.provider.cartevo;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** Answer of {@code POST /auth/token}; fields may be missing in a malformed answer, so all are nullable. */
record CartevoTokenResponse(
        @JsonProperty("access_token") @Nullable String accessToken,
        @JsonProperty("token_type") @Nullable String tokenType,
        @JsonProperty("expires_in") @Nullable Long expiresIn) {

    @Override
    public String toString() {
        return "CartevoTokenResponse[accessToken=****, tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
