package io.cardsweep.provider.htp;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /card-withdrawals}; HTP wants the amount as a JSON string with two decimals ("50.00"). */
record HtpWithdrawBody(
        @JsonProperty("source_card_uuid") String sourceCardUuid,
        @JsonProperty("wallet_address") String walletAddress,
        @JsonProperty("amount") String amount,
        @JsonProperty("network") String network) {
}
