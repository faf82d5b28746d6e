package io.cardsweep.provider;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * What a provider sent back, kept raw (status, the headers adapters act on, body bytes) so each adapter
 * parses the body itself and a body it cannot read becomes {@code Unknown} rather than an exception.
 *
 * @param status the HTTP status code
 * @param retryAfter the {@code Retry-After} header, if any
 * @param body the response body, empty when there was none
 * @param authorization the {@code Authorization} response header, if any: Nueve09 hands out its token there.
 *        A secret, so {@link #toString()} never shows it.
 */
public record ProviderAnswer(int status, @Nullable String retryAfter, byte[] body, @Nullable String authorization) {

    public ProviderAnswer {
        body = body.clone();
    }

    /** An answer without an {@code Authorization} header, which is every provider's but Nueve09's login. */
    public ProviderAnswer(int status, @Nullable String retryAfter, byte[] body) {
        this(status, retryAfter, body, null);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean isClientError() {
        return status >= 400 && status < 500;
    }

    public boolean isServerError() {
        return status >= 500 && status < 600;
    }

    /** The body as text, for classifying by message; never logged whole. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * How long the provider asked us to wait: {@code Retry-After} in seconds or as an HTTP date,
     * else {@code fallback} (also when the header cannot be read, since waiting too little only earns another 429).
     */
    public Duration retryAfter(Clock clock, Duration fallback) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return fallback;
        }
        String value = retryAfter.strip();
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(value));
            }
            Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), until);
            return wait.isNegative() ? Duration.ZERO : wait;
        }
        catch (NumberFormatException | DateTimeParseException ex) {
            return fallback;
        }
    }

    @Override
    public String toString() {
        return "ProviderAnswer[status=" + status + ", retryAfter=" + retryAfter + ", body=" + body.length + " bytes"
                + (authorization == null ? "" : ", authorization=****") + "]";
    }
}
