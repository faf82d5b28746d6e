/**
 * Progress of a long run as a person or a log reader follows it: per provider, every few seconds, how much of a step is
 * done, how fast, and how long the rest should take — as lines in the log, or as bars in an interactive terminal.
 */
@NullMarked
package io.cardsweep.progress;

import org.jspecify.annotations.NullMarked;
