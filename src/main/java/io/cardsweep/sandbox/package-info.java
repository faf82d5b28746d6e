/**
 * Simulators of the providers' documented APIs, run as their own process in tests and benchmarks,
 * keeping the record of what they executed as the truth a run is checked against.
 */
@NullMarked
package io.cardsweep.sandbox;

import org.jspecify.annotations.NullMarked;
