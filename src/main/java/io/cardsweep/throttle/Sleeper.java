package io.cardsweep.throttle;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** How a gate waits for its next token: really in production, recorded (and the clock moved) in tests. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL = wait -> TimeUnit.NANOSECONDS.sleep(wait.toNanos());

    void sleep(Duration wait) throws InterruptedException;
}
