/**
 * Pacing of provider calls, kept in PostgreSQL so that every pod and CronJob sharing the ledger shares it too:
 * cooldowns between withdrawals on a card (Uncash's 15 minutes), claimed atomically, and per-provider request-rate
 * limits (HTP's 60 a minute) as Bucket4j token buckets, behind the provider port's {@code RequestGate}.
 */
@NullMarked
package io.cardsweep.throttle;

import org.jspecify.annotations.NullMarked;
