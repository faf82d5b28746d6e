package io.cardsweep.provider.htp;

import java.time.Duration;

/** How the status follower waits between lookups; a test swaps in one that moves its clock instead of sleeping. */
@FunctionalInterface
interface Pause {

    Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

    void pause(Duration duration) throws InterruptedException;
}
