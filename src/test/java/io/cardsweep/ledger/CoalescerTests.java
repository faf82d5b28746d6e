package io.cardsweep.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoalescerTests {

    final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    final List<Integer> singles = new CopyOnWriteArrayList<>();

    @Test
    void aLoneCallerWritesAloneAndAtOnce() {
        Coalescer<Integer, String> coalescer = new Coalescer<>(this::batch, this::single, ex -> true, 8);

        assertThat(coalescer.submit(7)).isEqualTo("single 7");
        assertThat(batches).isEmpty();
    }

    @Test
    void callersArrivingWhileAWriteIsUnderWayShareTheNextStatementAndEachGetsItsOwnAnswer() throws Exception {
        // given a write that holds the writer until eight more callers have queued behind it
        CountDownLatch queued = new CountDownLatch(1);
        Coalescer<Integer, String> coalescer = new Coalescer<>(this::batch, input -> {
            if (input == 0) {
                await(queued);
            }
            return single(input);
        }, ex -> true, 64);
        ExecutorService threads = Executors.newFixedThreadPool(9);
        Future<String> first = threads.submit(() -> coalescer.submit(0));
        Thread.sleep(100);
        List<Callable<String>> callers = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            int input = i;
            callers.add(() -> coalescer.submit(input));
        }
        List<Future<String>> answers = new ArrayList<>();
        callers.forEach(caller -> answers.add(threads.submit(caller)));
        Thread.sleep(200);

        // when the first write finishes
        queued.countDown();

        // then the eight were written as one batch, and each caller got the answer for its own input
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("single 0");
        for (int i = 0; i < 8; i++) {
            assertThat(answers.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("batch " + (i + 1));
        }
        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        threads.shutdown();
    }

    @Test
    void aBatchThatFailsIsWrittenOneByOneSoOnlyTheBadInputFails() throws Exception {
        // given a batch writer that refuses any batch holding 13, and a single writer that refuses 13 alone
        CountDownLatch queued = new CountDownLatch(1);
        Coalescer<Integer, String> coalescer = new Coalescer<>(inputs -> {
            if (inputs.contains(13)) {
                throw new IllegalStateException("13 is not IN_FLIGHT");
            }
            return batch(inputs);
        }, input -> {
            if (input == 0) {
                await(queued);
            }
            if (input == 13) {
                throw new IllegalStateException("13 is not IN_FLIGHT");
            }
            return single(input);
        }, ex -> ex instanceof IllegalStateException, 64);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        threads.submit(() -> coalescer.submit(0));
        Thread.sleep(100);
        Future<String> twelve = threads.submit(() -> coalescer.submit(12));
        Future<String> thirteen = threads.submit(() -> coalescer.submit(13));
        Future<String> fourteen = threads.submit(() -> coalescer.submit(14));
        Thread.sleep(200);

        // when
        queued.countDown();

        // then
        assertThat(twelve.get(5, TimeUnit.SECONDS)).isEqualTo("single 12");
        assertThat(fourteen.get(5, TimeUnit.SECONDS)).isEqualTo("single 14");
        assertThatThrownBy(() -> thirteen.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("13 is not IN_FLIGHT");
        threads.shutdown();
    }

    @Test
    void neverWritesMoreThanTheLargestBatch() throws Exception {
        CountDownLatch queued = new CountDownLatch(1);
        Coalescer<Integer, String> coalescer = new Coalescer<>(this::batch, input -> {
            if (input == 0) {
                await(queued);
            }
            return single(input);
        }, ex -> true, 3);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        threads.submit(() -> coalescer.submit(0));
        Thread.sleep(100);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            int input = i;
            answers.add(threads.submit(() -> coalescer.submit(input)));
        }
        Thread.sleep(200);

        queued.countDown();

        for (Future<String> answer : answers) {
            assertThat(answer.get(5, TimeUnit.SECONDS)).isNotNull();
        }
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(3)).anySatisfy(batch -> assertThat(batch).hasSize(3));
        assertThat(batches.stream().mapToInt(List::size).sum() + singles.size()).isEqualTo(8);
        threads.shutdown();
    }

    @Test
    void aBatchThatFailsForAnyOtherReasonFailsEveryCallerAtOnceWithoutTryingEachAlone() throws Exception {
        // given a database gone away: the batch fails, and so would every single write, each after its own timeout
        CountDownLatch queued = new CountDownLatch(1);
        Coalescer<Integer, String> coalescer = new Coalescer<>(inputs -> {
            throw new IllegalArgumentException("connection refused");
        }, input -> {
            if (input == 0) {
                await(queued);
                return single(input);
            }
            throw new AssertionError("written alone after a batch failed for no reason of its data: " + input);
        }, ex -> ex instanceof IllegalStateException, 64);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        threads.submit(() -> coalescer.submit(0));
        Thread.sleep(100);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int input = i;
            answers.add(threads.submit(() -> coalescer.submit(input)));
        }
        Thread.sleep(200);

        // when
        queued.countDown();

        // then
        for (Future<String> answer : answers) {
            assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("connection refused");
        }
        threads.shutdown();
    }

    @Test
    void everyCallerGetsItsOwnAnswerAndNoneIsLeftWaitingUnderContention() throws Exception {
        // given sixteen threads submitting twenty thousand inputs between them, as fast as they can
        Coalescer<Integer, String> coalescer = new Coalescer<>(this::batch, this::single, ex -> true, 8);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int first = t * 1250;
            workers.add(threads.submit(() -> {
                int right = 0;
                for (int input = first; input < first + 1250; input++) {
                    String answer = coalescer.submit(input);
                    right += answer.equals("batch " + input) || answer.equals("single " + input) ? 1 : 0;
                }
                return right;
            }));
        }

        // then every answer was its caller's, every input was written exactly once, and nobody hung
        int right = 0;
        for (Future<Integer> worker : workers) {
            right += worker.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertThat(right).isEqualTo(20_000);
        List<Integer> written = new ArrayList<>(singles);
        batches.forEach(written::addAll);
        assertThat(written).hasSize(20_000).doesNotHaveDuplicates();
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(8));
    }

    @Test
    void aCallerInterruptedWhileItsInputWaitsStillGetsItsAnswerAndKeepsTheInterrupt() throws Exception {
        // given a write in progress, and a second caller parked behind it
        CountDownLatch queued = new CountDownLatch(1);
        Coalescer<Integer, String> coalescer = new Coalescer<>(this::batch, input -> {
            if (input == 0) {
                await(queued);
            }
            return single(input);
        }, ex -> true, 8);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        threads.submit(() -> coalescer.submit(0));
        Thread.sleep(100);
        Thread[] second = new Thread[1];
        Future<String> answer = threads.submit(() -> {
            second[0] = Thread.currentThread();
            String result = coalescer.submit(1);
            return result + (Thread.currentThread().isInterrupted() ? " (interrupted)" : "");
        });
        Thread.sleep(100);

        // when it is interrupted, then the write ahead of it finishes
        second[0].interrupt();
        Thread.sleep(100);
        queued.countDown();

        // then its input was written once, it got its own answer, and its interrupt is still there for its caller
        assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("single 1 (interrupted)");
        assertThat(singles).containsExactly(0, 1);
        threads.shutdown();
    }

    private List<String> batch(List<Integer> inputs) {
        batches.add(List.copyOf(inputs));
        return inputs.stream().map(i -> "batch " + i).toList();
    }

    private String single(Integer input) {
        singles.add(input);
        return "single " + input;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
