/**
 * The {@code Idempotency-Key} header of the command API: the first request with a key is handled and its response
 * kept; a retry with the same key and request gets that response again and stores no second event. Nothing here
 * knows the aggregates: it works on requests and responses.
 */
package io.candor.command.idempotency;
