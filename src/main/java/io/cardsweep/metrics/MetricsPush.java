package io.cardsweep.metrics;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes every meter of the run to the Pushgateway, once, after the run's outcome is known: a PUT, which replaces what
 * the last run of the same job and shard pushed, so nothing of an earlier night lingers under tonight's push. The group
 * is the job definition's name and, for a run split with {@code --shard}, the shard, so the pods of a sharded run do not
 * overwrite each other; no instance label, so each night's push replaces the night before's.
 * <p>
 * A push that fails costs one warning and nothing else: the money has moved, and the run's exit code says how the run
 * went, not how the monitoring did.
 */
public final class MetricsPush {

    private static final Logger log = LoggerFactory.getLogger(MetricsPush.class);

    /** The most of a failure's message a warning repeats. */
    private static final int MAX_REASON = 160;

    private final PushgatewaySettings settings;
    private final Supplier<@Nullable PrometheusRegistry> registry;

    MetricsPush(PushgatewaySettings settings, Supplier<@Nullable PrometheusRegistry> registry) {
        this.settings = settings;
        this.registry = registry;
    }

    /** Whether a Pushgateway is set: without one, nothing about the run's end needs working out. */
    public boolean isOn() {
        return settings.isOn();
    }

    /**
     * @param job the job definition's name: the group's {@code job} label
     * @param shard the shard as {@code --shard} gave it ({@code 1/4}), null for a run that is not split
     * @return one line to warn with when the push failed; empty when it succeeded or pushing is off
     */
    public Optional<String> push(String job, @Nullable String shard) {
        if (!settings.isOn()) {
            return Optional.empty();
        }
        PrometheusRegistry prometheus = registry.get();
        if (prometheus == null) {
            return Optional.of(warning("Prometheus export is off (management.prometheus.metrics.export.enabled)"));
        }
        try {
            gateway(prometheus, job, shard).push();
            log.info("Metrics pushed to {} as job {}{}", settings.shown(), job, shard == null ? "" : ", shard " + shard);
            return Optional.empty();
        }
        catch (Exception ex) {
            log.warn("Metrics could not be pushed to {}", settings.shown(), ex);
            return Optional.of(warning(reason(ex)));
        }
    }

    private PushGateway gateway(PrometheusRegistry prometheus, String job, @Nullable String shard) {
        URI url = Objects.requireNonNull(settings.url());
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        PushGateway.Builder builder = PushGateway.builder()
                .registry(prometheus)
                .scheme(url.getScheme().toLowerCase(Locale.ROOT).equals("https") ? Scheme.HTTPS : Scheme.HTTP)
                .address(url.getRawAuthority() + path)
                .format(Format.PROMETHEUS_TEXT)
                .connectionTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .job(job);
        if (shard != null) {
            builder.groupingKey("shard", shard);
        }
        if (settings.token() != null) {
            builder.bearerToken(settings.token());
        }
        else if (settings.username() != null) {
            builder.basicAuth(settings.username(), Objects.requireNonNullElse(settings.password(), ""));
        }
        return builder.build();
    }

    private String warning(String reason) {
        return "Warning: the run's metrics were not pushed to the Pushgateway at " + settings.shown() + " (" + reason
                + "); the run's outcome is as reported.";
    }

    /** The innermost failure in a few words: its kind and the first line of its message, bounded. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        String reason = root.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message);
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }
}
