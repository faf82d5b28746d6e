/**
 * Pacing of provider calls, kept in PostgreSQL so that every pod and CronJob sharing the ledger shares it too:
 * cooldowns between withdrawals on a card (Uncash's 15 minutes), claimed atomically.
 */
@NullMarked
package io.cardsweep.throttle;

import org.jspecify.annotations.NullMarked;
