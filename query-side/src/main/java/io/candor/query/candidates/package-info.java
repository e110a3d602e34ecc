/**
 * The candidates directory: who is registered, employed, searching, with their job-search team. Shares the
 * {@code pipeline} processing group, and tells every other view whether a candidate is known.
 */
package io.candor.query.candidates;
