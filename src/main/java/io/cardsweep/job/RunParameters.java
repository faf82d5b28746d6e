package io.cardsweep.job;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The job parameters of a run. Identifying: the job definition, the input's path and its SHA-256 (and the shard,
 * when a run is split across pods) —
 * stable business values and no incrementer, so the same command restarts the same run, and a
 * changed file is a new run. The report path and the time budget for deferred withdrawals are not
 * identifying: they may change between attempts.
 */
public record RunParameters(String definition, Path input, String inputSha256, Path report, @Nullable Duration maxWait, Shard shard) {

    public static final String DEFINITION = "definition";
    public static final String INPUT = "input";
    public static final String INPUT_SHA256 = "input.sha256";
    public static final String REPORT = "report";
    public static final String MAX_WAIT = "max-wait";

    public static final String SHARD = "shard";

    public RunParameters(String definition, Path input, String inputSha256, Path report) {
        this(definition, input, inputSha256, report, null, Shard.WHOLE);
    }

    /**
     * The run's identity as one stable string (job name and identifying parameters in a fixed order), for
     * locks that must mean the same thing in every process.
     */
    public String identity(String jobName) {
        return String.join("\u0000", jobName, definition, input.toAbsolutePath().normalize().toString(), inputSha256, shard.toString());
    }

    /** The input's SHA-256 in hex: part of the run's identity, so an edited file is a new run. */
    public static String sha256(Path input) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(input), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
        }
    }

    public JobParameters toJobParameters() {
        JobParametersBuilder builder = new JobParametersBuilder();
        if (maxWait != null) {
            builder.addString(MAX_WAIT, maxWait.toString(), false);
        }
        if (!shard.isWhole()) {
            // Identifying: each shard is a run of its own, with its own restart state.
            builder.addString(SHARD, shard.toString(), true);
        }
        return builder
                .addString(DEFINITION, definition, true)
                .addString(INPUT, input.toAbsolutePath().normalize().toString(), true)
                .addString(INPUT_SHA256, inputSha256, true)
                .addString(REPORT, report.toAbsolutePath().normalize().toString(), false)
                .toJobParameters();
    }
}
