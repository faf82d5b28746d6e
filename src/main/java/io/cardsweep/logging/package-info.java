/**
 * What every log line carries and what none may: the instruction a line is about (MDC fields set around each
 * instruction's handling), and redaction of card numbers and secrets in whatever an encoder writes.
 */
@NullMarked
package io.cardsweep.logging;

import org.jspecify.annotations.NullMarked;
