package io.cardsweep.logging;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * Wraps the encoder an appender writes with (a pattern, or Spring Boot's structured JSON) and passes each encoded line
 * through {@link LogRedaction}, so that what it masks never reaches a console or a file, whatever the format and
 * wherever in the line (message, exception, MDC) it came. The configured secrets are read from the Spring environment
 * Spring Boot hands the logging system. The wrapped encoder must write UTF-8.
 * <pre>{@code
 * <encoder class="io.cardsweep.logging.RedactingEncoder">
 *     <encoder class="org.springframework.boot.logging.logback.StructuredLogEncoder">...</encoder>
 * </encoder>
 * }</pre>
 */
public class RedactingEncoder extends EncoderBase<ILoggingEvent> {

    private @Nullable Encoder<ILoggingEvent> encoder;
    private LogRedaction redaction = new LogRedaction(Set.of());

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("No encoder to wrap: nest the encoder that formats the lines inside <encoder class=\"" + getClass().getName() + "\">");
            return;
        }
        Object environment = getContext().getObject(Environment.class.getName());
        redaction = new LogRedaction(environment instanceof Environment spring ? SecretSettings.values(spring) : Set.of());
        super.start();
    }

    @Override
    public void stop() {
        if (encoder != null) {
            encoder.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return wrapped().headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] encoded = wrapped().encode(event);
        if (encoded == null || encoded.length == 0) {
            return encoded;
        }
        String line = new String(encoded, StandardCharsets.UTF_8);
        String redacted = redaction.redact(line);
        return redacted.equals(line) ? encoded : redacted.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return wrapped().footerBytes();
    }

    private Encoder<ILoggingEvent> wrapped() {
        if (encoder == null) {
            throw new IllegalStateException("RedactingEncoder has no encoder to wrap");
        }
        return encoder;
    }
}
