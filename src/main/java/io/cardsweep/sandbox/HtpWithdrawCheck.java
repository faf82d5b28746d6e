package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * HTP's validation of a withdrawal body, before any card is looked at: the amount a JSON string holding a decimal
 * with at most two places and above the fee, a known network, and a wallet address of that network's format.
 */
final class HtpWithdrawCheck {

    private static final Pattern AMOUNT = Pattern.compile("[0-9]+(\\.[0-9]{1,2})?");
    private static final Map<String, Pattern> ADDRESSES = Map.of(
            "TRC20", Pattern.compile("T[1-9A-HJ-NP-Za-km-z]{33}"),
            "ERC20", Pattern.compile("0x[0-9a-fA-F]{40}"));

    private HtpWithdrawCheck() {
    }

    /** What is wrong with the body, as HTP would say it; null when nothing is. */
    static @Nullable String problem(JsonNode body, BigDecimal fee) {
        if (!body.path("source_card_uuid").isString() || body.path("source_card_uuid").asString().isBlank()) {
            return "source_card_uuid is required";
        }
        JsonNode amount = body.path("amount");
        if (!amount.isString() || !AMOUNT.matcher(amount.asString()).matches()) {
            return "amount must be a string holding a decimal with at most 2 places, such as \"50.00\"";
        }
        if (new BigDecimal(amount.asString()).compareTo(fee) <= 0) {
            return "Amount must be greater than the fee of " + fee.toPlainString();
        }
        String network = body.path("network").isString() ? body.path("network").asString() : "";
        Pattern address = ADDRESSES.get(network);
        if (address == null) {
            return "network must be TRC20 or ERC20";
        }
        JsonNode wallet = body.path("wallet_address");
        if (!wallet.isString() || !address.matcher(wallet.asString()).matches()) {
            return "Invalid wallet address for network " + network;
        }
        return null;
    }
}
