package io.cardsweep.logging;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * The values of the settings that hold secrets, wherever they were set (command line, job definition, environment
 * variable, profile file): those whose name ends in password, secret, api key, client key, hash key, private key,
 * token or credentials, in any spelling ({@code cardsweep.providers.htp.agent-secret},
 * {@code CARDSWEEP_PROVIDERS_PLU_APIKEY}, {@code spring.datasource.password}).
 */
final class SecretSettings {

    private static final List<String> SECRET_NAME_ENDINGS = List.of("password", "secret", "apikey", "clientkey", "hashkey", "privatekey",
            "token", "credentials");

    private SecretSettings() {
    }

    static Set<String> values(Environment environment) {
        Set<String> values = new LinkedHashSet<>();
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return values;
        }
        for (PropertySource<?> source : configurable.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    Object value = isSecret(name) ? enumerable.getProperty(name) : null;
                    if (value != null) {
                        // a placeholder (${CARDSWEEP_CARD_HASH_KEY}) stands for the secret, which is what must not be logged
                        values.add(environment.resolvePlaceholders(value.toString()));
                    }
                }
            }
        }
        return values;
    }

    static boolean isSecret(String propertyName) {
        String name = propertyName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return SECRET_NAME_ENDINGS.stream().anyMatch(name::endsWith);
    }
}
