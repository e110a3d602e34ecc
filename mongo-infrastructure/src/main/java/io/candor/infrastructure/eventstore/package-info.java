/**
 * Candor's event store on MongoDB: every event keyed by its global position, found by exact keys only, so reading
 * an aggregate or following the stream costs the same with a thousand events stored as with millions, on a real
 * MongoDB and on the embedded server alike. Axon's storage-engine contract; nothing of the domain.
 */
package io.candor.infrastructure.eventstore;
