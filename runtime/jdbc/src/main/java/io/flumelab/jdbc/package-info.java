/**
 * The {@code jdbc} source: rows of a table, or of a query, polled into events with the keys of the
 * flume-ng-sql-source plugin ({@code org.keedio.flume.source.SQLSource} is an alias). Names from
 * the configuration are checked as SQL identifiers, values are bound as parameters, and the
 * position (the last value of the incremental column) is written to the status file only after the
 * channels committed the rows before it.
 */
package io.flumelab.jdbc;
