package io.cardsweep.job;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cardsweep.sandbox.*}: whether a provider without a base URL is served by an in-process
 * sandbox (local use; the prod profile turns it off), the cards it starts with, and how slowly it answers
 * (to watch a run, or to try stopping one).
 */
@ConfigurationProperties("cardsweep.sandbox")
public record SandboxProperties(@DefaultValue("true") boolean whenUnconfigured,
        @DefaultValue("sample-input/sandbox-cards.csv") Path cards,
        @DefaultValue("0ms") Duration latency) {
}
