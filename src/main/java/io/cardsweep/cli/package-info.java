/**
 * The command line: parses commands, launches or restarts runs, prints the summary, sets the exit code.
 */
@NullMarked
package io.cardsweep.cli;

import org.jspecify.annotations.NullMarked;
