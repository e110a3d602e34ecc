/**
 * The pipeline view: one document per opportunity (stage, round, furthest stage, offer, history), the
 * candidate's pipeline, the funnel by furthest stage reached and time spent in each stage. Processing group {@code pipeline}.
 */
package io.candor.query.pipeline;
