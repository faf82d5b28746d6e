package io.cardsweep.job;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cardsweep.sandbox.*}: whether a provider without a base URL is served by an in-process
 * sandbox (local use; the prod profile turns it off), and the cards it starts with.
 */
@ConfigurationProperties("cardsweep.sandbox")
public record SandboxProperties(@DefaultValue("true") boolean whenUnconfigured,
        @DefaultValue("sample-input/sandbox-cards.csv") Path cards) {
}
