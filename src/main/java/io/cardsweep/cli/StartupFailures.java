package io.cardsweep.cli;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.stream.Collectors;

import io.cardsweep.provider.ProviderFatalException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.core.env.Environment;
import org.springframework.validation.FieldError;

/** One sentence for each way the application can fail to start or to run. */
final class StartupFailures {

    private StartupFailures() {
    }

    static String describe(Throwable failure, Path definition) {
        return describe(failure, definition, null);
    }

    /** @param environment the application's settings, when they got that far: they say which database could not be used */
    static String describe(Throwable failure, Path definition, @Nullable Environment environment) {
        Optional<ProviderFatalException> fatal = find(failure, ProviderFatalException.class);
        if (fatal.isPresent()) {
            return fatal.get().getMessage();
        }
        Optional<BindValidationException> invalid = find(failure, BindValidationException.class);
        if (invalid.isPresent()) {
            return "Job definition " + definition + " is invalid: " + invalid.get().getValidationErrors().getAllErrors().stream()
                    .map(error -> (error instanceof FieldError field ? error.getObjectName() + "." + field.getField() : error.getObjectName())
                            + " " + error.getDefaultMessage())
                    .collect(Collectors.joining("; ")) + ".";
        }
        Optional<BindException> unbindable = find(failure, BindException.class);
        if (unbindable.isPresent()) {
            return "Job definition " + definition + " has a value that cannot be used for " + unbindable.get().getName() + ": "
                    + FailureMessages.rootCause(unbindable.get()).getMessage() + ".";
        }
        Optional<SQLException> database = find(failure, SQLException.class);
        if (database.isPresent()) {
            return DatabaseFailures.describe(database.get(), environment);
        }
        Optional<IllegalStateException> embedded = find(failure, IllegalStateException.class)
                .filter(ex -> ex.getMessage() != null && ex.getMessage().contains("embedded"));
        if (embedded.isPresent()) {
            return embedded.get().getMessage();
        }
        Throwable root = FailureMessages.rootCause(failure);
        return "cardsweep could not run: " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
                + " (details in the log file, .cardsweep/logs/cardsweep.log by default).";
    }

    static int exitCode(Throwable failure) {
        return find(failure, BindException.class).isPresent() ? ExitCodes.USAGE : ExitCodes.FAILED;
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
