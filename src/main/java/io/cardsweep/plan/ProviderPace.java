package io.cardsweep.plan;

import java.time.Duration;

import io.cardsweep.job.ProviderThreads;
import io.cardsweep.provider.ProviderName;
import io.cardsweep.provider.ProviderSettings;
import io.cardsweep.throttle.RequestRate;
import org.jspecify.annotations.Nullable;

/**
 * How a run paces its requests to one provider: what the estimate needs to know of the provider's limits and of the
 * requests one withdrawal, and one card's termination, make there.
 *
 * @param concurrency withdrawals in flight at once ({@code cardsweep.pacing.concurrency.<provider>})
 * @param onePendingPerUser a create waits until the user's previous withdrawal has settled (HTP); every card of a run
 *        belongs to the one configured user, so withdrawals go one at a time whatever the concurrency
 * @param requestsPerMinute the request budget every request counts against, 0 for none
 * @param cooldown the least time between two withdrawal attempts on a card (or on the account); null for none. A
 *        termination counts as an attempt (Uncash's close), so it waits for the cooldown the withdrawal started
 * @param cooldownPerAccount whether one cooldown covers every card of the account
 * @param balanceReads which withdrawals read the card's balance first, a request of its own
 * @param statusLookups requests that follow each withdrawal before the next may start (HTP's status lookup)
 * @param tokenRequests requests made once before the first withdrawal (a token, a login)
 * @param terminates whether the provider can terminate a card, one request a card; HTP's cards are left as they are
 */
public record ProviderPace(int concurrency, boolean onePendingPerUser, int requestsPerMinute, @Nullable Duration cooldown,
        boolean cooldownPerAccount, BalanceReads balanceReads, int statusLookups, int tokenRequests, boolean terminates) {

    /** Which withdrawals read the card's balance just before, as the run's withdrawal executor decides. */
    public enum BalanceReads {
        /** None: the provider has no balance to read (Plu), so a whole balance is not withdrawn but swept by terminating the card. */
        NONE,
        /** Only a whole balance's, whose amount the balance is (HTP: every request counts against its 60 a minute). */
        WHOLE_BALANCES,
        /** Every withdrawal attempt's, kept as the provider's only record of a withdrawal in doubt (Cartevo, Uncash, Nueve09). */
        EVERY_ATTEMPT
    }

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
     * adapters' behaviour, written down here (and held against the adapters by a test): Cartevo, Uncash and Nueve09 read
     * the card's balance before each withdrawal (their only record of a withdrawal whose answer was lost), HTP only for a
     * whole balance, Plu never (it has no balance to read); HTP follows each create with its status lookup, and HTP
     * (token), Cartevo (token) and Nueve09 (login) authenticate once first; all but HTP can terminate a card.
     */
    public static ProviderPace of(ProviderName provider, ProviderSettings settings, int concurrency) {
        int requestsPerMinute = settings.requestsPerMinute() == null ? 0 : settings.requestsPerMinute();
        boolean perAccount = "account".equals(settings.cooldownScope());
        Duration cooldown = settings.cooldown();
        return switch (provider) {
            case PLU -> new ProviderPace(concurrency, false, requestsPerMinute, cooldown, perAccount, BalanceReads.NONE, 0, 0, true);
            case CARTEVO, NUEVE09 -> new ProviderPace(concurrency, false, requestsPerMinute, cooldown, perAccount, BalanceReads.EVERY_ATTEMPT, 0, 1,
                    true);
            case UNCASH -> new ProviderPace(concurrency, false, requestsPerMinute, cooldown, perAccount, BalanceReads.EVERY_ATTEMPT, 0, 0, true);
            case HTP -> new ProviderPace(concurrency, true, requestsPerMinute, cooldown, perAccount, BalanceReads.WHOLE_BALANCES, 1, 1, false);
        };
    }

    /** Whether every withdrawal attempt reads the card's balance first. */
    boolean balanceReadFirst() {
        return balanceReads == BalanceReads.EVERY_ATTEMPT;
    }

    /** Withdrawals that can really be in flight at once. */
    int inFlight() {
        return onePendingPerUser ? 1 : concurrency;
    }

    /** The threads its withdrawals run on, as the run sizes them ({@link ProviderThreads}). */
    int threads() {
        return ProviderThreads.THREADS_PER_TURN * concurrency;
    }

    /** The least time between two requests, as the run's gate spaces them; zero without a budget. */
    Duration spacing() {
        return requestsPerMinute == 0 ? Duration.ZERO : RequestRate.perMinute(requestsPerMinute).pacedInterval();
    }
}
