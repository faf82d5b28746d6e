package io.cardsweep.provider.plu;

import java.math.BigDecimal;

/**
 * Body of {@code POST /v1/partner/card/withdraw}; camelCase as Plu spells it, the amount a plain JSON number
 * (e.g. {@code 12.50}). The reference travels so Plu's webhook can be matched to the ledger row.
 */
record PluWithdrawBody(String serviceCardId, BigDecimal amount, String reference) {
}
