package io.cardsweep.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL (zonky's binaries) in a data folder that outlives the process, so a run that
 * failed on a laptop can be restarted against the same ledger.
 *
 * <p>A SIGKILLed cardsweep leaves its postmaster running; the next start finds it through
 * {@code postmaster.pid} and shuts it down first. A folder another live cardsweep is using is refused.
 */
public final class EmbeddedPostgresDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresDatabase.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static EmbeddedPostgresDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedPostmaster(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    // Stopped when the application context closes, not by a JVM shutdown hook of its own: on SIGTERM a
                    // stopping run still writes its last outcomes (GracefulStop closes the context once it has).
                    .setRegisterShutdownHook(false)
                    // zonky starts PostgreSQL for tests: without fsync (-F) and with synchronous commits off. The
                    // ledger's claims must be on disk before the provider is called: a claim lost in a crash would
                    // let the withdrawal be sent again. These settings come after zonky's, so they win.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            log.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), dataDirectory);
            return new EmbeddedPostgresDatabase(postgres, dataDirectory.toAbsolutePath().normalize());
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dataDirectory + ": " + ex.getMessage(), ex);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    /** Where the ledger lives: a run started from elsewhere with another home would not see it. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    public String username() {
        return "postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /**
     * zonky holds a file lock on {@code epg-lock} while its PostgreSQL runs, and the operating system drops it
     * with the process. Getting the lock therefore proves no live cardsweep uses the folder; a postmaster still
     * running there is an orphan, and it is stopped only if its command line names this very folder.
     */
    private static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("Another cardsweep is using the embedded database in " + dataDirectory
                        + "; wait for it to finish, or set spring.datasource.url.");
            }
            List<String> lines = Files.readAllLines(pidFile);
            Optional<ProcessHandle> postmaster = (lines.isEmpty() ? Optional.<Long>empty() : parsePid(lines.get(0)))
                    .flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
            if (postmaster.isEmpty()) {
                return; // a stale file: PostgreSQL checks and replaces it itself
            }
            String commandLine = postmaster.get().info().commandLine().orElse("");
            if (!commandLine.contains("postgres") || !commandLine.contains(dataDirectory.toAbsolutePath().normalize().toString())) {
                log.warn("postmaster.pid in {} names pid {}, which is not its PostgreSQL; removing the stale file", dataDirectory,
                        postmaster.get().pid());
                Files.delete(pidFile);
                return;
            }
            stop(postmaster.get());
        }
    }

    private static void stop(ProcessHandle postmaster) {
        log.warn("Stopping the embedded PostgreSQL (pid {}) left behind by a cardsweep that was killed", postmaster.pid());
        postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown, quick once its clients are gone
        try {
            postmaster.onExit().get(20, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            postmaster.destroyForcibly();
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }
}
