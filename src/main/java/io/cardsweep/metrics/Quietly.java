package io.cardsweep.metrics;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A meter update never fails what it measures: the meters are updated on the withdrawal threads, after the ledger has
 * taken an outcome or around a provider's call, where an exception would turn a recorded outcome into a failed step. A
 * registry that throws costs one warning per process, and the run goes on with its metrics short.
 */
final class Quietly {

    private static final Logger log = LoggerFactory.getLogger(Quietly.class);
    private static final AtomicBoolean warned = new AtomicBoolean();

    private Quietly() {
    }

    static void update(Runnable update) {
        try {
            update.run();
        }
        catch (RuntimeException ex) {
            if (warned.compareAndSet(false, true)) {
                log.warn("A metric could not be updated ({}); the run goes on, and its metrics may fall short of the ledger.", ex.toString());
            }
        }
    }
}
