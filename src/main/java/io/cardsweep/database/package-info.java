/**
 * Where the PostgreSQL comes from: the configured datasource, or an embedded PostgreSQL whose data
 * folder survives between runs so a failed local run can be restarted; and the database a job's table source is
 * read from, the same one or a separate read-only pool.
 */
@NullMarked
package io.cardsweep.database;

import org.jspecify.annotations.NullMarked;
