package io.cardsweep.plan;

import java.time.Duration;

import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderSettings;
import io.cardsweep.throttle.RequestRate;
import org.jspecify.annotations.Nullable;

/**
 * How a run paces its requests to one provider: what the estimate needs to know of the provider's limits and of the
 * requests one withdrawal makes there.
 *
 * @param concurrency withdrawals in flight at once ({@code cardsweep.pacing.concurrency.<provider>})
 * @param onePendingPerUser a create waits until the user's previous withdrawal has settled (HTP); every card of a run
 *        belongs to the one configured user, so withdrawals go one at a time whatever the concurrency
 * @param requestsPerMinute the request budget every request counts against, 0 for none
 * @param cooldown the least time between two withdrawal attempts on a card (or on the account); null for none
 * @param cooldownPerAccount whether one cooldown covers every card of the account
 * @param balanceReadFirst whether every withdrawal attempt reads the card's balance first, a request of its own
 * @param statusLookups requests that follow each withdrawal before the next may start (HTP's status lookup)
 * @param tokenRequests requests made once before the first withdrawal (a token, a login)
 */
public record ProviderPace(int concurrency, boolean onePendingPerUser, int requestsPerMinute, @Nullable Duration cooldown,
        boolean cooldownPerAccount, boolean balanceReadFirst, int statusLookups, int tokenRequests) {

    public ProviderPace {
        if (concurrency < 1 || requestsPerMinute < 0 || statusLookups < 0 || tokenRequests < 0) {
            throw new IllegalArgumentException("concurrency must be positive and the request counts not negative");
        }
        if (cooldown != null && (cooldown.isNegative() || cooldown.isZero())) {
            cooldown = null;
        }
    }

    /**
     * The pace a run keeps with {@code provider} under {@code settings}. What one withdrawal costs in requests is the
     * adapters' behaviour, written down here: Cartevo, Uncash and Nueve09 read the card's balance before each withdrawal
     * (their only record of a withdrawal whose answer was lost); HTP follows each create with its status lookup, and
     * HTP (token), Cartevo (token) and Nueve09 (login) authenticate once first.
     */
    public static ProviderPace of(ProviderName provider, ProviderSettings settings, int concurrency) {
        int requestsPerMinute = settings.requestsPerMinute() == null ? 0 : settings.requestsPerMinute();
        boolean perAccount = "account".equals(settings.cooldownScope());
        return switch (provider) {
            case PLU -> new ProviderPace(concurrency, false, requestsPerMinute, settings.cooldown(), perAccount, false, 0, 0);
            case CARTEVO, NUEVE09 -> new ProviderPace(concurrency, false, requestsPerMinute, settings.cooldown(), perAccount, true, 0, 1);
            case UNCASH -> new ProviderPace(concurrency, false, requestsPerMinute, settings.cooldown(), perAccount, true, 0, 0);
            case HTP -> new ProviderPace(concurrency, true, requestsPerMinute, settings.cooldown(), perAccount, false, 1, 1);
        };
    }

    /** Withdrawals that can really be in flight at once. */
    int inFlight() {
        return onePendingPerUser ? 1 : concurrency;
    }

    /** The least time between two requests, as the run's gate spaces them; zero without a budget. */
    Duration spacing() {
        return requestsPerMinute == 0 ? Duration.ZERO : RequestRate.perMinute(requestsPerMinute).pacedInterval();
    }
}
