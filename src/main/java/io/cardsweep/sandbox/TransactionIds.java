package io.cardsweep.sandbox;

import java.util.Locale;
import java.util.UUID;

/**
 * Provider-flavoured ids ({@code ctv_tx_…}, {@code unc_tx_…}) so that a sandbox id pasted into a report or a
 * log shows at once which simulator issued it. Random UUIDs make them unique across restarts too.
 */
final class TransactionIds {

    private TransactionIds() {
    }

    static String next(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    }
}
