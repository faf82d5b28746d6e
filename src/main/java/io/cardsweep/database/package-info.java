/**
 * Where the PostgreSQL comes from: the configured datasource, or an embedded PostgreSQL whose data
 * folder survives between runs so a failed local run can be restarted.
 */
@NullMarked
package io.cardsweep.database;

import org.jspecify.annotations.NullMarked;
