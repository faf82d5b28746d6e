package io.cardsweep.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.cardsweep.provider.ProviderName;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running sandbox: the provider simulators behind one HTTP server on 127.0.0.1. Tests start it in
 * process; the {@code sandbox} command starts it as its own process so that killing a job never wipes the
 * provider's memory of what it executed.
 */
public final class SandboxServer implements AutoCloseable {

    /** Threads that send answers due later (latency, hanging faults); sending takes microseconds. */
    private static final int ANSWER_THREADS = 2;
    private static final String HOST = "127.0.0.1";

    private final HttpServer http;
    private final ScheduledExecutorService later;
    private final SimulatorRegistry simulators;
    private final WithdrawalJournal journal;
    private final TerminationJournal terminations;

    private final SandboxStats stats;

    private final String nueve09PublicKey;

    private SandboxServer(HttpServer http, ScheduledExecutorService later, SimulatorRegistry simulators,
            WithdrawalJournal journal, TerminationJournal terminations, SandboxStats stats, String nueve09PublicKey) {
        this.terminations = terminations;
        this.nueve09PublicKey = nueve09PublicKey;
        this.http = http;
        this.later = later;
        this.simulators = simulators;
        this.journal = journal;
        this.stats = stats;
    }

    /**
     * Seeds the cards and starts serving.
     *
     * @throws UncheckedIOException if the cards file cannot be read or the port cannot be bound
     * @throws IllegalArgumentException if the cards file is malformed
     */
    public static SandboxServer start(SandboxOptions options) {
        answerWithoutNagleDelay();
        CardBook cards = options.cards() == null ? CardBook.empty() : CardSeedFile.read(options.cards());
        JsonMapper json = SandboxJson.mapper();
        WithdrawalJournal journal = new WithdrawalJournal();
        TerminationJournal terminations = new TerminationJournal();
        SandboxStats stats = new SandboxStats(options.clock());
        Nueve09Keys nueve09Keys = Nueve09Keys.generate();
        SimulatorRegistry simulators = SimulatorRegistry.create(options, cards, journal, terminations, stats, json, nueve09Keys);
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(HOST, options.port()), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + HOST + ":" + options.port() + ": " + e.getMessage(), e);
        }
        ScheduledExecutorService later = Executors.newScheduledThreadPool(ANSWER_THREADS, daemonThreads());
        SandboxFaults faults = new SandboxFaults(options.faults(), options.faultSeed());
        http.createContext("/", new SandboxRouter(simulators, journal, terminations, stats, json, options.latency(), nueve09Keys.publicKey(),
                faults, later));
        // Requests are handled on the server's own thread: handing each exchange to another thread would cost more than
        // handling it, and nothing waits there (answers due later are sent by the scheduler).
        http.setExecutor(Runnable::run);
        http.start();
        return new SandboxServer(http, later, simulators, journal, terminations, stats, nueve09Keys.publicKey());
    }

    /**
     * The JDK's HTTP server writes a response's headers and its body separately; with Nagle's algorithm on, the body
     * waits for the client's delayed acknowledgement of the headers — about 40 ms per answer, which would make a
     * "zero-latency" sandbox slower than many real providers. The server reads this switch once, when it is first
     * used, so it is set before any server is created.
     */
    private static void answerWithoutNagleDelay() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /**
     * The public key, Base64 of its X.509 DER, that this sandbox's Nueve09 decrypts card numbers with the private half
     * of. Made fresh at every start, like a provider rotating keys, so a client reads it rather than hard-coding it;
     * also served at {@code GET /_sandbox/nueve09/public-key}.
     */
    public String nueve09PublicKey() {
        return nueve09PublicKey;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /**
     * The base URL an adapter is configured with to talk to this sandbox instead of the real provider.
     *
     * @throws IllegalArgumentException for a provider that has no simulator yet
     */
    public URI baseUrl(ProviderName provider) {
        ProviderSimulator simulator = simulators.forProvider(provider)
                .orElseThrow(() -> new IllegalArgumentException("the sandbox does not simulate " + provider + " yet"));
        return URI.create("http://" + HOST + ":" + port() + simulator.basePath());
    }

    /** What the providers executed so far, in execution order: the truth a ledger is checked against. */
    public List<ExecutedWithdrawal> executedWithdrawals() {
        return journal.snapshot();
    }

    /**
     * What the providers' terminations executed so far, in execution order, with what each took off its card: the
     * truth a termination sweep's ledger is checked against; also served at {@code GET /_sandbox/terminations}.
     */
    public List<ExecutedTermination> executedTerminations() {
        return terminations.snapshot();
    }

    /** Requests received and limit violations answered, per provider: what {@code GET /_sandbox/stats} serves. */
    public Map<String, SandboxStats.ProviderStats> stats() {
        return stats.snapshot();
    }

    @Override
    public void close() {
        http.stop(0);
        later.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sandbox-answer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
