package io.cardsweep.logging;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The encoder wrapper masks card numbers and configured secrets in the message, the exception and the MDC, in both formats. */
class RedactingEncoderTests {

    static final String PAN = "5512559729792627";
    static final String API_KEY = "test-key-DO-NOT-LEAK-1";
    static final String AGENT_SECRET = "htp-agent-DO-NOT-LEAK-2";
    static final String HASH_KEY = "hash-key-DO-NOT-LEAK-3";

    final LoggerContext context = new LoggerContext();

    @BeforeEach
    void springEnvironmentAsSpringBootHandsItToLogback() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", Map.of(
                "cardsweep.providers.plu.api-key", API_KEY,
                "spring.application.name", "cardsweep",
                "hash", HASH_KEY,
                "cardsweep.security.card-hash-key", "${hash}")));
        environment.getPropertySources().addFirst(new MapPropertySource("systemEnvironment", Map.of(
                "CARDSWEEP_PROVIDERS_HTP_AGENTSECRET", AGENT_SECRET)));
        context.putObject(Environment.class.getName(), environment);
    }

    ILoggingEvent carelessEvent() {
        LoggingEvent event = new LoggingEvent("test", context.getLogger("io.cardsweep.Careless"), Level.ERROR,
                "card {} refused key {}", new IllegalStateException("card " + PAN + " secret " + AGENT_SECRET,
                        new IllegalArgumentException("hash key " + HASH_KEY)), new Object[] {PAN, API_KEY});
        event.setMDCPropertyMap(Map.of("instructionId", "PD-1", "provider", "plu", "cardNumber", PAN));
        return event;
    }

    String encode(Encoder<ILoggingEvent> inner) {
        inner.setContext(context);
        inner.start();
        RedactingEncoder encoder = new RedactingEncoder();
        encoder.setContext(context);
        encoder.setEncoder(inner);
        encoder.start();
        assertThat(encoder.isStarted()).isTrue();
        return new String(encoder.encode(carelessEvent()), StandardCharsets.UTF_8);
    }

    @Test
    void masksMessageExceptionAndMdcInAPatternLine() {
        // given
        PatternLayoutEncoder pattern = new PatternLayoutEncoder();
        pattern.setPattern("%level %X %msg%n%ex");

        // when
        String line = encode(pattern);

        // then
        assertThat(line).contains("ERROR").contains("instructionId=PD-1").contains("card ****2627 refused key [REDACTED]")
                .contains("IllegalStateException: card ****2627 secret [REDACTED]").contains("hash key [REDACTED]")
                .contains("cardNumber=****2627").contains("\tat ");
        assertThat(line).doesNotContain(PAN).doesNotContain(API_KEY).doesNotContain(AGENT_SECRET).doesNotContain(HASH_KEY);
    }

    @Test
    void masksMessageExceptionAndMdcInAJsonLineThatStaysJson() {
        // given
        StructuredLogEncoder json = new StructuredLogEncoder();
        json.setFormat("ecs");

        // when
        String line = encode(json);

        // then
        JsonNode parsed = JsonMapper.builder().build().readTree(line);
        assertThat(parsed.path("message").asString()).isEqualTo("card ****2627 refused key [REDACTED]");
        assertThat(parsed.path("instructionId").asString()).isEqualTo("PD-1");
        assertThat(parsed.path("cardNumber").asString()).isEqualTo("****2627");
        assertThat(parsed.path("error").path("message").asString()).isEqualTo("card ****2627 secret [REDACTED]");
        assertThat(parsed.path("error").path("stack_trace").asString()).contains("hash key [REDACTED]");
        assertThat(line).doesNotContain(PAN).doesNotContain(API_KEY).doesNotContain(AGENT_SECRET).doesNotContain(HASH_KEY);
    }

    @Test
    void refusesToStartWithoutAnEncoderToWrap() {
        RedactingEncoder encoder = new RedactingEncoder();
        encoder.setContext(context);

        encoder.start();

        assertThat(encoder.isStarted()).isFalse();
    }

    @Test
    void takesSettingsNamedLikeSecretsForSecrets() {
        assertThat(SecretSettings.isSecret("cardsweep.providers.cartevo.client-key")).isTrue();
        assertThat(SecretSettings.isSecret("CARDSWEEP_PROVIDERS_PLU_APIKEY")).isTrue();
        assertThat(SecretSettings.isSecret("spring.datasource.password")).isTrue();
        assertThat(SecretSettings.isSecret("cardsweep.security.card-hash-key")).isTrue();
        assertThat(SecretSettings.isSecret("cardsweep.providers.nueve09.public-key")).isFalse();
        assertThat(SecretSettings.isSecret("cardsweep.providers.htp.agent-id")).isFalse();
    }
}
