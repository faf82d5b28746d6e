package io.cardsweep.provider.nueve09;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /auth/login}: {@code {"api_client":{"api_key","password"}}}. Holds secrets, hence the masked {@code toString}. */
record Nueve09LoginRequest(@JsonProperty("api_client") ApiClient apiClient) {

    static Nueve09LoginRequest of(String apiKey, String password) {
        return new Nueve09LoginRequest(new ApiClient(apiKey, password));
    }

    record ApiClient(@JsonProperty("api_key") String apiKey, @JsonProperty("password") String password) {

        @Override
        public String toString() {
            return "ApiClient[apiKey=****, password=****]";
        }
    }
}
