/**
 * Everything about a candidate on the command side: their commands, the {@code Candidate} aggregate (search,
 * employment, job-search team, erasure), the check other aggregates may make on a candidate, and the HTTP endpoints.
 */
package io.candor.command.candidate;
