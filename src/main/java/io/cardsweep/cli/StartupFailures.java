package io.cardsweep.cli;

import java.net.ConnectException;
import java.nio.file.Path;

import io.cardsweep.provider.ProviderFatalException;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;

/** One sentence for each way the application can fail to start or to run. */
final class StartupFailures {

    private StartupFailures() {
    }

    static String describe(Throwable failure, Path definition) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProviderFatalException fatal) {
                return fatal.getMessage();
            }
            if (t instanceof BindValidationException validation) {
                return "Job definition " + definition + " is invalid: " + validation.getValidationErrors().getAllErrors().stream()
                        .map(error -> error.getObjectName() + " " + error.getDefaultMessage()).reduce((a, b) -> a + "; " + b).orElse("");
            }
            if (t instanceof BindException bind) {
                return "Job definition " + definition + " has a value that cannot be used for " + bind.getName() + ": "
                        + FailureMessages.rootCause(bind).getMessage();
            }
            if (t instanceof java.sql.SQLException || t instanceof ConnectException) {
                return "Cannot use PostgreSQL: " + FailureMessages.rootCause(t).getMessage()
                        + " (check spring.datasource.url and that the database is running).";
            }
            if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().startsWith("Another cardsweep")) {
                return t.getMessage();
            }
        }
        Throwable root = FailureMessages.rootCause(failure);
        return "cardsweep could not run: " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
                + " (details in .cardsweep/logs/cardsweep.log)";
    }

    static int exitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return ExitCodes.USAGE;
            }
        }
        return ExitCodes.FAILED;
    }
}
