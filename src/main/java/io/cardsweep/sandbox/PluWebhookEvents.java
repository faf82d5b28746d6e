package io.cardsweep.sandbox;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cardsweep.provider.ProviderName;

/**
 * The {@code wallet.deposit.card-withdrawal} webhook events Plu would have sent for the withdrawals it executed, in the
 * documented envelope, as a partner's export of received events lists them ({@code GET /_sandbox/plu/webhook-events},
 * JSON Lines). Plu publishes no fee; the sandbox keeps a flat {@link #FEE} from each withdrawal, so the events carry a
 * fee and a net amount for reconciliation to fill in.
 */
final class PluWebhookEvents {

    static final BigDecimal FEE = new BigDecimal("0.50");

    private PluWebhookEvents() {
    }

    static List<Map<String, Object>> of(List<ExecutedWithdrawal> executed) {
        return executed.stream().filter(w -> w.provider().equals(ProviderName.PLU.id())).map(PluWebhookEvents::event).toList();
    }

    private static Map<String, Object> event(ExecutedWithdrawal withdrawal) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serviceCardId", withdrawal.cardId());
        data.put("serviceTransactionId", withdrawal.transactionId());
        data.put("amount", withdrawal.amount());
        data.put("fee", FEE);
        data.put("netAmount", withdrawal.amount().subtract(FEE));
        data.put("currency", "USD");
        data.put("reference", withdrawal.reference());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "wallet.deposit.card-withdrawal");
        event.put("timestamp", withdrawal.executedAt().toString());
        event.put("data", data);
        return event;
    }
}
