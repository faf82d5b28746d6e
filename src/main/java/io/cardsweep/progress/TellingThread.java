package io.cardsweep.progress;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one daemon thread a step's progress is told on: started with the step, and ended with it — not left idle — so
 * that nothing is told after the step and no thread outlives the run.
 */
final class TellingThread {

    static final String NAME = "cardsweep-progress";

    private static final long GRACE_MILLIS = 10_000;

    private final ScheduledThreadPoolExecutor executor;
    private final Thread thread;

    TellingThread() {
        AtomicReference<Thread> started = new AtomicReference<>();
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread daemon = new Thread(task, NAME);
            daemon.setDaemon(true);
            started.set(daemon);
            return daemon;
        });
        executor.prestartCoreThread();
        thread = started.get();
    }

    /** Runs {@code task} every {@code periodMillis}, the first time one period from now. */
    void every(long periodMillis, Runnable task) {
        executor.scheduleAtFixedRate(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Lets a task under way finish, runs no other, and returns once the thread has ended. */
    void end() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
            thread.join(GRACE_MILLIS);
        }
        catch (InterruptedException ex) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
