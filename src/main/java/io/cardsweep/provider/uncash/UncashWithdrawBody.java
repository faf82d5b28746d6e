package io.cardsweep.provider.uncash;

import java.math.BigDecimal;

/** Body of {@code POST /cards/{id}/withdraw}; the amount is written as a plain JSON number, e.g. {@code 12.50}. */
record UncashWithdrawBody(BigDecimal amount) {
}
