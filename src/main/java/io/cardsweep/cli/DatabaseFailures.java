package io.cardsweep.cli;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * One sentence for PostgreSQL refusing or not answering: the driver's first sentence, and where the run looked for the
 * database — {@code spring.datasource.url} up to the database name, without its parameters, since a password can be
 * one of them.
 */
final class DatabaseFailures {

    private DatabaseFailures() {
    }

    static String describe(SQLException failure, @Nullable Environment environment) {
        String where = where(environment);
        return "Cannot use PostgreSQL: " + firstSentence(failure.getMessage()) + " ("
                + (where == null ? "check spring.datasource.url" : "spring.datasource.url is " + where + ": check it")
                + ", and that the database is running).";
    }

    /** The configured URL without user information or parameters; null when none is configured (the embedded database). */
    static @Nullable String where(@Nullable Environment environment) {
        String url;
        try {
            url = environment == null ? null : environment.getProperty("spring.datasource.url");
        }
        catch (RuntimeException ex) {
            return null;
        }
        if (url == null || url.isBlank()) {
            return null;
        }
        String shown = url.strip();
        int parameters = shown.indexOf('?');
        if (parameters >= 0) {
            shown = shown.substring(0, parameters);
        }
        return shown.replaceFirst("//[^/@]*@", "//");
    }

    /** The driver says "Connection to host:port refused. Check that the hostname and port are correct and …": the first part. */
    static String firstSentence(@Nullable String message) {
        if (message == null || message.isBlank()) {
            return "no answer";
        }
        String line = message.strip().lines().findFirst().orElse("");
        int end = line.indexOf(". ");
        String first = end < 0 ? line : line.substring(0, end);
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }
}
