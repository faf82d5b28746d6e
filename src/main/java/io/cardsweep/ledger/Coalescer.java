package io.cardsweep.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Group commit for ledger writes: threads that want the same kind of write at the same moment share one statement.
 * A caller queues its input; if no other caller is writing, it becomes the writer and writes everything queued so far
 * as one batch, so while one batch is in PostgreSQL the next one gathers. Nobody waits for company: a lone caller
 * writes alone, at once. Every caller returns only once its own input is written (committed) or has failed.
 * <p>
 * Callers wait parked on their own input, and the writer wakes each caller it answered directly, all at once, and one
 * caller still waiting to become the next writer: answered callers are never woken one after another through a lock
 * (each handing it to the next), which on a busy machine costs a thread switch per caller in a row.
 * <p>
 * A batch refused for its data (a constraint, a value) is written again one input at a time, so one bad input fails
 * only its own caller; any other failure (the database unreachable) fails the whole batch at once, rather than
 * trying each input against a database that is not there.
 *
 * @param <I> what one caller writes
 * @param <R> what the write says back to that caller
 */
final class Coalescer<I, R> {

    /** Writes inputs as one statement and answers each, in the same order. */
    interface BatchWriter<I, R> {
        List<R> write(List<I> inputs);
    }

    private final BatchWriter<I, R> batch;
    private final Function<I, R> single;
    private final Predicate<RuntimeException> refusedForItsData;
    private final int maxBatch;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Slot<I, R>> queue = new ConcurrentLinkedQueue<>();

    Coalescer(BatchWriter<I, R> batch, Function<I, R> single, Predicate<RuntimeException> refusedForItsData, int maxBatch) {
        this.batch = batch;
        this.single = single;
        this.refusedForItsData = refusedForItsData;
        this.maxBatch = maxBatch;
    }

    R submit(I input) {
        Slot<I, R> mine = new Slot<>(input, Thread.currentThread());
        queue.add(mine);
        boolean interrupted = false;
        while (!mine.done) {
            if (writing.compareAndSet(false, true)) {
                try {
                    while (!mine.done) {
                        writeQueued();
                    }
                }
                catch (RuntimeException | Error ex) {
                    // Still queued (behind a full batch)? Then it is taken back while this caller still writes, so that
                    // no later writer sends an input whose caller has gone.
                    queue.remove(mine);
                    throw ex;
                }
                finally {
                    writing.set(false);
                    // A caller that queued while this one wrote, and saw it writing, is parked: it writes next.
                    Slot<I, R> next = queue.peek();
                    if (next != null) {
                        LockSupport.unpark(next.caller);
                    }
                }
            }
            else {
                LockSupport.park(this);
                // An interrupt cannot take the input back (it may be being written): noted, and kept for after.
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return mine.result();
    }

    private void writeQueued() {
        List<Slot<I, R>> slots = new ArrayList<>();
        try {
            for (Slot<I, R> slot = queue.poll(); slot != null; slot = slots.size() < maxBatch ? queue.poll() : null) {
                slots.add(slot);
            }
            write(slots);
        }
        catch (RuntimeException | Error ex) {
            // Nobody may be left waiting for an answer that will never come.
            RuntimeException failure = ex instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex);
            slots.stream().filter(slot -> !slot.done).forEach(slot -> slot.fail(failure));
            throw ex;
        }
    }

    private void write(List<Slot<I, R>> slots) {
        if (slots.isEmpty()) {
            return;
        }
        if (slots.size() == 1) {
            writeAlone(slots.get(0));
            return;
        }
        List<R> results;
        try {
            results = batch.write(slots.stream().map(slot -> slot.input).toList());
        }
        catch (RuntimeException ex) {
            if (refusedForItsData.test(ex)) {
                slots.forEach(this::writeAlone);
            }
            else {
                slots.forEach(slot -> slot.fail(ex));
            }
            return;
        }
        for (int i = 0; i < slots.size(); i++) {
            slots.get(i).succeed(results.get(i));
        }
    }

    private void writeAlone(Slot<I, R> slot) {
        try {
            slot.succeed(single.apply(slot.input));
        }
        catch (RuntimeException ex) {
            slot.fail(ex);
        }
    }

    /**
     * One caller's input and, once written, its answer. The writer sets the answer, then {@code done} (which publishes
     * it to the caller), then wakes the caller.
     */
    private static final class Slot<I, R> {

        final I input;
        final Thread caller;
        volatile boolean done;
        @Nullable R result;
        @Nullable RuntimeException failure;

        Slot(I input, Thread caller) {
            this.input = input;
            this.caller = caller;
        }

        void succeed(R result) {
            this.result = result;
            answered();
        }

        void fail(RuntimeException failure) {
            this.failure = failure;
            answered();
        }

        private void answered() {
            this.done = true;
            if (caller != Thread.currentThread()) {
                LockSupport.unpark(caller);
            }
        }

        R result() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
