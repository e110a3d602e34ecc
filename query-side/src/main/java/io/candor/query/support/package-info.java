/**
 * What every view shares: the per-aggregate positions each projection records (idempotency guard and
 * read-your-writes), the mapping of view documents to and from MongoDB, stage rules, and the problem+json errors.
 * Nothing here knows a particular view.
 */
package io.candor.query.support;
