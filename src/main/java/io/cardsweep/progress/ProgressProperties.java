package io.cardsweep.progress;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * {@code cardsweep.progress.interval}: how often a long step says how far each provider has got ({@code 5s}); {@code 0}
 * or {@code off} for never. A text rather than a {@link Duration}, so that {@code off} reads as it is meant (YAML turns
 * an unquoted {@code off} into {@code false}, which is taken the same way).
 */
@ConfigurationProperties("cardsweep.progress")
public record ProgressProperties(@DefaultValue("5s") String interval) {

    public ProgressProperties {
        every(interval);
    }

    /** How often progress is told, or empty when it is not. */
    public Optional<Duration> every() {
        return every(interval);
    }

    private static Optional<Duration> every(String interval) {
        String value = interval.strip().toLowerCase(Locale.ROOT);
        if (value.equals("off") || value.equals("false")) {
            return Optional.empty();
        }
        Duration every;
        try {
            every = DurationStyle.detectAndParse(value);
        }
        catch (IllegalArgumentException | DateTimeParseException ex) {
            throw new IllegalArgumentException("cardsweep.progress.interval must be a duration such as 5s or 1m, or off, not '" + interval + "'");
        }
        if (every.isNegative()) {
            throw new IllegalArgumentException("cardsweep.progress.interval must not be negative, not '" + interval + "'");
        }
        return every.isZero() ? Optional.empty() : Optional.of(every);
    }
}
