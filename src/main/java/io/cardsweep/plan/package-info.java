/**
 * {@code cardsweep plan}: what a run of a job definition on an input would do, before it does any of it — rows counted,
 * summed and screened as the load step screens them, and how long the providers' limits will make the run take.
 */
@NullMarked
package io.cardsweep.plan;

import org.jspecify.annotations.NullMarked;
