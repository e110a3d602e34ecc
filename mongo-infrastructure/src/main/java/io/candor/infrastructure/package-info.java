/**
 * Run-time wiring both sides share: the MongoDB client, Axon's Mongo event store and token store, and the
 * Jackson serialisation of messages. No domain decision and no view lives here.
 */
package io.candor.infrastructure;
