package io.cardsweep.sandbox;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * {@code cardsweep sandbox [--port N] [--cards FILE] …}: serves the provider simulators until the process is
 * killed. It prints a fixed "ready" line because the tests and the quickstart start it as a separate
 * process and wait for exactly that line before sending requests.
 */
public final class SandboxCommand {

    static final int EXIT_USAGE = 2;
    static final int EXIT_CANNOT_START = 1;

    private SandboxCommand() {
    }

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(SandboxArguments.USAGE);
            return;
        }
        SandboxOptions options;
        try {
            options = SandboxArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("cardsweep sandbox: " + e.getMessage() + "; " + SandboxArguments.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        SandboxServer server;
        try {
            server = SandboxServer.start(options);
        } catch (IllegalArgumentException e) {
            System.err.println("cardsweep sandbox: " + e.getMessage());
            System.exit(EXIT_USAGE);
            return;
        } catch (UncheckedIOException e) {
            System.err.println("cardsweep sandbox: " + e.getMessage());
            System.exit(EXIT_CANNOT_START);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sandbox-shutdown"));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("SANDBOX — no real money moves");
        out.println("cardsweep sandbox ready on http://127.0.0.1:" + server.port());
        out.flush();
        awaitKill();
    }

    /** The server's threads are daemons, so the main thread is what keeps the process alive. */
    private static void awaitKill() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
