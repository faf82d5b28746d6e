package io.cardsweep.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.cardsweep.instruction.TableSource;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The job parameters of a run. Identifying: the job definition, the source — an input file's path and SHA-256, or a
 * table source's description and its hash — the run date, and the shard when a run is split across pods: stable
 * business values and no incrementer, so the same command restarts the same run, a changed file is a new run, and so
 * is the next night's run of a table. A table's contents are not part of it: a table changes while a run is under way,
 * and the instruction keys already make a row that another run executed a {@code DUPLICATE}. The report path and the
 * time budget for deferred withdrawals are not identifying: they may change between attempts.
 */
public record RunParameters(String definition, Source source, LocalDate runDate, Path report, @Nullable Duration maxWait, Shard shard) {

    public static final String DEFINITION = "definition";
    public static final String INPUT = "input";
    public static final String INPUT_SHA256 = "input.sha256";
    public static final String SOURCE = "source";
    public static final String SOURCE_SHA256 = "source.sha256";
    public static final String RUN_DATE = "run-date";
    public static final String REPORT = "report";
    public static final String MAX_WAIT = "max-wait";
    public static final String SHARD = "shard";

    /** What a run reads its instructions from. */
    public sealed interface Source {

        /** How the console and messages name it: the file's path, or {@code table cards_due_for_termination}. */
        String shown();
    }

    /** An input file; its SHA-256 makes an edited file a new run. */
    public record InputFile(Path path, String sha256) implements Source {

        @Override
        public String shown() {
            return path.toString();
        }
    }

    /** A table or query; the hash of what decides its rows and their order ({@link TableSource#identity()}). */
    public record Table(String shown, String sha256) implements Source {

        public static Table of(TableSource source) {
            return new Table(source.shown(), RunParameters.sha256(source.identity()));
        }
    }

    /** A whole run of an input file. */
    public RunParameters(String definition, Path input, String inputSha256, LocalDate runDate, Path report) {
        this(definition, new InputFile(input, inputSha256), runDate, report, null, Shard.WHOLE);
    }

    /** The run's identity as one stable string, for locks that must mean the same thing in every process. */
    public String identity(String jobName) {
        return identity(jobName, toJobParameters());
    }

    /** The job name and every identifying parameter, by name: the same for the same run however it was built. */
    public static String identity(String jobName, JobParameters parameters) {
        return Stream.concat(Stream.of(jobName), parameters.getIdentifyingParameters().stream()
                .sorted(Comparator.comparing(JobParameter::name))
                .map(parameter -> parameter.name() + "=" + parameter.value()))
                .collect(Collectors.joining("\u0000"));
    }

    /** The input's SHA-256 in hex: part of the run's identity, so an edited file is a new run. */
    public static String sha256(Path input) {
        try (InputStream file = Files.newInputStream(input)) {
            return sha256(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
        }
    }

    private static String sha256(InputStream content) throws IOException {
        try (DigestInputStream in = new DigestInputStream(content, MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
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
        if (source instanceof InputFile file) {
            builder.addString(INPUT, file.path().toAbsolutePath().normalize().toString(), true)
                    .addString(INPUT_SHA256, file.sha256(), true);
        }
        else if (source instanceof Table table) {
            builder.addString(SOURCE, table.shown(), true).addString(SOURCE_SHA256, table.sha256(), true);
        }
        return builder
                .addString(DEFINITION, definition, true)
                .addLocalDate(RUN_DATE, runDate, true)
                .addString(REPORT, report.toAbsolutePath().normalize().toString(), false)
                .toJobParameters();
    }
}
