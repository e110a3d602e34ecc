/**
 * The audit timeline: one document per event with who recorded it and both clocks (when it happened, when it was
 * recorded), read as of any past instant on either clock, and exported as NDJSON. Processing group {@code timeline}.
 */
package io.candor.query.timeline;
