package io.cardsweep.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL (zonky's binaries) in a data folder that outlives the process, so a run that
 * failed on a laptop can be restarted against the same ledger.
 *
 * <p>A SIGKILLed cardsweep leaves its postmaster running without a parent; the next start finds it
 * through {@code postmaster.pid} and shuts it down first. A postmaster whose parent is alive belongs
 * to another cardsweep that is still running, and sharing the folder with it is refused.
 */
public final class EmbeddedPostgresDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedPostgresDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedPostmaster(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
            log.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), dataDirectory);
            return new EmbeddedPostgresDatabase(postgres);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dataDirectory + ": " + ex.getMessage(), ex);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    public String username() {
        return "postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
        if (postmaster.isEmpty() || !postmaster.get().isAlive()) {
            return; // a stale file: PostgreSQL checks and replaces it itself
        }
        ProcessHandle process = postmaster.get();
        boolean orphaned = process.parent().map(parent -> parent.pid() == 1 || !parent.isAlive()).orElse(true);
        if (!orphaned) {
            throw new IllegalStateException("Another cardsweep is using the embedded database in " + dataDirectory
                    + " (postmaster pid " + process.pid() + "); wait for it to finish, or set spring.datasource.url.");
        }
        log.warn("Stopping the embedded PostgreSQL (pid {}) left behind by a cardsweep that was killed", process.pid());
        process.destroy(); // SIGTERM: PostgreSQL's smart shutdown, quick once its clients are gone
        try {
            process.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            process.destroyForcibly();
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
