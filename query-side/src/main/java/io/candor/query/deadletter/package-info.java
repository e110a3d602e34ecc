/**
 * Poison events: each view's dead-letter queue in MongoDB ({@code dead_letters}), the policy that parks a failing
 * event instead of blocking the view, and the gauge of parked letters. Knows no particular view.
 */
package io.candor.query.deadletter;
