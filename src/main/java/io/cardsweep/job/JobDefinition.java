package io.cardsweep.job;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import io.cardsweep.instruction.TableSource;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * A job definition ({@code jobs/*.yml}), bound from {@code cardsweep.job.*}.
 *
 * @param name the job's name; with an instruction id it forms the instruction key, so it must not change between runs
 * @param description what the job is for, shown at start
 * @param chunkSize rows per transaction in load and execute; small keeps restarts close to where a run stopped
 * @param columns input column names that differ from the defaults, by field ({@code card_id: card_token})
 * @param retry how withdrawals that provably did not execute are sent again
 * @param defaultLocation where Nueve09 withdrawals say they are made when a row has no latitude and longitude
 * @param maxWait how long a run may wait for deferred withdrawals (cooldowns, rate limits) to come due;
 *        {@code --max-wait} overrides it for one run
 * @param maxLineLength the longest line of an input file, in characters; a record with a longer line is rejected
 *        ({@code LINE_TOO_LONG}) without any of it being kept, and the file goes on
 * @param fullBalance whether an instruction without an amount, or with {@code ALL}, withdraws the card's whole balance
 *        (read from the provider just before); off, such an instruction is rejected, so that an amount left out by
 *        mistake never empties a card
 * @param terminate whether each card is terminated once its withdrawal has succeeded (or found nothing to reclaim);
 *        a termination is recorded and sent as a withdrawal is, once
 * @param source the table or query the instructions are read from, instead of an input file ({@code --input})
 * @param timeZone the zone whose date a run is for when {@code --run-date} is not given; unset, the system's
 */
@Validated
@ConfigurationProperties("cardsweep.job")
public record JobDefinition(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be lower-case letters, digits and dashes") String name,
        @Nullable String description,
        @DefaultValue("50") @Min(1) @Max(10_000) int chunkSize,
        @DefaultValue Map<String, String> columns,
        @DefaultValue @Valid Retry retry,
        @Nullable @Valid Location defaultLocation,
        @DefaultValue("30m") Duration maxWait,
        @DefaultValue("65536") @Min(1024) @Max(16_777_216) int maxLineLength,
        @DefaultValue("false") boolean fullBalance,
        @DefaultValue("false") boolean terminate,
        @Nullable TableSource source,
        @Nullable ZoneId timeZone) {

    /**
     * Today's date here is a run's date unless {@code --run-date} names another: a CronJob pod retried the same night
     * resumes that night's run, and the next night starts a new one.
     */
    public ZoneId runDateZone() {
        return timeZone != null ? timeZone : ZoneId.systemDefault();
    }

    /** A point on the map, as Nueve09 wants it: 5 decimals. */
    public record Location(
            @DecimalMin("-90") @DecimalMax("90") @Digits(integer = 2, fraction = 5) BigDecimal latitude,
            @DecimalMin("-180") @DecimalMax("180") @Digits(integer = 3, fraction = 5) BigDecimal longitude) {
    }

    /**
     * @param maxRetries further attempts after the first, only for failures that provably did not execute
     * @param initialBackoff wait before the first retry; doubles each time up to {@code maxBackoff}, with jitter
     */
    public record Retry(
            @DefaultValue("3") @Min(0) @Max(20) int maxRetries,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff) {
    }
}
