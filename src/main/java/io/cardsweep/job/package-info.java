/**
 * Spring Batch configuration of the jobs: load, execute and report steps over the ledger.
 */
@NullMarked
package io.cardsweep.job;

import org.jspecify.annotations.NullMarked;
