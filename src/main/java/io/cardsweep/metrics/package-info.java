/**
 * What a run tells Prometheus: its withdrawals' outcomes and amounts, provider call latency, time spent waiting on the
 * providers' limits, and how the run ended, pushed once to a Pushgateway when the run's outcome is known (a CronJob pod
 * lives too briefly to be scraped). Labels stay bounded: never an instruction, a card or an amount.
 */
@NullMarked
package io.cardsweep.metrics;

import org.jspecify.annotations.NullMarked;
