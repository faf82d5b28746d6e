package io.cardsweep.cli;

import java.util.List;

import io.cardsweep.instruction.InputFileException;
import io.cardsweep.instruction.TableSourceException;
import io.cardsweep.provider.ProviderFatalException;

/** Turns what made a run fail into the one sentence a person reads. */
final class FailureMessages {

    private FailureMessages() {
    }

    static String of(List<Throwable> failures) {
        if (failures.isEmpty()) {
            return "The run did not complete.";
        }
        for (Throwable failure : failures) {
            Throwable known = knownCause(failure);
            if (known != null) {
                return known.getMessage();
            }
        }
        Throwable root = rootCause(failures.get(0));
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
        return "The run failed: " + root.getClass().getSimpleName() + message;
    }

    /** The input file, or the table source the job definition names, is what must change: nothing was executed. */
    static boolean isInputProblem(List<Throwable> failures) {
        return failures.stream().map(FailureMessages::knownCause).anyMatch(known -> known instanceof InputFileException
                || known instanceof TableSourceException table && table.misconfigured());
    }

    static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static Throwable knownCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InputFileException || t instanceof TableSourceException || t instanceof ProviderFatalException) {
                return t;
            }
        }
        return null;
    }
}
