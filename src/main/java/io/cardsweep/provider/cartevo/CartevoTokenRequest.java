package io.cardsweep.provider.cartevo;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /auth/token}. Holds the client key, hence the masked {@code toString}. */
record CartevoTokenRequest(@JsonProperty("client_id") String clientId, @JsonProperty("client_key") String clientKey) {

    @Override
    public String toString() {
        return "CartevoTokenRequest[clientId=" + clientId + ", clientKey=****]";
    }
}
