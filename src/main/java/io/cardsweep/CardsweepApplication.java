package io.cardsweep;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: {@code sandbox} runs the provider simulators; every other command runs inside Spring Boot. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CardsweepApplication {

    public static void main(String[] args) {
        asyncCompletionsOnAPool();
        if (args.length > 0 && args[0].equals("sandbox")) {
            io.cardsweep.sandbox.SandboxCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(io.cardsweep.cli.Cli.run(args));
    }

    /**
     * On a machine with two cores or fewer, the JDK's common pool has one thread, and {@code CompletableFuture}
     * then runs every async completion on a thread of its own — the JDK HTTP client does one per request. A
     * common pool of at least two threads makes those completions reuse pooled threads. Set before anything
     * touches the common pool; an explicit {@code -D} setting is left alone.
     */
    static void asyncCompletionsOnAPool() {
        String parallelism = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(parallelism) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(parallelism, "2");
        }
    }
}
