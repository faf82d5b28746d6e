package io.cardsweep.instruction;

/**
 * The table or query a job reads its instructions from cannot be read as such: it does not exist, lacks a column,
 * its sort key is not unique, or the query fails. The message is one sentence naming the job definition field to
 * change, so the command prints it instead of a stack trace; no row is loaded, nothing is executed.
 */
public class TableSourceException extends RuntimeException {

    private final boolean misconfigured;

    /** @param misconfigured whether the job definition, or where it is read from, must change (see {@link #misconfigured()}) */
    public TableSourceException(String sentence, boolean misconfigured) {
        super(sentence);
        this.misconfigured = misconfigured;
    }

    TableSourceException(String sentence, boolean misconfigured, Throwable cause) {
        super(sentence, cause);
        this.misconfigured = misconfigured;
    }

    TableSourceException(String sentence) {
        this(sentence, true);
    }

    /**
     * True when the job definition is what must change (exit 2); false when the database could not be reached, which
     * the same command survives once it is back (exit 1).
     */
    public boolean misconfigured() {
        return misconfigured;
    }
}
