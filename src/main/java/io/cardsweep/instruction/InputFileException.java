package io.cardsweep.instruction;

import java.nio.file.Path;

/**
 * The input file as a whole cannot be read as instructions: missing, empty, binary, without the required
 * columns, or not CSV. The message is one sentence an operator can act on, so the command prints it
 * instead of a stack trace; no row of such a file is loaded.
 */
public class InputFileException extends RuntimeException {

    private final Path file;

    InputFileException(Path file, String problem) {
        super("Input file " + file + " " + problem);
        this.file = file;
    }

    InputFileException(Path file, String problem, Throwable cause) {
        super("Input file " + file + " " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
